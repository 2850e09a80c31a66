package cn.dsr.disclosure.feed;

import cn.dsr.platform.tracing.EventTracing;
import io.r2dbc.postgresql.codec.Json;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Appends to the change log, in the transaction that makes the change public. The event id is
 * derived from what the change is ({@code type}, subject, and the revision of the subject), so
 * re-deriving the same change — a redelivered input event, a replay — yields the same id and
 * is stored once. Appends are serialized, so the change log's order is the order changes committed.
 * A change keeps the traceparent of the span that made it, so the feed can say which request caused it.
 */
@Component
public class PublicChanges {

    private static final long APPEND_LOCK = 0x6473725f63686eL; // "dsr_chn"
    private final JsonMapper json;

    public PublicChanges(JsonMapper json) {
        this.json = json;
    }

    /**
     * @param key      the Kafka key: the entity's USCC for results and list entries, the plan id for plans
     * @param revision what distinguishes this change of the subject from its others
     */
    public Mono<Void> append(DatabaseClient db, FeedType type, String key, String subject, String tenant, String revision, Object data) {
        UUID id = stableId(type, subject, revision);
        // held until commit: ids are handed out in commit order, so a reader after cursor n never misses a change
        return db.sql("SELECT pg_advisory_xact_lock(" + APPEND_LOCK + ")").fetch().rowsUpdated().then(Mono.deferContextual(ctx -> {
            DatabaseClient.GenericExecuteSpec insert = db.sql("""
                            INSERT INTO public_change (event_id, type, key, subject, tenant, time, data, traceparent)
                            VALUES (:id, :type, :key, :subject, :tenant, :time, :data, :traceparent) ON CONFLICT (event_id) DO NOTHING""")
                    .bind("id", id).bind("type", type.type()).bind("key", key).bind("subject", subject).bind("tenant", tenant)
                    .bind("time", OffsetDateTime.now(ZoneOffset.UTC))
                    .bind("data", Json.of(json.writeValueAsBytes(data)));
            String traceparent = EventTracing.traceparent(ctx);
            insert = traceparent == null ? insert.bindNull("traceparent", String.class) : insert.bind("traceparent", traceparent);
            return insert.then();
        }));
    }

    public static UUID stableId(FeedType type, String subject, String revision) {
        return UUID.nameUUIDFromBytes((type.type() + "\n" + subject + "\n" + revision).getBytes(StandardCharsets.UTF_8));
    }
}
