package cn.dsr.disclosure.feed;

import cn.dsr.platform.tracing.EventTracing;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionSynchronization;
import org.springframework.transaction.reactive.TransactionSynchronizationManager;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Appends to the change log, in the transaction that makes the change public. The event id is
 * derived from what the change is ({@code type}, subject, and the revision of the subject), so
 * re-deriving the same change — a redelivered input event, a replay — yields the same id and
 * is stored once. Appends are serialized, so the change log's order is the order changes committed.
 * A change keeps the traceparent of the span that made it, so the feed can say which request caused it.
 *
 * <p>A transaction's changes are written together just before it commits: the lock that orders
 * them is then held for one statement and the commit, not for the rest of the transaction (a
 * consumer applying a batch of events would otherwise hold it for the whole batch, and every
 * other writer of changes would wait), and it is always the last lock the transaction takes.
 */
@Component
public class PublicChanges {

    private static final long APPEND_LOCK = 0x6473725f63686eL; // "dsr_chn"
    private final JsonMapper json;

    public PublicChanges(JsonMapper json) {
        this.json = json;
    }

    private record Change(UUID id, String type, String key, String subject, String tenant, OffsetDateTime time, String data, String traceparent) {}

    /**
     * @param key      the Kafka key: the entity's USCC for results and list entries, the plan id for plans
     * @param revision what distinguishes this change of the subject from its others
     */
    public Mono<Void> append(DatabaseClient db, FeedType type, String key, String subject, String tenant, String revision, Object data) {
        return Mono.deferContextual(ctx -> {
            Change change = new Change(stableId(type, subject, revision), type.type(), key, subject, tenant, OffsetDateTime.now(ZoneOffset.UTC),
                    json.writeValueAsString(data), EventTracing.traceparent(ctx));
            return TransactionSynchronizationManager.forCurrentTransaction().doOnNext(tx -> pending(tx, db).add(change)).then();
        });
    }

    /** The current transaction's changes, written before it commits. */
    @SuppressWarnings("unchecked")
    private List<Change> pending(TransactionSynchronizationManager tx, DatabaseClient db) {
        List<Change> pending = (List<Change>) tx.getResource(this);
        if (pending != null) return pending;
        List<Change> created = new ArrayList<>();
        tx.bindResource(this, created);
        tx.registerSynchronization(new TransactionSynchronization() {
            @Override
            public Mono<Void> beforeCommit(boolean readOnly) {
                return write(db, created);
            }

            @Override
            public Mono<Void> afterCompletion(int status) {
                tx.unbindResourceIfPossible(PublicChanges.this);
                return Mono.empty();
            }
        });
        return created;
    }

    private Mono<Void> write(DatabaseClient db, List<Change> changes) {
        // the row-level policy admits a change of a tenant in scope: every tenant with a change is
        String tenants = changes.stream().map(Change::tenant).distinct().collect(Collectors.joining(","));
        // held until commit: ids are handed out in commit order, so a reader after cursor n never misses a change
        Mono<Void> lock = db.sql("SELECT set_config('app.tenant', :tenants, true), pg_advisory_xact_lock(" + APPEND_LOCK + ")")
                .bind("tenants", tenants).fetch().rowsUpdated().then();
        Mono<Void> insert = db.sql("""
                        INSERT INTO public_change (event_id, type, key, subject, tenant, time, data, traceparent)
                        SELECT event_id, type, key, subject, tenant, time, data::jsonb, traceparent
                          FROM unnest(:ids, :types, :keys, :subjects, :tenants, :times, :data, :traceparents)
                               WITH ORDINALITY AS c (event_id, type, key, subject, tenant, time, data, traceparent, n)
                         ORDER BY n
                        ON CONFLICT (event_id) DO NOTHING""")
                .bind("ids", changes.stream().map(Change::id).toArray(UUID[]::new))
                .bind("types", changes.stream().map(Change::type).toArray(String[]::new))
                .bind("keys", changes.stream().map(Change::key).toArray(String[]::new))
                .bind("subjects", changes.stream().map(Change::subject).toArray(String[]::new))
                .bind("tenants", changes.stream().map(Change::tenant).toArray(String[]::new))
                .bind("times", changes.stream().map(Change::time).toArray(OffsetDateTime[]::new))
                .bind("data", changes.stream().map(Change::data).toArray(String[]::new))
                .bind("traceparents", changes.stream().map(Change::traceparent).toArray(String[]::new))
                .then();
        return lock.then(insert);
    }

    public static UUID stableId(FeedType type, String subject, String revision) {
        return UUID.nameUUIDFromBytes((type.type() + "\n" + subject + "\n" + revision).getBytes(StandardCharsets.UTF_8));
    }
}
