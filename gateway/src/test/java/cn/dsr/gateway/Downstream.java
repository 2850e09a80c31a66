package cn.dsr.gateway;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/** A stand-in service behind the gateway that records every request reaching it and answers as told. */
final class Downstream implements AutoCloseable {

    record Seen(String method, String path, long bodyBytes) {}

    record Answer(int status, String json) {}

    private final HttpServer server;
    private final List<Seen> seen = new CopyOnWriteArrayList<>();

    Downstream(Function<Seen, Answer> answers) {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/", exchange -> {
            Seen request = new Seen(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), drain(exchange));
            seen.add(request);
            Answer answer = answers.apply(request);
            byte[] bytes = answer.json().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
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
}
