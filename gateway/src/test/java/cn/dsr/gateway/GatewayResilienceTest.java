package cn.dsr.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import cn.dsr.testinfra.TestIssuer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Retries, timeouts and body limits per route, against a stand-in service that answers as scripted. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient(timeout = "PT60S") // generous: CI shares 2 cores with PostgreSQL and Kafka
class GatewayResilienceTest {

    static final TestIssuer issuer = TestIssuer.start();
    /** Paths that fail their first call with the given status, then answer 200. */
    static final Map<String, Integer> failOnce = new ConcurrentHashMap<>();
    static final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    static final Downstream service = new Downstream(request -> {
        int n = calls.computeIfAbsent(request.method() + " " + request.path(), k -> new AtomicInteger()).incrementAndGet();
        Integer failure = failOnce.get(request.path());
        if (request.path().startsWith("/api/roster/broken")) return new Downstream.Answer(500, "{}");
        if (request.path().startsWith("/public/disclosure/slow")) pause(200); // the stand-in answers one call at a time
        return failure != null && n == 1 ? new Downstream.Answer(failure, "{}") : new Downstream.Answer(200, "{\"ok\":true}");
    });

    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @DynamicPropertySource
    static void routes(DynamicPropertyRegistry registry) {
        service.routeEverythingHere(registry, issuer);
    }

    @AfterAll
    static void stop() {
        service.close();
        issuer.close();
    }

    @Autowired
    WebTestClient web;
    @Autowired
    RouteLocator routes;
    @LocalServerPort
    int port;

    final String token = issuer.token("xh.operator", "411622", "DISTRICT_OPERATOR");

    @Test
    void a_read_that_meets_an_unavailable_instance_is_retried_once_more_and_succeeds() {
        failOnce.put("/api/roster/entities/e-1", 503);
        web.get().uri("/api/roster/entities/e-1").headers(h -> h.setBearerAuth(token)).exchange().expectStatus().isOk();
        assertThat(service.calls("GET", "/api/roster/entities/e-1")).isEqualTo(2);
    }

    @Test
    void a_write_is_never_retried_by_the_gateway_so_it_cannot_be_applied_twice() {
        failOnce.put("/api/roster/entities", 503);
        web.post().uri("/api/roster/entities").headers(h -> h.setBearerAuth(token)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{}").exchange().expectStatus().isEqualTo(503);
        assertThat(service.calls("POST", "/api/roster/entities")).isEqualTo(1);
    }

    @Test
    void a_server_error_is_a_bug_and_is_not_retried() {
        web.get().uri("/api/roster/broken").headers(h -> h.setBearerAuth(token)).exchange().expectStatus().isEqualTo(500);
        assertThat(service.calls("GET", "/api/roster/broken")).isEqualTo(1);
    }

    @Test
    void every_route_has_its_own_connect_and_response_timeout() {
        routes.getRoutes().collectList().block().forEach(route -> assertThat(route.getMetadata())
                .as(route.getId()).containsKeys("connect-timeout", "response-timeout"));
    }

    @Test
    void a_30_mb_video_reaches_the_inspection_service_but_a_body_over_its_routes_limit_is_refused_with_a_problem() {
        byte[] video = new byte[30 * 1024 * 1024];
        web.post().uri("/api/inspection/tasks/t-1/evidence?filename=clip.mp4").headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.parseMediaType("video/mp4")).bodyValue(video).exchange().expectStatus().isOk();
        assertThat(service.seen()).anySatisfy(seen -> {
            assertThat(seen.path()).isEqualTo("/api/inspection/tasks/t-1/evidence");
            assertThat(seen.bodyBytes()).isEqualTo(video.length);
        });

        byte[] large = new byte[16 * 1024 * 1024 + 1];
        web.post().uri("/api/roster/entities/import").headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_OCTET_STREAM).bodyValue(large).exchange()
                .expectStatus().isEqualTo(413)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.detail").isEqualTo("the request body has 16777217 bytes; this endpoint takes at most 16777216 bytes");
        web.post().uri("/api/inspection/tasks/t-1/evidence").headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.parseMediaType("video/mp4")).bodyValue(new byte[51 * 1024 * 1024]).exchange()
                .expectStatus().isEqualTo(413);
        assertThat(service.calls("POST", "/api/roster/entities/import")).isZero();
    }

    @Test
    void forty_reads_waiting_at_once_on_a_slow_service_are_all_served_not_turned_away() throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        List<CompletableFuture<HttpResponse<Void>>> calls = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            calls.add(client.sendAsync(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/public/disclosure/slow/" + i))
                    .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.discarding()));
        }
        List<Integer> statuses = new ArrayList<>();
        for (CompletableFuture<HttpResponse<Void>> call : calls) statuses.add(call.get(90, TimeUnit.SECONDS).statusCode());
        assertThat(statuses).as("a bulkhead of 25 calls per route would answer the rest with the 503 fallback").containsOnly(200);
    }
}
