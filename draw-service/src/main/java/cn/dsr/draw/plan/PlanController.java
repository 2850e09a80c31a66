package cn.dsr.draw.plan;

import cn.dsr.draw.core.eligibility.SupervisionCategory;
import cn.dsr.platform.tenant.CurrentUser;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@RestController
public class PlanController {

    private final PlanService plans;

    public PlanController(PlanService plans) {
        this.plans = plans;
    }

    /** Creates a plan; a yearly plan answers with its quarters. */
    @PostMapping("/api/draw/plans")
    public Mono<ResponseEntity<List<Plan>>> create(@RequestBody PlanRequest request) {
        return CurrentUser.current().flatMap(user -> plans.create(user, request))
                .map(created -> ResponseEntity.created(URI.create("/api/draw/plans/" + created.get(0).id())).body(created));
    }

    @GetMapping("/api/draw/plans")
    public Flux<Plan> list(@RequestParam(required = false) String period) {
        return CurrentUser.current().flatMapMany(user -> plans.list(user, period));
    }

    @GetMapping("/api/draw/plans/{id}")
    public Mono<Plan> get(@PathVariable String id) {
        return CurrentUser.current().flatMap(user -> plans.get(user, id));
    }

    @PostMapping("/api/draw/plans/{id}/close")
    public Mono<Plan> close(@PathVariable String id) {
        return CurrentUser.current().flatMap(user -> plans.close(user, id));
    }

    public record MinimumRatiosBody(Map<SupervisionCategory, Integer> minRatioBp) {}

    @GetMapping("/api/draw/settings/minimum-ratios")
    public Mono<MinimumRatiosBody> minimumRatios() {
        return CurrentUser.current().flatMap(plans::minimumRatios).map(MinimumRatiosBody::new);
    }

    /** The tenant's lowest allowed ratio per category; plans below it are refused. */
    @PutMapping("/api/draw/settings/minimum-ratios/{tenant}")
    public Mono<MinimumRatiosBody> setMinimumRatios(@PathVariable String tenant, @RequestBody MinimumRatiosBody body) {
        return CurrentUser.current()
                .flatMap(user -> plans.setMinimumRatios(user, tenant, body.minRatioBp() == null ? Map.of() : body.minRatioBp()))
                .map(MinimumRatiosBody::new);
    }
}
