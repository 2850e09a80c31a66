package cn.dsr.disclosure.portal;

import static org.assertj.core.api.Assertions.assertThat;

import cn.dsr.disclosure.ServiceTest;
import cn.dsr.draw.core.verify.Check;
import cn.dsr.draw.core.verify.VerificationReport;
import cn.dsr.draw.core.verify.Verifier;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;

/**
 * The portal in a real browser: the service runs with a known dataset, draw-service's public
 * record and verifier are stood in for by a small server running the real {@link Verifier} on the
 * worked example of the draw format, and portal-e2e/portal.spec.mjs drives headless Chromium.
 * Runs in {@code mvn verify} after portal-e2e/install has installed Chromium and playwright-core.
 */
class PortalIT extends ServiceTest {

    static final Path MODULE = Path.of("").toAbsolutePath();
    static final Path WORKED_EXAMPLE = MODULE.resolveSibling("draw-core").resolve("src/test/resources/examples/worked-example.record.json");

    @Value("${local.server.port}")
    int port;

    @Test
    void the_portal_searches_shows_histories_and_periods_and_verifies_a_draw_in_the_browser() throws Exception {
        String district = district(), drawId = district + "-2026Q2-" + id("D"), period = "2026Q2";
        LocalDate inspected = LocalDate.of(2026, 5, 11);
        drawScheduled(drawId, district, period, id("P"));
        Record corrected = new Record(id("V"), drawId, district, uscc(district), "某门户造纸有限公司", inspected, "NO_PROBLEM");
        Record secret = new Record(id("V"), drawId, district, uscc(district), "某门户化工有限公司", inspected, "RECTIFICATION_ORDERED", "COMMERCIAL_SECRET");
        recorded(corrected);
        recorded(secret);
        recorded(new Record(id("V"), drawId, district, uscc(district), "某涉密单位", inspected, "NO_PROBLEM", "NATIONAL_SECRET"));
        awaitHistory(corrected.uscc(), 1);
        recorded(corrected.amended(2, "RECTIFICATION_ORDERED"));
        awaitHistory(corrected.uscc(), 2);
        awaitHistory(secret.uscc(), 1);
        await("/public/disclosure/draws/" + drawId, d -> true);

        HttpServer drawService = drawServiceStandIn();
        try {
            Process browser = new ProcessBuilder("node", "portal-e2e/portal.spec.mjs", "http://localhost:" + port,
                    "http://localhost:" + drawService.getAddress().getPort(), corrected.uscc(), secret.uscc(), drawId, period, district)
                    .directory(MODULE.toFile()).redirectErrorStream(true).start();
            try (var output = new java.io.BufferedReader(new java.io.InputStreamReader(browser.getInputStream(), StandardCharsets.UTF_8))) {
                output.lines().forEach(line -> System.out.println("[portal] " + line));
            }
            assertThat(browser.waitFor(180, TimeUnit.SECONDS)).as("the browser check finished").isTrue();
            assertThat(browser.exitValue()).as("every portal check passed (see the output above)").isZero();
        } finally {
            drawService.stop(0);
        }
    }

    /** draw-service's public record and verifier: the worked example, verified by the real verifier. */
    private static HttpServer drawServiceStandIn() throws IOException {
        String record = Files.readString(WORKED_EXAMPLE);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/public/draw/draws/", exchange -> reply(exchange, record));
        server.createContext("/public/draw/verify", exchange -> {
            VerificationReport report = Verifier.verify(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("ok", report.ok());
            body.put("firstMismatch", report.firstMismatch().map(Check::name).orElse(null));
            body.put("checks", report.checks());
            reply(exchange, JSON.writeValueAsString(body));
        });
        server.start();
        return server;
    }

    private static void reply(HttpExchange exchange, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
