package cn.dsr.draw.draw;

import cn.dsr.draw.draw.DrawService.CancelRequest;
import cn.dsr.draw.draw.DrawService.RevealRequest;
import cn.dsr.draw.draw.DrawService.ScheduleRequest;
import cn.dsr.platform.tenant.CurrentUser;
import java.net.URI;
import java.util.List;
import org.springframework.http.MediaType;
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
@RequestMapping("/api/draw/draws")
public class DrawController {

    private final DrawService draws;

    public DrawController(DrawService draws) {
        this.draws = draws;
    }

    /** Freezes the plans' input and publishes the commitment. */
    @PostMapping
    public Mono<ResponseEntity<Draw>> schedule(@RequestBody ScheduleRequest request) {
        return CurrentUser.current().flatMap(user -> draws.schedule(user, request))
                .map(draw -> ResponseEntity.created(URI.create("/api/draw/draws/" + draw.id())).body(draw));
    }

    @GetMapping
    public Flux<Draw> list() {
        return CurrentUser.current().flatMapMany(draws::list);
    }

    @GetMapping("/{id}")
    public Mono<Draw> get(@PathVariable String id) {
        return CurrentUser.current().flatMap(user -> draws.get(user, id));
    }

    /** A party's secret or a public value. */
    @PostMapping("/{id}/randomness")
    public Mono<Draw> reveal(@PathVariable String id, @RequestBody RevealRequest request) {
        return CurrentUser.current().flatMap(user -> draws.reveal(user, id, request));
    }

    @PostMapping("/{id}/execute")
    public Mono<Draw> execute(@PathVariable String id) {
        return CurrentUser.current().flatMap(user -> draws.execute(user, id));
    }

    @PostMapping("/{id}/cancellation")
    public Mono<Draw> requestCancellation(@PathVariable String id, @RequestBody CancelRequest request) {
        return CurrentUser.current().flatMap(user -> draws.requestCancellation(user, id, request));
    }

    @PostMapping("/{id}/cancellation/approval")
    public Mono<Draw> approveCancellation(@PathVariable String id) {
        return CurrentUser.current().flatMap(user -> draws.approveCancellation(user, id));
    }

    @PostMapping("/{id}/disclose")
    public Mono<Draw> disclose(@PathVariable String id) {
        return CurrentUser.current().flatMap(user -> draws.disclose(user, id));
    }

    /** The visits drawn; while undisclosed each read is logged with its purpose first. */
    @GetMapping("/{id}/visits")
    public Mono<List<Visit>> visits(@PathVariable String id, @RequestParam(required = false) String purpose) {
        return CurrentUser.current().flatMap(user -> draws.visits(user, id, purpose));
    }

    /** The draw record as stored (dsr-draw/1); while undisclosed each read is logged with its purpose first. */
    @GetMapping(value = "/{id}/record", produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<String> record(@PathVariable String id, @RequestParam(required = false) String purpose) {
        return CurrentUser.current().flatMap(user -> draws.record(user, id, purpose));
    }
}
