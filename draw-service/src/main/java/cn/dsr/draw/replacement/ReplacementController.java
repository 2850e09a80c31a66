package cn.dsr.draw.replacement;

import cn.dsr.draw.replacement.ReplacementService.Decision;
import cn.dsr.draw.replacement.ReplacementService.ReplacementRequest;
import cn.dsr.platform.tenant.CurrentUser;
import java.net.URI;
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
@RequestMapping("/api/draw/draws/{drawId}/replacements")
public class ReplacementController {

    private final ReplacementService replacements;

    public ReplacementController(ReplacementService replacements) {
        this.replacements = replacements;
    }

    /** The operator asks to replace one inspector on one visit, with a reason of 001. */
    @PostMapping
    public Mono<ResponseEntity<Replacement>> request(@PathVariable String drawId, @RequestBody ReplacementRequest request) {
        return CurrentUser.current().flatMap(user -> replacements.request(user, drawId, request))
                .map(r -> ResponseEntity.created(URI.create("/api/draw/draws/" + drawId + "/replacements/" + r.id())).body(r));
    }

    @GetMapping
    public Flux<Replacement> list(@PathVariable String drawId) {
        return CurrentUser.current().flatMapMany(user -> replacements.list(user, drawId));
    }

    /** The head approves (and the substitute is drawn from the seed) or rejects. */
    @PostMapping("/{id}/decision")
    public Mono<Replacement> decide(@PathVariable String drawId, @PathVariable long id, @RequestBody Decision decision) {
        return CurrentUser.current().flatMap(user -> replacements.decide(user, drawId, id, decision));
    }
}
