package cn.dsr.gateway.resilience;

import cn.dsr.platform.web.ProblemException;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Where a route's circuit breaker forwards when its service is down or open: a 503 problem. */
@RestController
public class Fallbacks {

    @RequestMapping("/fallback/{service}")
    public Mono<Void> unavailable(@PathVariable String service) {
        return Mono.error(new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, "Service unavailable",
                service + " is unavailable or did not answer in time; retry later (a write with the same Idempotency-Key)"));
    }
}
