package cn.dsr.gateway.limits;

import cn.dsr.platform.tenant.CurrentUser;
import cn.dsr.platform.web.ProblemException;
import cn.dsr.platform.web.ProblemHandler;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Token-bucket limits in front of every route, answering 429 with {@code Retry-After}. Buckets
 * live in a bounded in-memory cache per gateway instance; idle ones expire.
 */
@Component
public class RateLimits implements GlobalFilter, Ordered {

    private final LimitSettings settings;
    private final ProblemHandler problems;
    private final Cache<String, Bucket> buckets = Caffeine.newBuilder()
            .maximumSize(100_000).expireAfterAccess(10, TimeUnit.MINUTES).build();

    public RateLimits(LimitSettings settings, ProblemHandler problems) {
        this.settings = settings;
        this.problems = problems;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        return exchange.getPrincipal()
                .filter(JwtAuthenticationToken.class::isInstance)
                .map(p -> CurrentUser.of(((JwtAuthenticationToken) p).getToken()))
                .map(user -> {
                    long wait = take("client:" + user.subject(), settings.perClient());
                    return wait > 0 ? wait : user.tenant() == null ? 0 : take("tenant:" + user.tenant(), settings.perTenant());
                })
                .switchIfEmpty(Mono.fromSupplier(() -> takeAnonymous(exchange.getRequest())))
                .flatMap(waitNanos -> waitNanos == 0 ? chain.filter(exchange) : tooMany(exchange, waitNanos));
    }

    /** Takes one token from an anonymous caller's budget (per address); returns 0, or the nanoseconds until one is available. */
    public long takeAnonymous(ServerHttpRequest request) {
        return take("anonymous:" + clientAddress(request), settings.publicPerClient());
    }

    /** Takes one token; returns 0, or the nanoseconds until one is available. */
    private long take(String key, LimitSettings.Budget budget) {
        Bucket bucket = buckets.get(key, k -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(budget.burst()).refillGreedy(budget.perSecond(), Duration.ofSeconds(1)).build())
                .build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? 0 : Math.max(1, probe.getNanosToWaitForRefill());
    }

    private Mono<Void> tooMany(ServerWebExchange exchange, long waitNanos) {
        long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(waitNanos + 999_999_999L));
        exchange.getResponse().getHeaders().set("Retry-After", Long.toString(seconds));
        return problems.handle(exchange, new ProblemException(HttpStatus.TOO_MANY_REQUESTS, "Too many requests",
                "request budget exhausted; retry after " + seconds + " s"));
    }

    private static String clientAddress(ServerHttpRequest request) {
        InetSocketAddress remote = request.getRemoteAddress();
        return remote == null ? "unknown" : remote.getAddress().getHostAddress();
    }
}
