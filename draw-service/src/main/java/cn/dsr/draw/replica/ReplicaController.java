package cn.dsr.draw.replica;

import cn.dsr.platform.tenant.CurrentUser;
import cn.dsr.platform.tenant.TenantTx;
import java.time.LocalDate;
import java.time.ZoneId;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** What the draw service knows of the roster: lets an operator see that a change has arrived. */
@RestController
@RequestMapping("/api/draw/replica")
public class ReplicaController {

    private final TenantTx tx;
    private final RosterSnapshot snapshot;

    public ReplicaController(TenantTx tx, RosterSnapshot snapshot) {
        this.tx = tx;
        this.snapshot = snapshot;
    }

    public record ReplicatedOrgUnit(String code, String name, String kind, String parentCode, String tenant,
                                    String status, long rosterRevision) {}

    public record TenantRevision(String tenant, long revision) {}

    @GetMapping("/org-units")
    public Flux<ReplicatedOrgUnit> orgUnits() {
        return CurrentUser.current().flatMapMany(user -> tx.manyInTenants(user.visibleTenants(), db -> db
                .sql("SELECT * FROM replica_org_unit ORDER BY code")
                .map(row -> new ReplicatedOrgUnit(row.get("code", String.class), row.get("name", String.class),
                        row.get("kind", String.class), row.get("parent_code", String.class), row.get("tenant", String.class),
                        row.get("status", String.class), row.get("roster_revision", Long.class)))
                .all()));
    }

    /** The newest roster revision received per tenant: what the next draw would freeze. */
    @GetMapping("/revisions")
    public Flux<TenantRevision> revisions() {
        return CurrentUser.current().flatMapMany(user -> tx.manyInTenants(user.visibleTenants(), db -> db
                .sql("SELECT tenant, revision FROM replica_roster_revision ORDER BY tenant")
                .map(row -> new TenantRevision(row.get("tenant", String.class), row.get("revision", Long.class)))
                .all()));
    }

    /** The entities the next draw would read, as replicated. */
    @GetMapping("/entities")
    public Flux<ReplicatedEntity> entities() {
        return CurrentUser.current().flatMapMany(user -> tx.manyInTenants(user.visibleTenants(), db -> db
                .sql("SELECT * FROM replica_entity ORDER BY uscc").map(RosterSnapshot::entity).all()));
    }

    /** What the inspection history and the draws say about one entity this year (or another year). */
    @GetMapping("/history/{uscc}")
    public Mono<RosterSnapshot.EntityHistory> history(@PathVariable String uscc, @RequestParam(required = false) Integer year) {
        int y = year == null ? LocalDate.now(ZoneId.of("Asia/Shanghai")).getYear() : year;
        return CurrentUser.current().flatMap(user -> tx.inTenants(user.visibleTenants(), db -> snapshot.entityHistory(db, uscc, y)));
    }
}
