package cn.dsr.platform.web;

import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import reactor.util.context.ContextView;

/**
 * Carries one correlation id from the HTTP request into the Reactor context, from there into
 * outbox rows and Kafka headers, and back into the context of the consumer that handles them,
 * so one business action can be followed across services.
 */
public final class CorrelationId implements WebFilter {

    public static final String HEADER = "X-Correlation-Id";
    public static final String CONTEXT_KEY = "dsr.correlationId";
    private static final Pattern ACCEPTED = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    public static String from(ContextView ctx) {
        return ctx.getOrDefault(CONTEXT_KEY, null);
    }

    /** The caller's id if it sent an acceptable one, otherwise a new one. */
    public static String of(ServerHttpRequest request) {
        String incoming = request.getHeaders().getFirst(HEADER);
        return incoming != null && ACCEPTED.matcher(incoming).matches() ? incoming : UUID.randomUUID().toString();
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        String id = of(request);
        exchange.getResponse().getHeaders().set(HEADER, id);
        // the gateway proxies the mutated request, so the id travels downstream too
        ServerWebExchange withId = exchange.mutate().request(request.mutate().headers(h -> h.set(HEADER, id)).build()).build();
        return chain.filter(withId).contextWrite(ctx -> ctx.put(CONTEXT_KEY, id));
    }
}
