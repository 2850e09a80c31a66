package cn.dsr.inspection.task;

import cn.dsr.platform.refusal.Refused;
import cn.dsr.platform.tenant.CurrentUser;
import cn.dsr.platform.tenant.Roles;
import cn.dsr.platform.tenant.TenantTx;
import cn.dsr.platform.web.ProblemException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Who sees which tasks. District staff, the city coordinator and auditors see every task of the
 * tenants they may see; an inspector sees only the visits of their own teams (抽查保密, 000) —
 * including visits in another district of the city, where a city-level draw sent them (003).
 */
@Component
public class TaskAccess {

    public static final List<String> DISTRICT_STAFF = List.of(Roles.DISTRICT_OPERATOR, Roles.DISTRICT_HEAD);
    public static final List<String> TENANT_READERS = List.of(Roles.DISTRICT_OPERATOR, Roles.DISTRICT_HEAD, Roles.CITY_COORDINATOR, Roles.AUDITOR);

    private final TenantTx tx;
    private final Tasks tasks;

    public TaskAccess(TenantTx tx, Tasks tasks) {
        this.tx = tx;
        this.tasks = tasks;
    }

    /** The caller reads as an inspector: only the tasks of their teams. */
    public static boolean inspectorView(CurrentUser user) {
        return !user.hasAnyRole(TENANT_READERS) && user.hasRole(Roles.INSPECTOR);
    }

    public static void requireReader(CurrentUser user) {
        if (!user.hasAnyRole(TENANT_READERS) && !user.hasRole(Roles.INSPECTOR)) {
            throw Refused.forbidden("tasks are read by inspectors, district staff, the city coordinator and auditors");
        }
        if (inspectorView(user) && user.inspectorId() == null) {
            throw Refused.forbidden("the token names no inspector (claim inspector_id)");
        }
    }

    /** Runs work in one transaction that sees what the caller may see. */
    public <T> Mono<T> inScope(CurrentUser user, Function<DatabaseClient, Mono<T>> work) {
        return scopes(user).flatMap(scopes -> tx.inTenants(scopes, work));
    }

    public <T> Flux<T> manyInScope(CurrentUser user, Function<DatabaseClient, Flux<T>> work) {
        return scopes(user).flatMapMany(scopes -> tx.manyInTenants(scopes, work));
    }

    /**
     * Loads a task the caller may see. Another tenant's task does not exist for the caller (404);
     * an inspector of the tenant who is not on the visit's team is refused (403).
     */
    public Mono<Task> visible(DatabaseClient db, CurrentUser user, String taskId, boolean forUpdate) {
        return tasks.find(db, taskId, forUpdate)
                .switchIfEmpty(Mono.error(() -> ProblemException.notFound("no task " + taskId)))
                .doOnNext(task -> {
                    if (inspectorView(user) && !task.onTeam(user.inspectorId())) {
                        throw Refused.forbidden("inspector " + user.inspectorId() + " is not on the team assigned to task " + taskId);
                    }
                });
    }

    /**
     * The tenant scopes of the caller's transaction: their own, and for an inspector also the
     * districts of the visits they are assigned to, found from their home tenant's rows.
     */
    private Mono<List<String>> scopes(CurrentUser user) {
        requireReader(user);
        if (!inspectorView(user)) return Mono.just(user.visibleTenants());
        return tx.manyInTenants(user.visibleTenants(), db -> db.sql(
                        "SELECT DISTINCT tenant FROM task_member WHERE inspector_id = :me AND active")
                        .bind("me", user.inspectorId()).map(row -> row.get("tenant", String.class)).all())
                .collectList()
                .map(assigned -> {
                    Set<String> all = new LinkedHashSet<>(user.visibleTenants());
                    all.addAll(assigned);
                    return List.copyOf(all);
                });
    }
}
