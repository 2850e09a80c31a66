package cn.dsr.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import cn.dsr.platform.security.DecodedTokens;
import cn.dsr.testinfra.TestIssuer;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The gateway in front of a stand-in service that records what reaches it. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
@AutoConfigureWebTestClient(timeout = "PT30S") // generous: CI shares 2 cores with PostgreSQL and Kafka
class GatewayRoutingTest {

    static final TestIssuer issuer = TestIssuer.start();
    static final Map<String, Map<String, String>> seen = new ConcurrentHashMap<>();
    static final HttpServer downstream = downstream();
    /** What reached a stand-in OpenTelemetry collector: the bodies of POST /v1/traces (OTLP protobuf). */
    static final List<byte[]> exported = new CopyOnWriteArrayList<>();
    static final HttpServer collector = collector();

    static HttpServer collector() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/v1/traces", exchange -> {
                exported.add(exchange.getRequestBody().readAllBytes());
                exchange.sendResponseHeaders(200, -1);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static HttpServer downstream() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", exchange -> {
                Map<String, String> headers = new ConcurrentHashMap<>();
                exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), String.join(",", v)));
                seen.put(exchange.getRequestURI().getPath(), headers);
                byte[] body = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                // as every service does (platform CorrelationId), the answer repeats the request's id
                if (headers.containsKey("x-correlation-id")) exchange.getResponseHeaders().set("X-Correlation-Id", headers.get("x-correlation-id"));
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

    static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @DynamicPropertySource
    static void routes(DynamicPropertyRegistry registry) {
        String uri = "http://127.0.0.1:" + downstream.getAddress().getPort();
        for (String service : new String[] {"ROSTER", "DRAW", "DISCLOSURE"}) {
            registry.add("DSR_" + service + "_URI", () -> uri);
        }
        // inspection-service is down: nothing listens on its port
        registry.add("DSR_INSPECTION_URI", () -> "http://127.0.0.1:" + closedPort());
        registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", issuer::issuerUri);
        registry.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", issuer::jwkSetUri);
        registry.add("management.opentelemetry.tracing.export.otlp.endpoint",
                () -> "http://127.0.0.1:" + collector.getAddress().getPort() + "/v1/traces");
        registry.add("management.opentelemetry.tracing.export.schedule-delay", () -> "100ms");
    }

    @AfterAll
    static void stop() {
        downstream.stop(0);
        collector.stop(0);
        issuer.close();
    }

    @Autowired
    WebTestClient web;

    @Autowired
    MeterRegistry meters;

    @Autowired
    ReactiveJwtDecoder tokens;

    @LocalServerPort
    int port;

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
        for (int i = 0; i < 2; i++) {
            web.get().uri("/api/draw/replica/org-units").headers(h -> h.setBearerAuth(foreign)).exchange()
                    .expectStatus().isUnauthorized();
        }
        assertThat(seen).doesNotContainKey("/api/draw/replica/org-units");
        assertThat(tokens).as("tokens are verified once, then kept for a minute; refused ones are not kept").isInstanceOf(DecodedTokens.class);
    }

    @Test
    void the_answer_carries_one_correlation_id_the_one_the_service_saw() {
        List<String> ids = web.get().uri("/public/disclosure/plans").exchange().expectStatus().isOk()
                .returnResult(String.class).getResponseHeaders().get("X-Correlation-Id");
        assertThat(ids).containsExactly(seen.get("/public/disclosure/plans").get("x-correlation-id"));
    }

    @Test
    void public_pages_need_no_token() {
        web.get().uri("/public/disclosure/results").exchange().expectStatus().isOk();
        assertThat(seen).containsKey("/public/disclosure/results");
    }

    @Test
    void a_callers_traceparent_is_continued_and_the_downstream_service_joins_the_same_trace() {
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        String callersSpan = "00f067aa0ba902b7";
        web.get().uri("/public/roster/traced").header("traceparent", "00-" + traceId + "-" + callersSpan + "-01")
                .exchange().expectStatus().isOk();
        String downstream = seen.get("/public/roster/traced").get("traceparent");
        assertThat(downstream).startsWith("00-" + traceId + "-").endsWith("-01");
        assertThat(downstream).as("the gateway's own span is the parent").doesNotContain(callersSpan);
    }

    @Test
    void a_service_the_gateway_cannot_reach_is_answered_503_and_logged_with_the_requests_trace(CapturedOutput log) {
        String traceId = "5cf92f3577b34da6a3ce929d0e0e4737";
        web.get().uri("/api/inspection/tasks").headers(h -> h.setBearerAuth(issuer.token("xh.inspector1", "411622", "INSPECTOR")))
                .header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
                .exchange().expectStatus().isEqualTo(503);
        assertThat(log.getOut().lines().filter(line -> line.contains("inspection unavailable, answered 503 to a GET")))
                .as("the gateway's log line names the service, the cause and the trace")
                .singleElement().satisfies(line -> assertThat(line).contains(traceId).contains("ConnectException"));
    }

    @Test
    void a_request_without_traceparent_starts_a_trace_at_the_gateway_that_travels_downstream() {
        web.get().uri("/public/draw/untraced").exchange().expectStatus().isOk();
        assertThat(seen.get("/public/draw/untraced").get("traceparent")).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
    }

    @Test
    void the_gateways_spans_are_exported_to_the_configured_collector() throws InterruptedException {
        String traceId = "0af7651916cd43dd8448eb211c80319c";
        web.get().uri("/public/disclosure/exported").header("traceparent", "00-" + traceId + "-b7ad6b7169203331-01")
                .exchange().expectStatus().isOk();
        byte[] rawTraceId = HexFormat.of().parseHex(traceId);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (exported.stream().noneMatch(body -> contains(body, rawTraceId)) && System.nanoTime() < deadline) Thread.sleep(100);
        assertThat(exported).as("a span of the trace reached the collector").anyMatch(body -> contains(body, rawTraceId));
    }

    @Test
    void the_exchange_and_the_proxied_call_are_observed_but_not_each_step_of_the_security_chain() throws InterruptedException {
        web.get().uri("/public/disclosure/observed").exchange().expectStatus().isOk();
        assertThat(meters.find("http.client.requests").tag("spring.cloud.gateway.route.id", "disclosure").timers()).isNotEmpty();
        // the exchange's observation stops once the answer is written out, which may be after the client has read it
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (meters.find("http.server.requests").timers().isEmpty() && System.nanoTime() < deadline) Thread.sleep(20);
        assertThat(meters.find("http.server.requests").timers()).isNotEmpty();
        assertThat(meters.getMeters()).as("no spring.security.* observation")
                .noneMatch(meter -> meter.getId().getName().startsWith("spring.security."));
    }

    /**
     * Reactor Netty before 1.3.8 stopped reading a keep-alive connection once a request that had
     * waited behind another was answered at once (reactor-netty#4361): the caller's next request
     * then went unanswered until it gave up. Browsers and HTTP clients send back to back like this.
     */
    @Test
    void a_client_sending_requests_back_to_back_on_one_connection_is_answered_every_one() throws IOException, InterruptedException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(200);
            OutputStream out = socket.getOutputStream();
            // the first goes to a service; the second waits behind it and is then refused at the door at once
            out.write((request("/public/disclosure/back-to-back") + request("/api/draw/replica/back-to-back")).getBytes(StandardCharsets.US_ASCII));
            out.flush();
            ByteArrayOutputStream answers = new ByteArrayOutputStream();
            readUntil(socket.getInputStream(), answers, 2, Duration.ofSeconds(20));
            Thread.sleep(300);
            out.write(request("/public/disclosure/after-them").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertThat(readUntil(socket.getInputStream(), answers, 3, Duration.ofSeconds(10)))
                    .as("status lines read: %s", answers.toString(StandardCharsets.UTF_8))
                    .isEqualTo(3);
        }
        assertThat(seen).containsKey("/public/disclosure/after-them");
    }

    private static final Pattern STATUS_LINE = Pattern.compile("HTTP/1\\.1 \\d{3} ");

    private static String request(String path) {
        return "GET " + path + " HTTP/1.1\r\nHost: localhost\r\n\r\n";
    }

    /** Reads answers until {@code statusLines} have begun or the time is up; how many began. */
    private static int readUntil(InputStream in, ByteArrayOutputStream answers, int statusLines, Duration limit) throws IOException {
        long deadline = System.nanoTime() + limit.toNanos();
        byte[] buffer = new byte[8192];
        while (System.nanoTime() < deadline) {
            try {
                int n = in.read(buffer);
                if (n < 0) break;
                answers.write(buffer, 0, n);
            } catch (SocketTimeoutException e) {
                // nothing more yet
            }
            if (statusLinesIn(answers) >= statusLines) break;
        }
        return statusLinesIn(answers);
    }

    private static int statusLinesIn(ByteArrayOutputStream answers) {
        // an answer follows the previous body directly, not on a line of its own
        return (int) STATUS_LINE.matcher(answers.toString(StandardCharsets.ISO_8859_1)).results().count();
    }

    private static boolean contains(byte[] body, byte[] part) {
        outer:
        for (int i = 0; i + part.length <= body.length; i++) {
            for (int j = 0; j < part.length; j++) {
                if (body[i + j] != part[j]) continue outer;
            }
            return true;
        }
        return false;
    }
}
