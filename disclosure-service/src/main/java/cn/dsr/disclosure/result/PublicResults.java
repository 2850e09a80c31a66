package cn.dsr.disclosure.result;

import java.util.ArrayList;
import java.util.List;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the published results. Only {@code public_result} is read, which holds nothing the
 * public may not see; no tenant is set, the public tables' policies let anyone read them.
 */
@Component
public class PublicResults {

    private final DatabaseClient db;
    private final JsonMapper json;

    public PublicResults(DatabaseClient db, JsonMapper json) {
        this.db = db;
        this.json = json;
    }

    /** A published version: current, or superseded by a later one; with its public document. */
    public record Shown(String state, JsonNode document) {}

    public record Search(String namePattern, String uscc, String district, String period, String conclusion) {}

    public Flux<Shown> search(Search q, int page, int size) {
        StringBuilder sql = new StringBuilder("SELECT current, document::text AS document FROM public_result WHERE current");
        List<Object[]> binds = new ArrayList<>();
        if (q.namePattern() != null) { sql.append(" AND name LIKE :name"); binds.add(new Object[]{"name", q.namePattern()}); }
        if (q.uscc() != null) { sql.append(" AND uscc = :uscc"); binds.add(new Object[]{"uscc", q.uscc()}); }
        if (q.district() != null) { sql.append(" AND district = :district"); binds.add(new Object[]{"district", q.district()}); }
        if (q.period() != null) { sql.append(" AND period = :period"); binds.add(new Object[]{"period", q.period()}); }
        if (q.conclusion() != null) { sql.append(" AND conclusion = :conclusion"); binds.add(new Object[]{"conclusion", q.conclusion()}); }
        sql.append(" ORDER BY inspection_date DESC, result_id LIMIT :limit OFFSET :offset");
        DatabaseClient.GenericExecuteSpec spec = db.sql(sql.toString());
        for (Object[] b : binds) spec = spec.bind((String) b[0], b[1]);
        return spec.bind("limit", size).bind("offset", page * size).map(this::shown).all();
    }

    /** Every published version about an entity, newest inspection first, later versions before earlier ones. */
    public Flux<Shown> history(String uscc) {
        return db.sql("SELECT current, document::text AS document FROM public_result WHERE uscc = :uscc ORDER BY inspection_date DESC, result_id, version DESC")
                .bind("uscc", uscc).map(this::shown).all();
    }

    /** Every published version of a period, for the period's page and the open-data export. */
    public Flux<Shown> period(String period, String district) {
        return (district == null
                ? db.sql("SELECT current, document::text AS document FROM public_result WHERE period = :period ORDER BY district, inspection_date, result_id, version")
                : db.sql("SELECT current, document::text AS document FROM public_result WHERE period = :period AND district = :district ORDER BY inspection_date, result_id, version")
                        .bind("district", district))
                .bind("period", period).map(this::shown).all();
    }

    /** How many of a period's records are withheld as national secrets: counted, never shown. */
    public Mono<Long> withheld(String period, String district) {
        var spec = db.sql("SELECT public_withheld_count(:period, :district) AS n").bind("period", period)
                .bind("district", org.springframework.r2dbc.core.Parameter.fromOrEmpty(district, String.class));
        return spec.map(r -> r.get("n", Long.class)).one();
    }

    private Shown shown(io.r2dbc.spi.Readable r) {
        return new Shown(Boolean.TRUE.equals(r.get("current", Boolean.class)) ? "PUBLISHED" : "SUPERSEDED",
                json.readTree(r.get("document", String.class)));
    }

}
