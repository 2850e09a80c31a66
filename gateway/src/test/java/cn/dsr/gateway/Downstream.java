package cn.dsr.gateway;

import cn.dsr.testinfra.TestIssuer;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.springframework.test.context.DynamicPropertyRegistry;

/** A stand-in service behind the gateway that records every request reaching it and answers as told. */
final class Downstream implements AutoCloseable {

    record Seen(String method, String path, String query, long bodyBytes) {}

    record Answer(int status, String json, Map<String, String> headers) {
        Answer(int status, String json) {
            this(status, json, Map.of());
        }
    }

    private final HttpServer server;
    private final List<Seen> seen = new CopyOnWriteArrayList<>();

    Downstream(Function<Seen, Answer> answers) {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/", exchange -> {
            Seen request = new Seen(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    exchange.getRequestURI().getRawQuery(), drain(exchange));
            seen.add(request);
            Answer answer = answers.apply(request);
            byte[] bytes = answer.json().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            // as every service does (platform CorrelationId), the answer repeats the request's id
            String correlationId = exchange.getRequestHeaders().getFirst("X-Correlation-Id");
            if (correlationId != null) exchange.getResponseHeaders().set("X-Correlation-Id", correlationId);
            answer.headers().forEach(exchange.getResponseHeaders()::set);
            exchange.sendResponseHeaders(answer.status(), bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
    }

    String uri() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    long calls(String method, String path) {
        return seen.stream().filter(s -> s.method().equals(method) && s.path().equals(path)).count();
    }

    List<Seen> seen() {
        return seen;
    }

    private static long drain(HttpExchange exchange) throws IOException {
        long total = 0;
        try (InputStream in = exchange.getRequestBody()) {
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) > 0; ) total += n;
        }
        return total;
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /** Every route of the gateway leads here, and tokens are checked against {@code issuer}. */
    void routeEverythingHere(DynamicPropertyRegistry registry, TestIssuer issuer) {
        for (String name : new String[] {"ROSTER", "DRAW", "INSPECTION", "DISCLOSURE"}) {
            registry.add("DSR_" + name + "_URI", this::uri);
        }
        registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", issuer::issuerUri);
        registry.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", issuer::jwkSetUri);
    }
}
