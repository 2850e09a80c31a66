package cn.dsr.gateway.cache;

import cn.dsr.platform.web.CorrelationId;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.reactivestreams.Publisher;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.NettyWriteResponseFilter;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A shared cache for anonymous GETs that does what the origin's {@code Cache-Control} allows: an
 * answer is kept only if it is a 200 marked {@code public} with a {@code max-age} (or
 * {@code s-maxage}) above 0, none of {@code private}, {@code no-store}, {@code no-cache}, and no
 * {@code Set-Cookie} or {@code Vary}; it is served from memory for that long, with its {@code Age}.
 * Bounded by body bytes in all and per answer. {@code dsr.gateway.cache} counts anonymous GETs by
 * result: hit, miss (forwarded, answer stored) or uncacheable (forwarded, answer not storable).
 * Hits are answered by {@link CachedAnswers} ahead of the gateway's chain; this filter stores the
 * answers, and serves a hit that arrives here (one stored in the meantime).
 */
// A global filter, not a route filter: the origin's Cache-Control decides, whatever the route.
@Component
public class ResponseCache implements GlobalFilter, Ordered {

    /** Not kept with an answer: hop-by-hop headers, those computed per answer, and those of one request. */
    private static final Set<String> NOT_STORED = Set.of("connection", "keep-alive", "proxy-authenticate", "proxy-connection",
            "te", "trailer", "transfer-encoding", "upgrade", "content-length", "age",
            CorrelationId.HEADER.toLowerCase(Locale.ROOT), "traceparent", "tracestate");
    /** RFC 9111 §1.2.2: a larger delta-seconds counts as 2^31. */
    private static final long MAX_SECONDS = 1L << 31;
    private static final long INVALID = -1;

    record Entry(HttpHeaders headers, byte[] body, long storedAtNanos, Duration lifetime) {}

    private final CacheSettings settings;
    private final Cache<String, Entry> entries;
    private final Counter hits;
    private final Counter misses;
    private final Counter uncacheable;

    public ResponseCache(CacheSettings settings, MeterRegistry meters) {
        this.settings = settings;
        this.entries = Caffeine.newBuilder()
                .maximumWeight(settings.maxBytes().toBytes())
                .weigher((String key, Entry entry) -> entry.body().length)
                .expireAfter(Expiry.writing((String key, Entry entry) -> entry.lifetime()))
                .build();
        this.hits = counter(meters, "hit");
        this.misses = counter(meters, "miss");
        this.uncacheable = counter(meters, "uncacheable");
    }

    private static Counter counter(MeterRegistry meters, String result) {
        return Counter.builder("dsr.gateway.cache").tag("result", result)
                .description("anonymous GETs answered from the gateway's memory, forwarded and stored, or forwarded and not storable")
                .register(meters);
    }

    /** After the rate limits (highest precedence); before the proxied answer is written, to capture it. */
    @Override
    public int getOrder() {
        return NettyWriteResponseFilter.WRITE_RESPONSE_FILTER_ORDER - 1;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        if (!cacheable(request) || exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR) == null) {
            return chain.filter(exchange);
        }
        String key = key(request);
        Entry entry = entries.getIfPresent(key);
        if (entry != null) return answer(exchange.getResponse(), entry);
        return chain.filter(exchange.mutate().response(new Capturing(exchange.getResponse(), key)).build());
    }

    /** The stored answer to this request; null if there is none or the request may not have one. */
    Entry lookup(ServerHttpRequest request) {
        return cacheable(request) ? entries.getIfPresent(key(request)) : null;
    }

    private boolean cacheable(ServerHttpRequest request) {
        return settings.enabled() && anonymousGet(request);
    }

    /**
     * The path and query as sent: what selects the route and what the origin answers. A client's
     * own Cache-Control is not honoured: it would let anyone send every read to the origin.
     */
    private static String key(ServerHttpRequest request) {
        return request.getURI().getRawPath() + "?" + Objects.toString(request.getURI().getRawQuery(), "");
    }

    private static boolean anonymousGet(ServerHttpRequest request) {
        HttpHeaders headers = request.getHeaders();
        return HttpMethod.GET.equals(request.getMethod())
                && !headers.containsHeader(HttpHeaders.AUTHORIZATION) && !headers.containsHeader(HttpHeaders.COOKIE);
    }

    /** The stored answer, counted as a hit; the response already carries this request's correlation id. */
    Mono<Void> answer(ServerHttpResponse response, Entry entry) {
        hits.increment();
        response.setStatusCode(HttpStatus.OK);
        HttpHeaders headers = response.getHeaders();
        headers.putAll(entry.headers());
        headers.set(HttpHeaders.AGE, Long.toString(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - entry.storedAtNanos())));
        headers.setContentLength(entry.body().length);
        return response.writeWith(Mono.fromSupplier(() -> response.bufferFactory().wrap(entry.body())));
    }

    /** How long a shared cache may serve this answer; null if it may not store it. */
    static Duration lifetime(HttpStatusCode status, HttpHeaders headers) {
        if (status == null || status.value() != 200
                || headers.containsHeader(HttpHeaders.SET_COOKIE) || headers.containsHeader(HttpHeaders.VARY)) return null;
        boolean isPublic = false;
        Long maxAge = null, sharedMaxAge = null;
        for (String line : headers.getOrEmpty(HttpHeaders.CACHE_CONTROL)) {
            for (String directive : line.split(",")) {
                String[] nameValue = directive.split("=", 2);
                switch (nameValue[0].trim().toLowerCase(Locale.ROOT)) {
                    case "public" -> isPublic = true;
                    case "private", "no-store", "no-cache" -> { return null; }
                    // a repeated directive makes the answer's lifetime unknown (RFC 9111 §4.2.1)
                    case "max-age" -> maxAge = maxAge == null ? seconds(nameValue) : INVALID;
                    case "s-maxage" -> sharedMaxAge = sharedMaxAge == null ? seconds(nameValue) : INVALID;
                    default -> { }
                }
            }
        }
        // s-maxage is meant for shared caches such as this one and overrides max-age
        Long seconds = sharedMaxAge != null ? sharedMaxAge : maxAge;
        return isPublic && seconds != null && seconds > 0 ? Duration.ofSeconds(seconds) : null;
    }

    private static long seconds(String[] nameValue) {
        if (nameValue.length < 2) return INVALID;
        try {
            return Math.min(Long.parseLong(nameValue[1].trim().replace("\"", "")), MAX_SECONDS);
        } catch (NumberFormatException e) {
            return INVALID;
        }
    }

    private static HttpHeaders stored(HttpHeaders headers) {
        HttpHeaders kept = new HttpHeaders();
        headers.forEach((name, values) -> {
            if (!NOT_STORED.contains(name.toLowerCase(Locale.ROOT))) kept.addAll(name, values);
        });
        return HttpHeaders.readOnlyHttpHeaders(kept);
    }

    /** Passes a forwarded answer on and, if it may be stored, keeps a copy of its bytes as they go by. */
    private final class Capturing extends ServerHttpResponseDecorator {

        private final String key;

        Capturing(ServerHttpResponse delegate, String key) {
            super(delegate);
            this.key = key;
        }

        @Override
        public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
            Duration lifetime = lifetime(getStatusCode(), getHeaders());
            if (lifetime == null) {
                uncacheable.increment();
                return super.writeWith(body);
            }
            return super.writeWith(Flux.defer(() -> {
                Copy copy = new Copy(settings.maxEntryBytes().toBytes());
                return Flux.from(body).doOnNext(copy::add).doOnComplete(() -> {
                    byte[] bytes = copy.bytes();
                    if (bytes == null) {
                        uncacheable.increment();
                        return;
                    }
                    // as answered: committed, with the security headers, which a hit answered
                    // ahead of the security filters (CachedAnswers) must carry too
                    HttpHeaders headers = stored(getDelegate().getHeaders());
                    entries.put(key, new Entry(headers, bytes, System.nanoTime(), lifetime));
                    misses.increment();
                });
            }));
        }

        /** Streamed answers (server-sent events, NDJSON) are not stored. */
        @Override
        public Mono<Void> writeAndFlushWith(Publisher<? extends Publisher<? extends DataBuffer>> body) {
            uncacheable.increment();
            return super.writeAndFlushWith(body);
        }
    }

    /** The bytes of an answer up to a limit, read without moving the buffers on (they are written on and released there). */
    private static final class Copy {

        private final long limit;
        private ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        Copy(long limit) {
            this.limit = limit;
        }

        void add(DataBuffer buffer) {
            int n = buffer.readableByteCount();
            if (bytes == null || bytes.size() + (long) n > limit) {
                bytes = null;
                return;
            }
            byte[] chunk = new byte[n];
            int position = buffer.readPosition();
            buffer.read(chunk);
            buffer.readPosition(position);
            bytes.write(chunk, 0, n);
        }

        /** The whole body, or null if it was over the limit. */
        byte[] bytes() {
            return bytes == null ? null : bytes.toByteArray();
        }
    }
}
