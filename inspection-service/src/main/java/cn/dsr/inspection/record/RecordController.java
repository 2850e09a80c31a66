package cn.dsr.inspection.record;

import cn.dsr.inspection.RefusalsAsProblems;
import cn.dsr.platform.refusal.Refused;
import cn.dsr.inspection.record.Records.Stored;
import cn.dsr.platform.tenant.CurrentUser;
import cn.dsr.platform.web.ProblemException;
import cn.dsr.platform.web.ProblemException.FieldViolation;
import java.net.URI;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@RestController
@RequestMapping("/api/inspection")
public class RecordController {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    static final String REPLAYED = "Idempotent-Replayed";
    static final int MAX_BATCH = 50;

    private final RecordService service;

    public RecordController(RecordService service) {
        this.service = service;
    }

    /** One record made offline: its key, its task, the record with its device timestamps. */
    public record OfflineRecord(String idempotencyKey, String taskId, FieldRecord record) {}

    public record Batch(List<OfflineRecord> records) {}

    public record BatchProblem(String title, String detail, List<FieldViolation> errors) {}

    /** The outcome of one record of a batch: 201 stored, 200 stored earlier under its key, or a problem. */
    public record BatchResult(String idempotencyKey, String taskId, int status, Stored record, BatchProblem problem) {}

    /**
     * Submits the visit's field record (version 1). Sent again under the same key, the answer is
     * the record stored the first time, marked {@code Idempotent-Replayed: true}.
     */
    @PostMapping("/tasks/{taskId}/record")
    public Mono<ResponseEntity<Stored>> submit(@PathVariable String taskId,
                                               @RequestHeader(value = IDEMPOTENCY_KEY, required = false) String key,
                                               @RequestBody FieldRecord record) {
        return CurrentUser.current().flatMap(user -> service.submit(user, key, taskId, record))
                .map(s -> ResponseEntity.created(URI.create("/api/inspection/tasks/" + taskId + "/records/" + s.record().version()))
                        .header(REPLAYED, String.valueOf(s.replayed()))
                        .body(s.record()));
    }

    /**
     * Records made offline on a mobile device, each with its own key and device timestamps.
     * Each is stored or refused on its own — one bad record does not hold back the others.
     */
    @PostMapping("/records/batch")
    public Mono<List<BatchResult>> batch(@RequestBody Batch batch) {
        List<OfflineRecord> items = batch.records() == null ? List.of() : batch.records();
        if (items.isEmpty() || items.size() > MAX_BATCH) throw Refused.invalid("records", "a batch holds 1 to " + MAX_BATCH + " records");
        return CurrentUser.current().flatMap(user -> Flux.fromIterable(items).concatMap(item -> {
            if (item == null) return Mono.just(refused(null, new ProblemException(HttpStatus.BAD_REQUEST, "Invalid request", "the entry is empty")));
            return Mono.defer(() -> {
                        if (item.record() != null && item.record().recordedAt() == null) {
                            throw Refused.invalid("record.recordedAt", "a record made offline carries the time it was made on the device");
                        }
                        return service.submit(user, item.idempotencyKey(), item.taskId(), item.record());
                    })
                    .map(s -> new BatchResult(item.idempotencyKey(), item.taskId(), s.replayed() ? 200 : 201, s.record(), null))
                    .onErrorResume(e -> RefusalsAsProblems.asProblem(e) instanceof ProblemException p, e ->
                            Mono.just(refused(item, (ProblemException) RefusalsAsProblems.asProblem(e))));
        }).collectList());
    }

    /** Every version of the visit's record, the original first; corrections name their approval. */
    @GetMapping("/tasks/{taskId}/records")
    public Flux<Stored> history(@PathVariable String taskId) {
        return CurrentUser.current().flatMapMany(user -> service.history(user, taskId));
    }

    @GetMapping("/tasks/{taskId}/records/{version}")
    public Mono<Stored> version(@PathVariable String taskId, @PathVariable int version) {
        return CurrentUser.current().flatMap(user -> service.version(user, taskId, version));
    }

    private static BatchResult refused(OfflineRecord item, ProblemException p) {
        return new BatchResult(item == null ? null : item.idempotencyKey(), item == null ? null : item.taskId(), p.status().value(), null,
                new BatchProblem(p.title(), p.getMessage(), p.violations()));
    }
}
