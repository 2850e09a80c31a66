package cn.dsr.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import cn.dsr.testinfra.TestIssuer;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The gateway in front of a stand-in service that records what reaches it. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient(timeout = "PT30S") // generous: CI shares 2 cores with PostgreSQL and Kafka
class GatewayRoutingTest {

    static final TestIssuer issuer = TestIssuer.start();
    static final Map<String, Map<String, String>> seen = new ConcurrentHashMap<>();
    static final HttpServer downstream = downstream();

    static HttpServer downstream() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", exchange -> {
                Map<String, String> headers = new ConcurrentHashMap<>();
                exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), String.join(",", v)));
                seen.put(exchange.getRequestURI().getPath(), headers);
                byte[] body = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @DynamicPropertySource
    static void routes(DynamicPropertyRegistry registry) {
        String uri = "http://127.0.0.1:" + downstream.getAddress().getPort();
        for (String service : new String[] {"ROSTER", "DRAW", "INSPECTION", "DISCLOSURE"}) {
            registry.add("DSR_" + service + "_URI", () -> uri);
        }
        registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", issuer::issuerUri);
        registry.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", issuer::jwkSetUri);
    }

    @AfterAll
    static void stop() {
        downstream.stop(0);
        issuer.close();
    }

    @Autowired
    WebTestClient web;

    @Test
    void the_token_is_relayed_and_client_sent_identity_headers_never_reach_a_service() {
        String token = issuer.token("xh.operator", "411622", "DISTRICT_OPERATOR");
        web.get().uri("/api/roster/org-units")
                .headers(h -> {
                    h.setBearerAuth(token);
                    h.set("X-Tenant", "411623");
                    h.set("X-Roles", "CITY_COORDINATOR");
                })
                .exchange().expectStatus().isOk();
        Map<String, String> headers = seen.get("/api/roster/org-units");
        assertThat(headers).containsEntry("authorization", "Bearer " + token)
                .doesNotContainKeys("x-tenant", "x-roles")
                .containsKey("x-correlation-id");
    }

    @Test
    void an_api_call_without_a_valid_token_is_refused_at_the_door() {
        web.get().uri("/api/draw/replica/org-units").exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        String foreign = issuer.tokenFor("x").tenant("411622").roles("DISTRICT_OPERATOR").audience("someone-else").sign();
        web.get().uri("/api/draw/replica/org-units").headers(h -> h.setBearerAuth(foreign)).exchange()
                .expectStatus().isUnauthorized();
        assertThat(seen).doesNotContainKey("/api/draw/replica/org-units");
    }

    @Test
    void public_pages_need_no_token() {
        web.get().uri("/public/disclosure/results").exchange().expectStatus().isOk();
        assertThat(seen).containsKey("/public/disclosure/results");
    }
}
