package cn.dsr.inspection.amendment;

import cn.dsr.inspection.amendment.AmendmentService.CorrectionView;
import cn.dsr.inspection.amendment.Correction.Status;
import cn.dsr.inspection.record.FieldRecord;
import cn.dsr.platform.tenant.CurrentUser;
import java.net.URI;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@RestController
@RequestMapping("/api/inspection")
public class AmendmentController {

    private final AmendmentService service;

    public AmendmentController(AmendmentService service) {
        this.service = service;
    }

    /** Why the record is wrong, and the record as it should read. */
    public record CorrectionBody(String reason, FieldRecord record) {}

    /** The head's opinion, required either way. */
    public record DecisionBody(String comment) {}

    @PostMapping("/tasks/{taskId}/corrections")
    public Mono<ResponseEntity<CorrectionView>> request(@PathVariable String taskId, @RequestBody CorrectionBody body) {
        return CurrentUser.current().flatMap(user -> service.request(user, taskId, body.reason(), body.record()))
                .map(c -> ResponseEntity.created(URI.create("/api/inspection/corrections/" + c.correctionId())).body(c));
    }

    @GetMapping("/tasks/{taskId}/corrections")
    public Flux<CorrectionView> list(@PathVariable String taskId) {
        return CurrentUser.current().flatMapMany(user -> service.list(user, taskId));
    }

    @GetMapping("/corrections/{id}")
    public Mono<CorrectionView> get(@PathVariable UUID id) {
        return CurrentUser.current().flatMap(user -> service.get(user, id));
    }

    @PostMapping("/corrections/{id}/approval")
    public Mono<CorrectionView> approve(@PathVariable UUID id, @RequestBody(required = false) DecisionBody body) {
        return CurrentUser.current().flatMap(user -> service.decide(user, id, Status.APPROVED, body == null ? null : body.comment()));
    }

    @PostMapping("/corrections/{id}/rejection")
    public Mono<CorrectionView> reject(@PathVariable UUID id, @RequestBody(required = false) DecisionBody body) {
        return CurrentUser.current().flatMap(user -> service.decide(user, id, Status.REJECTED, body == null ? null : body.comment()));
    }
}
