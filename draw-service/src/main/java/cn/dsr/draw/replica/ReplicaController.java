package cn.dsr.draw.replica;

import cn.dsr.platform.tenant.CurrentUser;
import cn.dsr.platform.tenant.TenantTx;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;

/** What the draw service knows of the roster: lets an operator see that a change has arrived. */
@RestController
@RequestMapping("/api/draw/replica")
public class ReplicaController {

    private final TenantTx tx;

    public ReplicaController(TenantTx tx) {
        this.tx = tx;
    }

    public record ReplicatedOrgUnit(String code, String name, String kind, String parentCode, String tenant,
                                    String status, long rosterRevision) {}

    @GetMapping("/org-units")
    public Flux<ReplicatedOrgUnit> orgUnits() {
        return CurrentUser.current().flatMapMany(user -> tx.manyInTenants(user.visibleTenants(), db -> db
                .sql("SELECT * FROM replica_org_unit ORDER BY code")
                .map(row -> new ReplicatedOrgUnit(row.get("code", String.class), row.get("name", String.class),
                        row.get("kind", String.class), row.get("parent_code", String.class), row.get("tenant", String.class),
                        row.get("status", String.class), row.get("roster_revision", Long.class)))
                .all()));
    }
}
