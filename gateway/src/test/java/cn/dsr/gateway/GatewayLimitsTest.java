package cn.dsr.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import cn.dsr.testinfra.TestIssuer;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Limits and resilience at the door: budgets per tenant and client, breakers per downstream. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "dsr.gateway.limits.per-tenant.per-second=1", "dsr.gateway.limits.per-tenant.burst=5",
        "dsr.gateway.limits.per-client.per-second=100", "dsr.gateway.limits.per-client.burst=100",
        "dsr.gateway.limits.public-per-client.per-second=1", "dsr.gateway.limits.public-per-client.burst=3"})
@AutoConfigureWebTestClient(timeout = "PT30S") // generous: CI shares 2 cores with PostgreSQL and Kafka
class GatewayLimitsTest {

    static final TestIssuer issuer = TestIssuer.start();
    /** A path whose answer the gateway may keep in memory for a minute, and how often the service answered it. */
    static final String CACHED = "/public/roster/cached";
    static final AtomicInteger cachedCalls = new AtomicInteger();
    static final HttpServer roster = server("{\"items\":[]}");
    static final int deadPort = unusedPort();

    static HttpServer server(String body) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", exchange -> {
                byte[] bytes = (exchange.getRequestURI().getPath().equals("/v3/api-docs") ? "{\"openapi\":\"3.1.0\"}" : body)
                        .getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                if (exchange.getRequestURI().getPath().equals(CACHED)) {
                    cachedCalls.incrementAndGet();
                    exchange.getResponseHeaders().set("Cache-Control", "public, max-age=60");
                }
                exchange.sendResponseHeaders(200, bytes.length);
                exchange.getResponseBody().write(bytes);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static int unusedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @DynamicPropertySource
    static void routes(DynamicPropertyRegistry registry) {
        registry.add("DSR_ROSTER_URI", () -> "http://127.0.0.1:" + roster.getAddress().getPort());
        registry.add("DSR_DRAW_URI", () -> "http://127.0.0.1:" + deadPort);
        registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", issuer::issuerUri);
        registry.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", issuer::jwkSetUri);
    }

    @AfterAll
    static void stop() {
        roster.stop(0);
        issuer.close();
    }

    @Autowired
    WebTestClient web;

    int status(String token, String path) {
        return web.get().uri(path).headers(h -> { if (token != null) h.setBearerAuth(token); })
                .exchange().returnResult(String.class).getStatus().value();
    }

    @Test
    void a_tenant_at_ten_times_its_budget_gets_429_while_another_tenant_is_still_served() {
        String xihua1 = issuer.token("xh.operator", "411622", "DISTRICT_OPERATOR");
        String xihua2 = issuer.token("xh.head", "411622", "DISTRICT_HEAD");
        long start = System.nanoTime();
        int served = 0;
        for (int i = 0; i < 50; i++) {
            if (status(i % 2 == 0 ? xihua1 : xihua2, "/api/roster/items") != 429) served++;
        }
        assertWithinBudget(served, 5, start);

        web.get().uri("/api/roster/items").headers(h -> h.setBearerAuth(xihua1)).exchange()
                .expectStatus().isEqualTo(429)
                .expectHeader().exists("Retry-After")
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        String shangshui = issuer.token("ss.operator", "411623", "DISTRICT_OPERATOR");
        assertThat(status(shangshui, "/api/roster/items")).isEqualTo(200);
    }

    @Test
    void anonymous_public_callers_have_a_stricter_budget_which_answers_from_the_gateways_memory_spend_too() {
        long start = System.nanoTime();
        int served = 0;
        for (int i = 0; i < 10; i++) {
            if (status(null, CACHED) != 429) served++;
        }
        assertWithinBudget(served, 3, start);
        assertThat(cachedCalls).as("the service answered once; every other call served was answered from memory").hasValue(1);
    }

    /**
     * A budget of {@code burst} refilled by one a second serves no more than the burst plus a
     * request per second elapsed (plus one for the second begun): on a loaded machine the calls
     * are slower and more of them are served, but never more than that.
     */
    static void assertWithinBudget(int served, int burst, long startNanos) {
        long elapsedSeconds = (System.nanoTime() - startNanos) / 1_000_000_000L;
        assertThat(served).as("served against a burst of %d refilled by 1/s over %d s", burst, elapsedSeconds)
                .isGreaterThanOrEqualTo(burst)
                .isLessThanOrEqualTo(burst + (int) elapsedSeconds + 1);
    }

    @Test
    void a_service_that_does_not_answer_gives_a_503_problem_not_a_stack_trace() {
        String token = issuer.token("city.coord", "411600", "CITY_COORDINATOR");
        web.get().uri("/api/draw/plans").headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("draw"));
    }

    @Test
    void every_services_api_description_is_reachable_for_the_one_swagger_ui() {
        // signed in, so the anonymous budget the other tests spend does not apply
        String token = issuer.token("docs.reader", "411624", "AUDITOR");
        web.get().uri("/api-docs/roster").headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.openapi").isEqualTo("3.1.0");
        web.get().uri("/swagger-ui.html").headers(h -> h.setBearerAuth(token)).exchange().expectStatus().is3xxRedirection();
    }
}
