package cn.dsr.gateway.resilience;

import cn.dsr.platform.tracing.InTrace;
import cn.dsr.platform.web.ProblemException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Where a route's circuit breaker forwards when its service is down or open: a 503 problem, and a
 * line in the gateway's log saying which service and why, with the request's trace.
 */
@RestController
public class Fallbacks {

    private static final Logger log = LoggerFactory.getLogger(Fallbacks.class);

    @RequestMapping("/fallback/{service}")
    public Mono<Void> unavailable(@PathVariable String service, ServerWebExchange exchange) {
        Throwable cause = exchange.getAttribute(ServerWebExchangeUtils.CIRCUITBREAKER_EXECUTION_EXCEPTION_ATTR);
        return InTrace.<Void>call(() -> {
            log.warn("{} unavailable, answered 503 to a {}: {}", service, exchange.getRequest().getMethod(),
                    cause == null ? "circuit open" : cause.toString());
            throw new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, "Service unavailable",
                    service + " is unavailable or did not answer in time; retry later (a write with the same Idempotency-Key)");
        });
    }
}
