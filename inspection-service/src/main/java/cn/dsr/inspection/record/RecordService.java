package cn.dsr.inspection.record;

import cn.dsr.platform.refusal.Refused;
import cn.dsr.inspection.evidence.EvidenceService;
import cn.dsr.inspection.record.Records.Stored;
import cn.dsr.inspection.task.Task;
import cn.dsr.inspection.task.TaskAccess;
import cn.dsr.platform.tenant.CurrentUser;
import cn.dsr.platform.web.ProblemException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Submits field records. A submission carries an {@code Idempotency-Key}: sent again with the
 * same record it returns the record stored the first time, so a phone on a bad connection can
 * retry without fear; the same key with a different record is refused.
 */
@Service
public class RecordService {

    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7E]{1,100}");

    private final TaskAccess access;
    private final Records records;
    private final RecordVersions versions;
    private final EvidenceService evidence;
    private final RecordMetrics metrics;
    private final JsonMapper json;
    private final Clock clock;

    public RecordService(TaskAccess access, Records records, RecordVersions versions, EvidenceService evidence, RecordMetrics metrics,
                         JsonMapper json, Clock clock) {
        this.access = access;
        this.records = records;
        this.versions = versions;
        this.evidence = evidence;
        this.metrics = metrics;
        this.json = json;
        this.clock = clock;
    }

    /** What the idempotency key vouches for: this record for this task. */
    private record Keyed(String taskId, FieldRecord record) {}

    /** An idempotency key as used before: the request it vouched for and the record it stored. */
    private record KeyUse(String hash, UUID recordId) {}

    /** The stored record, and whether it was stored by an earlier request under the same key. */
    public record Submitted(Stored record, boolean replayed) {}

    public Mono<Submitted> submit(CurrentUser user, String idempotencyKey, String taskId, FieldRecord record) {
        if (idempotencyKey == null || idempotencyKey.isBlank()) {
            throw Refused.invalid("Idempotency-Key", "the header is required, so that a retried submission is stored once");
        }
        if (!KEY.matcher(idempotencyKey).matches()) throw Refused.invalid("Idempotency-Key", "1–100 visible ASCII characters");
        if (record == null) throw Refused.invalid("record", "is required");
        String hash = sha256(json.writeValueAsBytes(new Keyed(taskId, record)));
        // the task row is locked first, so two requests with one key are answered one after the other
        return access.inScope(user, db -> access.visible(db, user, taskId, true).flatMap(task ->
                earlier(db, user, idempotencyKey, hash).map(stored -> new Submitted(stored, true))
                        .switchIfEmpty(Mono.defer(() -> store(db, user, task, idempotencyKey, hash, record).map(s -> new Submitted(s, false))))))
                .doOnNext(submitted -> {
                    if (!submitted.replayed()) metrics.submitted();
                });
    }

    public Flux<Stored> history(CurrentUser user, String taskId) {
        return access.manyInScope(user, db -> access.visible(db, user, taskId, false).flatMapMany(task -> records.versions(db, taskId)));
    }

    public Mono<Stored> version(CurrentUser user, String taskId, int version) {
        return history(user, taskId).filter(r -> r.version() == version).next()
                .switchIfEmpty(Mono.error(() -> ProblemException.notFound("task " + taskId + " has no record version " + version)));
    }

    private Mono<Stored> earlier(DatabaseClient db, CurrentUser user, String key, String hash) {
        return db.sql("SELECT request_hash, record_id FROM submission_key WHERE subject = :subject AND key = :key")
                .bind("subject", user.subject()).bind("key", key)
                .map(row -> new KeyUse(row.get("request_hash", String.class), row.get("record_id", UUID.class))).one()
                .flatMap(found -> hash.equals(found.hash())
                        ? records.byId(db, found.recordId())
                        : Mono.error(Refused.conflict("Idempotency-Key " + key + " was used for a different submission")));
    }

    private Mono<Stored> store(DatabaseClient db, CurrentUser user, Task task, String key, String hash, FieldRecord submitted) {
        OffsetDateTime now = OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MICROS);
        FieldRecord record = submitted.recordedAtIfUnset(now);
        return access.requireRecorder(db, user, task)
                .then(Mono.fromRunnable(() -> Refused.unless(record.problems(task, now))))
                .then(evidence.requireAttached(db, task.taskId(), record.evidence(), "evidence"))
                .then(versions.store(db, user, task, 1, record, user.username(), now, null))
                .flatMap(stored -> db.sql("""
                                INSERT INTO submission_key (subject, key, tenant, request_hash, task_id, record_id)
                                VALUES (:subject, :key, :tenant, :hash, :task, :record)""")
                        .bind("subject", user.subject()).bind("key", key).bind("tenant", task.tenant())
                        .bind("hash", hash).bind("task", task.taskId()).bind("record", stored.recordId())
                        .then().thenReturn(stored));
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
