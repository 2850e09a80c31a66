package cn.dsr.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.transaction.CannotCreateTransactionException;
import tools.jackson.databind.json.JsonMapper;

/** A service that cannot reach its database, or has no connection free, says so: 503 and when to come back, not a 500. */
class ProblemDetailsOfUnavailableServiceTest {

    private final ProblemHandler problems = new ProblemHandler(JsonMapper.builder().build());

    private MockServerWebExchange answer(Throwable failure) {
        var exchange = MockServerWebExchange.from(MockServerHttpRequest.post("/api/inspection/tasks/T1/record"));
        problems.handle(exchange, failure).block();
        return exchange;
    }

    @Test
    void no_pooled_connection_in_time_is_a_503_with_retry_after() {
        var exchange = answer(new CannotCreateTransactionException("Could not open R2DBC Connection for transaction",
                new java.util.concurrent.TimeoutException("Did not observe any item or terminal signal within 5000ms")));

        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(exchange.getResponse().getHeaders().getFirst("Retry-After")).isEqualTo("1");
        String body = exchange.getResponse().getBodyAsString().block();
        assertThat(body).contains("\"status\":503").contains("retry after 1 s").doesNotContain("R2DBC").doesNotContain("Timeout");
    }

    @Test
    void a_database_refusing_connections_or_a_lock_conflict_is_a_503_too() {
        assertThat(answer(new CannotCreateTransactionException("no connection", new ConnectException("Connection refused")))
                .getResponse().getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(answer(new PessimisticLockingFailureException("deadlock detected")).getResponse().getStatusCode())
                .isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
    }

    @Test
    void a_bug_is_still_a_500_without_retry_after() {
        var exchange = answer(new NullPointerException("oops"));
        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
        assertThat(exchange.getResponse().getHeaders().getFirst("Retry-After")).isNull();
    }
}
