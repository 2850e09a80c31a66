package cn.dsr.roster.conflict;

import cn.dsr.platform.tenant.CurrentUser;
import java.net.URI;
import java.time.LocalDate;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
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
@RequestMapping("/api/roster/conflicts")
public class ConflictController {

    private final ConflictService service;

    public ConflictController(ConflictService service) {
        this.service = service;
    }

    public record Revocation(String reason) {}

    @PostMapping
    public Mono<ResponseEntity<ConflictState>> declare(@RequestBody ConflictDraft body) {
        return CurrentUser.current().flatMap(user -> service.declare(user, body))
                .map(state -> ResponseEntity.created(URI.create("/api/roster/conflicts/" + state.id())).body(state));
    }

    @PostMapping("/{id}/approve")
    public Mono<ConflictState> approve(@PathVariable UUID id) {
        return CurrentUser.current().flatMap(user -> service.approve(user, id));
    }

    @PostMapping("/{id}/revoke")
    public Mono<ConflictState> revoke(@PathVariable UUID id, @RequestBody Revocation body) {
        return CurrentUser.current().flatMap(user -> service.revoke(user, id, body.reason()));
    }

    /** {@code bindingOn}: only the conflicts an inspector must respect on that day. */
    @GetMapping
    public Flux<ConflictState> list(@RequestParam(required = false) UUID inspectorId, @RequestParam(required = false) UUID entityId,
                                    @RequestParam(required = false) LocalDate bindingOn) {
        return CurrentUser.current().flatMapMany(user -> service.list(user, inspectorId, entityId, bindingOn));
    }

    @GetMapping("/{id}")
    public Mono<ConflictState> get(@PathVariable UUID id) {
        return CurrentUser.current().flatMap(user -> service.get(user, id));
    }
}
