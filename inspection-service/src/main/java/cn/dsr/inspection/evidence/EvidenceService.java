package cn.dsr.inspection.evidence;

import cn.dsr.platform.refusal.Refused;
import cn.dsr.platform.refusal.Violation;
import cn.dsr.inspection.task.TaskAccess;
import cn.dsr.platform.tenant.CurrentUser;
import cn.dsr.platform.tenant.Roles;
import cn.dsr.platform.web.ProblemException;
import io.r2dbc.spi.Readable;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Evidence files of a visit, kept in the database next to the records they prove, so row-level
 * security and the append-only rule cover the bytes too. Each file is stored with its SHA-256,
 * which the records and events cite.
 */
@Service
public class EvidenceService {

    private final TaskAccess access;
    private final EvidencePolicy policy;

    public EvidenceService(TaskAccess access, EvidencePolicy policy) {
        this.access = access;
        this.policy = policy;
    }

    public record EvidenceView(UUID evidenceId, String taskId, EvidenceKind kind, String contentType, String filename,
                               long size, String sha256, String uploadedBy, OffsetDateTime uploadedAt) {}

    public record Content(EvidenceView evidence, byte[] bytes) {}

    /**
     * Stores one file for a task. Its type and declared length are checked before the body is
     * read; the body is read up to the type's limit and no further.
     */
    public Mono<EvidenceView> upload(CurrentUser user, String taskId, String contentType, String filename, long declaredLength,
                                     Flux<DataBuffer> body) {
        if (!user.hasRole(Roles.INSPECTOR) && !user.hasAnyRole(TaskAccess.DISTRICT_STAFF)) {
            throw Refused.forbidden("evidence is attached by the inspectors or the district's staff");
        }
        EvidenceKind kind = policy.kindOf(contentType);
        if (declaredLength > 0) policy.requireWithinLimit(kind, declaredLength);
        String name = filename(filename);
        String type = policy.normalized(contentType).orElseThrow();
        return access.inScope(user, db -> access.visible(db, user, taskId, false))
                .then(read(body, policy.limit(kind)))
                .flatMap(bytes -> {
                    policy.requireWithinLimit(kind, bytes.length);
                    policy.requireSignature(type, Arrays.copyOf(bytes, Math.min(bytes.length, EvidencePolicy.HEAD)));
                    UUID id = UUID.randomUUID();
                    return access.inScope(user, db -> access.visible(db, user, taskId, false).flatMap(task -> {
                        var insert = db.sql("""
                                        INSERT INTO evidence (evidence_id, tenant, task_id, kind, content_type, filename, size_bytes, sha256, uploaded_by)
                                        VALUES (:id, :tenant, :task, :kind, :type, :filename, :size, :sha256, :by)""")
                                .bind("id", id).bind("tenant", task.tenant()).bind("task", taskId).bind("kind", kind.name())
                                .bind("type", type).bind("size", (long) bytes.length).bind("sha256", sha256(bytes))
                                .bind("by", user.username());
                        insert = name == null ? insert.bindNull("filename", String.class) : insert.bind("filename", name);
                        return insert.then()
                                .then(db.sql("INSERT INTO evidence_content (evidence_id, tenant, content) VALUES (:id, :tenant, :content)")
                                        .bind("id", id).bind("tenant", task.tenant()).bind("content", bytes).then())
                                .then(Mono.defer(() -> find(db, id)));
                    }));
                });
    }

    public Flux<EvidenceView> list(CurrentUser user, String taskId) {
        return access.manyInScope(user, db -> access.visible(db, user, taskId, false)
                .flatMapMany(task -> db.sql("SELECT * FROM evidence WHERE task_id = :task ORDER BY uploaded_at, evidence_id")
                        .bind("task", taskId).map(EvidenceService::view).all()));
    }

    public Mono<Content> content(CurrentUser user, String taskId, UUID evidenceId) {
        return access.inScope(user, db -> access.visible(db, user, taskId, false)
                .then(db.sql("SELECT e.*, c.content FROM evidence e JOIN evidence_content c USING (evidence_id) WHERE e.evidence_id = :id AND e.task_id = :task")
                        .bind("id", evidenceId).bind("task", taskId)
                        .map(row -> new Content(view(row), row.get("content", byte[].class))).one())
                .switchIfEmpty(Mono.error(() -> ProblemException.notFound("no evidence " + evidenceId + " on task " + taskId))));
    }

    /** Refuses evidence ids that are not files of this task, naming each offending entry. */
    public Mono<List<EvidenceView>> requireAttached(DatabaseClient db, String taskId, List<UUID> ids, String field) {
        if (ids.isEmpty()) return Mono.just(List.of());
        return db.sql("SELECT * FROM evidence WHERE task_id = :task AND evidence_id = ANY(:ids)")
                .bind("task", taskId).bind("ids", ids.toArray(UUID[]::new))
                .map(EvidenceService::view).all().collectList()
                .map(found -> {
                    Set<UUID> known = found.stream().map(EvidenceView::evidenceId).collect(Collectors.toSet());
                    List<Violation> problems = new ArrayList<>();
                    for (int i = 0; i < ids.size(); i++) {
                        if (!known.contains(ids.get(i))) problems.add(new Violation(field + "[" + i + "]", "no evidence " + ids.get(i) + " on this task"));
                    }
                    Refused.unless(problems);
                    return ids.stream().map(id -> found.stream().filter(e -> e.evidenceId().equals(id)).findFirst().orElseThrow()).toList();
                });
    }

    private Mono<EvidenceView> find(DatabaseClient db, UUID id) {
        return db.sql("SELECT * FROM evidence WHERE evidence_id = :id").bind("id", id).map(EvidenceService::view).one();
    }

    private static Mono<byte[]> read(Flux<DataBuffer> body, long limit) {
        return DataBufferUtils.join(body, (int) Math.min(limit + 1, Integer.MAX_VALUE))
                .map(buffer -> {
                    byte[] bytes = new byte[buffer.readableByteCount()];
                    buffer.read(bytes);
                    DataBufferUtils.release(buffer);
                    return bytes;
                })
                .defaultIfEmpty(new byte[0])
                .onErrorMap(DataBufferLimitException.class, e -> Refused.tooLarge("file", "exceeds the limit of " + limit + " bytes"));
    }

    /** Keeps only the file's own name: a client path never reaches storage or a download header. */
    private static String filename(String filename) {
        if (filename == null || filename.isBlank()) return null;
        String name = filename.substring(Math.max(filename.lastIndexOf('/'), filename.lastIndexOf('\\')) + 1).strip();
        if (name.length() > 200 || name.chars().anyMatch(c -> c < 0x20 || c == '"')) {
            throw Refused.invalid("filename", "a plain file name of at most 200 characters");
        }
        return name.isEmpty() ? null : name;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static EvidenceView view(Readable row) {
        return new EvidenceView(row.get("evidence_id", UUID.class), row.get("task_id", String.class),
                EvidenceKind.valueOf(row.get("kind", String.class)), row.get("content_type", String.class),
                row.get("filename", String.class), row.get("size_bytes", Long.class), row.get("sha256", String.class),
                row.get("uploaded_by", String.class), row.get("uploaded_at", OffsetDateTime.class));
    }
}
