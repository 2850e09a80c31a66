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
    }

    /**
     * The inspector ids the caller acts as: the token's {@code inspector_id}, and the roster
     * inspectors whose sign-in account is the caller's in the caller's tenant — the draw staffs
     * visits with roster ids, which the identity provider does not know. Inside {@link #inScope}
     * they are the ids its transaction read first, so one request reads the roster once.
     */
    public Mono<Set<String>> actingAs(DatabaseClient db, CurrentUser user) {
        return Mono.deferContextual(ctx -> ctx.<Acting>getOrEmpty(Acting.class)
                .filter(acting -> acting.user().equals(user))
                .map(acting -> Mono.just(acting.ids()))
                .orElseGet(() -> readActingAs(db, user)));
    }

    private static Mono<Set<String>> readActingAs(DatabaseClient db, CurrentUser user) {
        Mono<List<String>> linked = user.username() == null || user.tenant() == null ? Mono.just(List.of())
                : db.sql("SELECT inspector_id FROM roster_account WHERE tenant = :tenant AND account = :account")
                        .bind("tenant", user.tenant()).bind("account", user.username())
                        .map(row -> row.get("inspector_id", String.class)).all().collectList();
        return linked.map(ids -> {
            Set<String> all = new LinkedHashSet<>();
            if (user.inspectorId() != null) all.add(user.inspectorId());
            all.addAll(ids);
            return Set.copyOf(all);
        });
    }

    /** The caller acts for the visit's team. */
    public Mono<Boolean> onTeam(DatabaseClient db, CurrentUser user, Task task) {
        return actingAs(db, user).map(task::onTeam);
    }

    /** Who may record a visit (and start it): its team, or the district's staff for a visit without one. */
    public Mono<Void> requireRecorder(DatabaseClient db, CurrentUser user, Task task) {
        boolean staff = user.hasAnyRole(DISTRICT_STAFF) && task.tenant().equals(user.tenant());
        return actingAs(db, user).flatMap(ids -> task.mayBeRecordedBy(ids, staff) ? Mono.<Void>empty()
                : Mono.error(Refused.forbidden(task.hasTeam()
                        ? "the visit is recorded by the team assigned to it"
                        : "a visit without a team is recorded by the district's staff")));
    }

    /** The caller is on the visit's team or on the staff of its district. */
    public Mono<Void> requireTeamOrStaff(DatabaseClient db, CurrentUser user, Task task, String refusal) {
        boolean staff = user.hasAnyRole(DISTRICT_STAFF) && task.tenant().equals(user.tenant());
        if (staff) return Mono.empty();
        return onTeam(db, user, task).flatMap(on -> on ? Mono.<Void>empty() : Mono.error(Refused.forbidden(refusal)));
    }

    /**
     * Runs work in one transaction that sees what the caller may see. An inspector's scopes are
     * read first in that same transaction, which the work then joins with {@code app.tenant}
     * widened to them.
     */
    public <T> Mono<T> inScope(CurrentUser user, Function<DatabaseClient, Mono<T>> work) {
        requireReader(user);
        if (!inspectorView(user)) return tx.inTenants(user.visibleTenants(), work);
        return tx.inTenants(user.visibleTenants(), db -> inspectorScope(db, user).flatMap(acting ->
                tx.inTenants(acting.scopes(), work).contextWrite(ctx -> ctx.put(Acting.class, acting))));
    }

    public <T> Flux<T> manyInScope(CurrentUser user, Function<DatabaseClient, Flux<T>> work) {
        requireReader(user);
        if (!inspectorView(user)) return tx.manyInTenants(user.visibleTenants(), work);
        return tx.manyInTenants(user.visibleTenants(), db -> inspectorScope(db, user).flatMapMany(acting ->
                tx.manyInTenants(acting.scopes(), work).contextWrite(ctx -> ctx.put(Acting.class, acting))));
    }

    /**
     * The districts of the visits an inspector is on, by a loose index scan of
     * {@code task_member_inspector_tenant}: the next district after the last one found, once per
     * district and inspector id. A plain DISTINCT reads every visit the inspector was ever on, each
     * through the row policy, and that grows with every visit; this stays a few probes.
     */
    private static final String ASSIGNED_TENANTS = """
            SELECT DISTINCT found.tenant FROM unnest(CAST(:me AS text[])) AS me(id), LATERAL (
              WITH RECURSIVE next(tenant) AS (
                  SELECT min(tenant) FROM task_member WHERE inspector_id = me.id AND active
                UNION ALL
                  SELECT (SELECT min(m.tenant) FROM task_member m WHERE m.inspector_id = me.id AND m.active AND m.tenant > next.tenant)
                    FROM next WHERE next.tenant IS NOT NULL)
              SELECT tenant FROM next WHERE tenant IS NOT NULL) AS found""";

    /** Whom an inspector acts as, and the tenant scopes that follow, read once per transaction. */
    private record Acting(CurrentUser user, Set<String> ids, List<String> scopes) {}

    /**
     * Loads a task the caller may see. Another tenant's task does not exist for the caller (404);
     * an inspector of the tenant who is not on the visit's team is refused (403).
     */
    public Mono<Task> visible(DatabaseClient db, CurrentUser user, String taskId, boolean forUpdate) {
        return tasks.find(db, taskId, forUpdate)
                .switchIfEmpty(Mono.error(() -> ProblemException.notFound("no task " + taskId)))
                .flatMap(task -> !inspectorView(user) ? Mono.just(task) : onTeam(db, user, task).flatMap(on -> on ? Mono.just(task)
                        : Mono.error(Refused.forbidden(user.username() + " is not on the team assigned to task " + taskId))));
    }

    /**
     * The tenant scopes of an inspector's transaction: their own, and also the districts of the
     * visits they are assigned to, found from their home tenant's rows — read in the same
     * transaction, before it widens {@code app.tenant} to them.
     */
    private static Mono<Acting> inspectorScope(DatabaseClient db, CurrentUser user) {
        return readActingAs(db, user).flatMap(me -> {
            if (me.isEmpty()) {
                return Mono.error(Refused.forbidden("the caller is no inspector: the token names none (claim inspector_id)"
                        + " and no roster inspector has the sign-in account " + user.username()));
            }
            return db.sql(ASSIGNED_TENANTS).bind("me", me.toArray(String[]::new)).map(row -> row.get("tenant", String.class)).all()
                    .collectList()
                    .map(assigned -> {
                        Set<String> all = new LinkedHashSet<>(user.visibleTenants());
                        all.addAll(assigned);
                        return new Acting(user, me, List.copyOf(all));
                    });
        });
    }
}
