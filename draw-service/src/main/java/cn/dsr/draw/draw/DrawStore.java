package cn.dsr.draw.draw;

import cn.dsr.draw.draw.Draw.Cancellation;
import cn.dsr.draw.draw.Draw.SourceState;
import io.r2dbc.postgresql.codec.Json;
import io.r2dbc.spi.Readable;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Reads draws, inside the caller's tenant transaction. */
@Component
public class DrawStore {

    private static final TypeReference<List<FrozenPlan>> PLANS = new TypeReference<>() {};

    private final JsonMapper json;

    public DrawStore(JsonMapper json) {
        this.json = json;
    }

    /** The stored row: what was frozen at scheduling and where the lifecycle stands. */
    public record DrawRow(String id, String tenant, String level, String period, int year, List<String> planIds,
                          List<FrozenPlan> plans, String input, String inputDigest, long rosterRevision,
                          String rosterRevisions, String replaces, String status, String scheduledBy,
                          OffsetDateTime scheduledAt, OffsetDateTime disclosedAt) {

        public Map<String, FrozenPlan> plansById() {
            Map<String, FrozenPlan> byId = new LinkedHashMap<>();
            plans.forEach(p -> byId.put(p.planId(), p));
            return byId;
        }
    }

    public record Source(String source, String commitment, String value) {}

    public Mono<DrawRow> row(DatabaseClient db, String id, boolean forUpdate) {
        return db.sql("SELECT * FROM draw WHERE id = :id" + (forUpdate ? " FOR UPDATE" : "")).bind("id", id).map(this::row).one();
    }

    public Mono<List<Source>> sources(DatabaseClient db, String id) {
        return db.sql("""
                        SELECT s.source, s.commitment, r.value FROM draw_source s
                          LEFT JOIN draw_randomness r ON r.draw_id = s.draw_id AND r.source = s.source
                         WHERE s.draw_id = :id ORDER BY s.source""")
                .bind("id", id)
                .map(r -> new Source(r.get("source", String.class), r.get("commitment", String.class), r.get("value", String.class)))
                .all().collectList();
    }

    public Mono<String> record(DatabaseClient db, String id) {
        return db.sql("SELECT record FROM draw_record WHERE draw_id = :id").bind("id", id)
                .map(r -> r.get("record", String.class)).one();
    }

    private record Result(String digest, OffsetDateTime executedAt) {}

    /** The full view of a draw: its row, sources, result, cancellation and successor. */
    public Mono<Draw> view(DatabaseClient db, String id) {
        return row(db, id, false).flatMap(row -> Mono.zip(
                sources(db, id),
                db.sql("SELECT result_digest, executed_at FROM draw_record WHERE draw_id = :id").bind("id", id)
                        .map(r -> new Result(r.get("result_digest", String.class), r.get("executed_at", OffsetDateTime.class)))
                        .one().defaultIfEmpty(new Result(null, null)),
                db.sql("SELECT * FROM draw_cancellation WHERE draw_id = :id").bind("id", id)
                        .map(r -> new Cancellation(r.get("reason", String.class), r.get("requested_by", String.class),
                                r.get("requested_at", OffsetDateTime.class), r.get("approved_by", String.class),
                                r.get("approved_at", OffsetDateTime.class)))
                        .one().map(Optional::of).defaultIfEmpty(Optional.empty()),
                db.sql("SELECT id FROM draw WHERE replaces = :id").bind("id", id)
                        .map(r -> r.get("id", String.class)).one().map(Optional::of).defaultIfEmpty(Optional.empty()))
                .map(t -> new Draw(row.id(), row.tenant(), row.level(), row.period(), row.planIds(), row.status(),
                        row.inputDigest(), row.rosterRevision(), row.rosterRevisions(),
                        t.getT1().stream().map(s -> new SourceState(s.source(), s.commitment(), s.value() != null)).toList(),
                        row.replaces(), t.getT4().orElse(null), row.scheduledBy(), row.scheduledAt(),
                        t.getT2().digest(), t.getT2().executedAt(), t.getT3().orElse(null), row.disclosedAt(), row.plans())));
    }

    public String plansJson(List<FrozenPlan> plans) {
        return json.writeValueAsString(plans);
    }

    private DrawRow row(Readable r) {
        return new DrawRow(r.get("id", String.class), r.get("tenant", String.class), r.get("level", String.class),
                r.get("period", String.class), r.get("year", Integer.class), Arrays.asList(r.get("plan_ids", String[].class)),
                json.readValue(r.get("plans", Json.class).asString(), PLANS), r.get("input", String.class),
                r.get("input_digest", String.class), r.get("roster_revision", Long.class), r.get("roster_revisions", String.class),
                r.get("replaces", String.class), r.get("status", String.class), r.get("scheduled_by", String.class),
                r.get("scheduled_at", OffsetDateTime.class), r.get("disclosed_at", OffsetDateTime.class));
    }
}
