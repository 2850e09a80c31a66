package cn.dsr.platform.audit;

import cn.dsr.platform.support.TransientFailure;
import cn.dsr.platform.tenant.CurrentUser;
import cn.dsr.platform.tenant.TenantTx;
import cn.dsr.platform.tracing.InTrace;
import cn.dsr.platform.web.CorrelationId;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * Records the authorization decisions on sensitive operations — every write, every denial (401,
 * 403) and every read of a configured sensitive path — with who asked, what, and the outcome. The
 * row is written just before the response is committed, so nothing is answered unrecorded. A
 * transient failure of the audit store (no pooled connection in time under overload, a restart) is
 * retried for a few seconds, delaying the answer rather than losing the row: the write it
 * describes has already committed. A store still failing after that is logged with the whole
 * decision and does not fail the request it describes.
 */
public class AuthorizationAudit implements WebFilter, Ordered {

    public record Entry(long id, OffsetDateTime at, String tenant, String subject, String username, List<String> roles,
                        String method, String path, int status, Decision decision, String correlationId) {}

    private static final Logger log = LoggerFactory.getLogger(AuthorizationAudit.class);
    /** About 6 s of retries in all, on top of each attempt's own wait for a pooled connection. */
    static final Retry TRANSIENT = Retry.backoff(6, Duration.ofMillis(100)).maxBackoff(Duration.ofSeconds(2))
            .filter(TransientFailure::is);
    private static final List<HttpMethod> WRITES = List.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE);

    private final TenantTx tx;
    private final List<PathPattern> sensitiveReads;

    public AuthorizationAudit(TenantTx tx, List<String> sensitiveReads) {
        this.tx = tx;
        this.sensitiveReads = sensitiveReads.stream().map(String::trim).filter(p -> !p.isBlank())
                .map(PathPatternParser.defaultInstance::parse).toList();
    }

    /** After the security filters, so the caller is known. */
    @Override
    public int getOrder() {
        return 0;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        return exchange.getPrincipal()
                .filter(JwtAuthenticationToken.class::isInstance)
                .map(p -> Optional.of(CurrentUser.of(((JwtAuthenticationToken) p).getToken())))
                .defaultIfEmpty(Optional.empty())
                .flatMap(user -> {
                    user.ifPresent(u -> exchange.getResponse().beforeCommit(() -> recordIfSensitive(u, exchange)));
                    return chain.filter(exchange);
                });
    }

    private Mono<Void> recordIfSensitive(CurrentUser user, ServerWebExchange exchange) {
        var request = exchange.getRequest();
        var status = exchange.getResponse().getStatusCode();
        int code = status == null ? 200 : status.value();
        Decision decision = Decision.of(code);
        boolean write = WRITES.contains(request.getMethod());
        PathContainer path = request.getPath().pathWithinApplication();
        boolean sensitiveRead = sensitiveReads.stream().anyMatch(p -> p.matches(path));
        if (!write && !sensitiveRead && decision != Decision.DENIED) return Mono.empty();
        String correlationId = exchange.getResponse().getHeaders().getFirst(CorrelationId.HEADER);
        return tx.inTenant(user.tenant(), db -> db.sql("""
                        INSERT INTO authorization_audit (tenant, subject, username, roles, method, path, status, decision, correlation_id)
                        VALUES (:tenant, :subject, :username, :roles, :method, :path, :status, :decision, :correlationId)""")
                        .bind("tenant", Parameter.fromOrEmpty(user.tenant(), String.class))
                        .bind("subject", user.subject() == null ? "?" : user.subject())
                        .bind("username", Parameter.fromOrEmpty(user.username(), String.class))
                        .bind("roles", user.roles().stream().sorted().toArray(String[]::new))
                        .bind("method", request.getMethod().name())
                        .bind("path", path.value())
                        .bind("status", code)
                        .bind("decision", decision.name())
                        .bind("correlationId", Parameter.fromOrEmpty(correlationId, String.class))
                        .fetch().rowsUpdated())
                .retryWhen(TRANSIENT)
                .then()
                .onErrorResume(e -> InTrace.call(() -> {
                    log.error("could not record the authorization decision {} {} {} for {}", request.getMethod(), path, code,
                            user.subject(), e);
                    return null;
                }));
    }

    /** The newest decisions the caller's tenants may see, newest first. */
    public Flux<Entry> read(CurrentUser reader, Decision decision, int limit) {
        return tx.manyInTenants(reader.visibleTenants(), db -> db.sql("""
                        SELECT id, at, tenant, subject, username, roles, method, path, status, decision, correlation_id
                          FROM authorization_audit WHERE (:decision = '' OR decision = :decision)
                         ORDER BY id DESC LIMIT :limit""")
                .bind("decision", decision == null ? "" : decision.name())
                .bind("limit", limit)
                .map((row, meta) -> new Entry(row.get("id", Long.class), row.get("at", OffsetDateTime.class),
                        row.get("tenant", String.class), row.get("subject", String.class), row.get("username", String.class),
                        List.of(row.get("roles", String[].class)), row.get("method", String.class), row.get("path", String.class),
                        row.get("status", Integer.class), Decision.valueOf(row.get("decision", String.class)),
                        row.get("correlation_id", String.class)))
                .all());
    }
}
