package cn.dsr.draw.access;

import cn.dsr.platform.tenant.CurrentUser;
import cn.dsr.platform.tenant.Roles;
import cn.dsr.platform.tenant.TenantTx;
import cn.dsr.platform.web.ProblemException;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The access log of undisclosed selections (抽查保密, seed 000: leaks are disciplined, so every
 * view must be attributable). A read writes its entry in the same transaction, before the data
 * is selected: if the entry cannot be written, the read fails and returns nothing.
 */
@Component
public class AccessLog {

    private final TenantTx tx;

    public AccessLog(TenantTx tx) {
        this.tx = tx;
    }

    public record Entry(long id, String tenant, String drawId, String subject, String username, List<String> roles,
                        String purpose, String what, OffsetDateTime accessedAt) {}

    /** Writes one entry inside the caller's transaction. */
    public Mono<Void> write(DatabaseClient db, CurrentUser user, String tenant, String drawId, String purpose, String what) {
        if (purpose == null || purpose.isBlank()) {
            return Mono.error(ProblemException.invalid("purpose", "a read of an undisclosed selection states its purpose"));
        }
        var insert = db.sql("""
                        INSERT INTO access_log (tenant, draw_id, subject, username, roles, purpose, what)
                        VALUES (:tenant, :draw, :subject, :username, :roles, :purpose, :what)""")
                .bind("tenant", tenant).bind("draw", drawId).bind("subject", user.subject())
                .bind("roles", user.roles().stream().sorted().toArray(String[]::new))
                .bind("purpose", purpose.strip()).bind("what", what);
        insert = user.username() == null ? insert.bindNull("username", String.class) : insert.bind("username", user.username());
        return insert.then();
    }

    /** The log, for auditors only: all reads of one draw, or of every draw they may see. */
    public Flux<Entry> read(CurrentUser user, String drawId) {
        if (!user.hasRole(Roles.AUDITOR)) {
            return Flux.error(ProblemException.forbidden("the access log is read by auditors"));
        }
        return tx.manyInTenants(user.visibleTenants(), db -> (drawId == null
                ? db.sql("SELECT * FROM access_log ORDER BY id")
                : db.sql("SELECT * FROM access_log WHERE draw_id = :draw ORDER BY id").bind("draw", drawId))
                .map(row -> new Entry(row.get("id", Long.class), row.get("tenant", String.class), row.get("draw_id", String.class),
                        row.get("subject", String.class), row.get("username", String.class),
                        Arrays.asList(row.get("roles", String[].class)), row.get("purpose", String.class),
                        row.get("what", String.class), row.get("accessed_at", OffsetDateTime.class)))
                .all());
    }
}
