package cn.dsr.roster.org;

import cn.dsr.platform.outbox.Outbox;
import cn.dsr.platform.tenant.CurrentUser;
import cn.dsr.platform.tenant.Roles;
import cn.dsr.platform.tenant.TenantTx;
import cn.dsr.platform.web.ProblemException;
import cn.dsr.roster.RosterEvents;
import cn.dsr.roster.revision.RosterChanges;
import io.r2dbc.spi.Readable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@Service
public class OrgUnitService {

    private final TenantTx tx;
    private final Outbox outbox;
    private final RosterChanges changes;

    public OrgUnitService(TenantTx tx, Outbox outbox, RosterChanges changes) {
        this.tx = tx;
        this.outbox = outbox;
        this.changes = changes;
    }

    public record NewOrgUnit(String code, String name, OrgUnitKind kind, String parentCode) {}

    /** Published state: the unit plus the tenant's roster revision after the change. */
    public record OrgUnitState(String code, String name, OrgUnitKind kind, String parentCode, String tenant,
                               String status, long rosterRevision) {}

    public Mono<OrgUnitState> create(CurrentUser user, NewOrgUnit request) {
        OrgUnitRules.check(request.code(), request.kind(), request.parentCode())
                .ifPresent(r -> { throw ProblemException.invalid(r.field(), r.message()); });
        String tenant = OrgUnitRules.tenantOf(request.code(), request.kind(), request.parentCode());
        authorize(user, request.kind(), tenant);
        OrgUnit unit = new OrgUnit(request.code(), request.name().strip(), request.kind(), request.parentCode(), tenant, "ACTIVE");
        return tx.inTenants(user.visibleTenants(), db -> requireParent(db, unit)
                .then(exists(db, unit.code()))
                .flatMap(exists -> exists
                        ? Mono.error(ProblemException.conflict("org unit " + unit.code() + " exists already"))
                        : insert(db, unit))
                .then(changes.record(db, new RosterChanges.Change(tenant, "org-unit", unit.code(), "CREATED",
                        user.username(), null, unit)))
                .flatMap(revision -> {
                    OrgUnitState state = new OrgUnitState(unit.code(), unit.name(), unit.kind(), unit.parentCode(),
                            unit.tenant(), unit.status(), revision);
                    return outbox.publish(RosterEvents.ORG_UNIT_STATE, unit.code(), tenant, state).thenReturn(state);
                }));
    }

    public Flux<OrgUnit> list(CurrentUser user) {
        return tx.manyInTenants(user.visibleTenants(), db -> db.sql("SELECT * FROM org_unit ORDER BY code").map(OrgUnitService::read).all());
    }

    public Mono<OrgUnit> get(CurrentUser user, String code) {
        return tx.inTenants(user.visibleTenants(), db -> db.sql("SELECT * FROM org_unit WHERE code = :code")
                        .bind("code", code).map(OrgUnitService::read).one())
                .switchIfEmpty(Mono.error(() -> ProblemException.notFound("no org unit " + code)));
    }

    /** The city coordinator builds the city's tree; a district operator adds its own departments. */
    private static void authorize(CurrentUser user, OrgUnitKind kind, String tenant) {
        boolean cityScope = user.hasRole(Roles.CITY_COORDINATOR) && user.visibleTenants().stream()
                .anyMatch(scope -> scope.equals(tenant) || scope.endsWith("*") && tenant.startsWith(scope.substring(0, scope.length() - 1)));
        boolean ownDepartment = kind == OrgUnitKind.DEPARTMENT && user.hasRole(Roles.DISTRICT_OPERATOR) && tenant.equals(user.tenant());
        if (!cityScope && !ownDepartment) {
            throw ProblemException.forbidden("not allowed to create a " + kind + " unit in tenant " + tenant);
        }
    }

    private Mono<Void> requireParent(DatabaseClient db, OrgUnit unit) {
        if (unit.parentCode() == null) return Mono.empty();
        return exists(db, unit.parentCode()).flatMap(found -> found
                ? Mono.<Void>empty()
                : Mono.error(ProblemException.invalid("parentCode", "unknown org unit " + unit.parentCode())));
    }

    private Mono<Boolean> exists(DatabaseClient db, String code) {
        return db.sql("SELECT 1 FROM org_unit WHERE code = :code").bind("code", code).fetch().first().hasElement();
    }

    private Mono<Void> insert(DatabaseClient db, OrgUnit unit) {
        var insert = db.sql("INSERT INTO org_unit (code, name, kind, parent_code, tenant, status) VALUES (:code, :name, :kind, :parent, :tenant, :status)")
                .bind("code", unit.code()).bind("name", unit.name()).bind("kind", unit.kind().name())
                .bind("tenant", unit.tenant()).bind("status", unit.status());
        insert = unit.parentCode() == null ? insert.bindNull("parent", String.class) : insert.bind("parent", unit.parentCode());
        return insert.then();
    }

    private static OrgUnit read(Readable row) {
        return new OrgUnit(row.get("code", String.class), row.get("name", String.class),
                OrgUnitKind.valueOf(row.get("kind", String.class)), row.get("parent_code", String.class),
                row.get("tenant", String.class), row.get("status", String.class));
    }
}
