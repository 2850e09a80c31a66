package cn.dsr.platform.audit;

import static org.assertj.core.api.Assertions.assertThat;

import cn.dsr.platform.tenant.TenantTx;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.transaction.CannotCreateTransactionException;
import reactor.core.publisher.Mono;

/** A write is never answered unrecorded because the audit store was briefly out of connections. */
class AuthorizationAuditTest {

    /** An audit store that fails its first {@code failures} inserts with {@code failure}, then records. */
    private static final class FlakyStore extends TenantTx {
        final AtomicInteger attempts = new AtomicInteger();
        final AtomicInteger recorded = new AtomicInteger();
        private final int failures;
        private final RuntimeException failure;

        FlakyStore(int failures, RuntimeException failure) {
            super(null, null);
            this.failures = failures;
            this.failure = failure;
        }

        @Override
        public <T> Mono<T> inTenant(String tenant, Function<DatabaseClient, Mono<T>> work) {
            return Mono.defer(() -> {
                if (attempts.incrementAndGet() <= failures) return Mono.error(failure);
                recorded.incrementAndGet();
                return Mono.empty();
            });
        }
    }

    private static MockServerWebExchange submission() {
        Jwt jwt = Jwt.withTokenValue("t").header("alg", "none").subject("inspector-7").claim("tenant", "411622")
                .claim("roles", List.of("INSPECTOR")).issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(60)).build();
        return MockServerWebExchange.builder(MockServerHttpRequest.post("/api/inspection/tasks/T1/record"))
                .principal(new JwtAuthenticationToken(jwt)).build();
    }

    private static void answer201(AuthorizationAudit audit, MockServerWebExchange exchange) {
        audit.filter(exchange, e -> {
            e.getResponse().setStatusCode(HttpStatus.CREATED);
            return e.getResponse().setComplete();
        }).block();
    }

    @Test
    void an_audit_insert_that_found_no_pooled_connection_is_retried_before_the_201_goes_out() {
        var store = new FlakyStore(2, new CannotCreateTransactionException("Could not open R2DBC Connection for transaction",
                new TimeoutException("Did not observe any item or terminal signal within 5000ms")));
        var exchange = submission();

        answer201(new AuthorizationAudit(store, List.of()), exchange);

        assertThat(store.attempts).hasValue(3);
        assertThat(store.recorded).hasValue(1);
        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.CREATED);
    }

    @Test
    void an_audit_insert_failing_for_a_bug_is_not_retried_and_does_not_fail_the_write_it_describes() {
        var store = new FlakyStore(1, new IllegalStateException("column \"roles\" is of type text[]"));
        var exchange = submission();

        answer201(new AuthorizationAudit(store, List.of()), exchange);

        assertThat(store.attempts).hasValue(1);
        assertThat(store.recorded).hasValue(0);
        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(exchange.getResponse().isCommitted()).isTrue();
    }
}
