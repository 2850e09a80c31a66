package cn.dsr.inspection.rectification;

import cn.dsr.inspection.rectification.Rectification.Completion;
import cn.dsr.inspection.rectification.Rectification.Progress;
import cn.dsr.inspection.rectification.RectificationService.OverdueRectification;
import cn.dsr.inspection.rectification.RectificationService.RectificationView;
import cn.dsr.platform.tenant.CurrentUser;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@RestController
@RequestMapping("/api/inspection/rectifications")
public class RectificationController {

    private final RectificationService service;

    public RectificationController(RectificationService service) {
        this.service = service;
    }

    public record ProgressBody(LocalDate reportedOn, String stage, String reason) {}

    public record CompletionBody(LocalDate completedOn, String description, List<UUID> evidence) {}

    @GetMapping
    public Flux<RectificationView> list(@RequestParam(required = false) RectificationStatus status) {
        return CurrentUser.current().flatMapMany(user -> service.list(user, status));
    }

    /** Past their deadline and not completed, with the reason and stage last reported (001). */
    @GetMapping("/overdue")
    public Flux<OverdueRectification> overdue(@RequestParam(required = false) String district) {
        return CurrentUser.current().flatMapMany(user -> service.overdue(user, district));
    }

    @GetMapping("/{id}")
    public Mono<RectificationView> get(@PathVariable UUID id) {
        return CurrentUser.current().flatMap(user -> service.get(user, id));
    }

    @PostMapping("/{id}/progress")
    public Mono<RectificationView> progress(@PathVariable UUID id, @RequestBody ProgressBody body) {
        return CurrentUser.current().flatMap(user -> service.report(user, id,
                new Progress(body.reportedOn(), body.stage(), body.reason(), user.username(), null)));
    }

    @PostMapping("/{id}/completion")
    public Mono<RectificationView> complete(@PathVariable UUID id, @RequestBody CompletionBody body) {
        return CurrentUser.current().flatMap(user -> service.complete(user, id,
                new Completion(body.completedOn(), body.description(), body.evidence(), user.username(), null)));
    }
}
