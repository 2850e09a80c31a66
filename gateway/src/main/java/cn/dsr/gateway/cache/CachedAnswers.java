package cn.dsr.gateway.cache;

import cn.dsr.gateway.limits.RateLimits;
import cn.dsr.platform.web.CorrelationId;
import org.springframework.boot.webflux.autoconfigure.WebHttpHandlerBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import reactor.core.publisher.Mono;

/**
 * Answers a request the {@link ResponseCache} holds an answer for straight from memory, ahead of
 * the request observation, the security filters and the route lookup: on the portal's busiest
 * reads those cost the gateway more than the answer itself. What still applies is what a caller
 * of a cached answer meets on the full path: the anonymous budget ({@link RateLimits}; a caller
 * beyond it goes the full path, which answers 429), its correlation id, and the headers the
 * answer was first given, security headers included. Such a hit has no span and no
 * {@code http.server.requests} sample; {@code dsr.gateway.cache{result=hit}} counts it.
 */
public final class CachedAnswers implements HttpHandler {

    private final HttpHandler gateway;
    private final ResponseCache cache;
    private final RateLimits limits;

    CachedAnswers(HttpHandler gateway, ResponseCache cache, RateLimits limits) {
        this.gateway = gateway;
        this.cache = cache;
        this.limits = limits;
    }

    @Override
    public Mono<Void> handle(ServerHttpRequest request, ServerHttpResponse response) {
        ResponseCache.Entry entry = cache.lookup(request);
        if (entry == null || limits.takeAnonymous(request) > 0) return gateway.handle(request, response);
        response.getHeaders().set(CorrelationId.HEADER, CorrelationId.of(request));
        return cache.answer(response, entry);
    }

    @Configuration(proxyBeanMethods = false)
    static class Wiring {

        @Bean
        WebHttpHandlerBuilderCustomizer cachedAnswersFirst(ResponseCache cache, RateLimits limits) {
            return builder -> builder.httpHandlerDecorator(gateway -> new CachedAnswers(gateway, cache, limits));
        }
    }
}
