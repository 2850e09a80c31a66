package cn.dsr.draw;

import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/** Readable ids (411622-2026Q2-P001, 411622-2026Q2-D001): a counter per tenant and prefix, in the caller's transaction. */
public final class Numbering {

    private Numbering() {}

    /** {@code <tenant>-<label>-<kind><nnn>}, e.g. {@code next(db, "411622", "2026Q2", 'D')}. */
    public static Mono<String> next(DatabaseClient db, String tenant, String label, char kind) {
        String scope = label + "-" + kind;
        return db.sql("""
                        INSERT INTO id_sequence (tenant, scope, last) VALUES (:tenant, :scope, 1)
                        ON CONFLICT (tenant, scope) DO UPDATE SET last = id_sequence.last + 1
                        RETURNING last""")
                .bind("tenant", tenant).bind("scope", scope)
                .map(row -> row.get("last", Integer.class)).one()
                .map(n -> "%s-%s-%c%03d".formatted(tenant, label, kind, n));
    }
}
