package cn.dsr.security;

import cn.dsr.stack.client.Stack;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Raw calls through the gateway, as an attacker would make them: any method, path, content type
 * and body. A 429 is waited out (its Retry-After honoured) and sent again, because a refused
 * request says nothing about authorization; {@link #throttled} counts them.
 */
public final class Http {

    public static final JsonMapper JSON = JsonMapper.builder().build();
    public static final AtomicLong throttled = new AtomicLong();
    public static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    public record Reply(int status, String body, String retryAfter, String contentType) {
        public boolean ok() {
            return status >= 200 && status < 300;
        }

        /**
         * Served, and — when the answer is a batch of entries each with its own status — at least
         * one entry accepted: a 200 whose every entry is refused has let nothing through.
         */
        public boolean accepted() {
            if (!ok()) return false;
            JsonNode body = json();
            if (body == null || !body.isArray() || body.isEmpty() || !body.get(0).path("status").isNumber()) return true;
            for (JsonNode entry : body) {
                int status = entry.path("status").asInt();
                if (status >= 200 && status < 300) return true;
            }
            return false;
        }

        public JsonNode json() {
            try {
                return body == null || body.isBlank() ? null : JSON.readTree(body);
            } catch (RuntimeException notJson) {
                return null;
            }
        }

        @Override
        public String toString() {
            return status + " " + (body == null ? "" : body.length() > 300 ? body.substring(0, 300) + "…" : body);
        }
    }

    private Http() {}

    public static Reply json(Caller caller, String method, String path, String body) {
        return send(caller == null ? null : caller.token(), method, path, body == null ? null : "application/json",
                body == null ? null : body.getBytes(StandardCharsets.UTF_8), true);
    }

    public static Reply get(Caller caller, String path) {
        return json(caller, "GET", path, null);
    }

    /** One request; with {@code patient}, 429s are waited out and sent again; {@code headers} are name, value pairs. */
    public static Reply send(String token, String method, String path, String contentType, byte[] body, boolean patient,
                             String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(Stack.gateway() + path)).timeout(TIMEOUT)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) request.header("Content-Type", contentType);
        if (token != null) request.header("Authorization", "Bearer " + token);
        if (headers.length > 0) request.headers(headers);
        HttpRequest built = request.build();
        for (int attempt = 0; ; attempt++) {
            Reply reply = exchange(built);
            if (reply.status() != 429 || !patient || attempt > 50) return reply;
            throttled.incrementAndGet();
            sleep(reply.retryAfter() == null ? 1000 : Math.max(200, Long.parseLong(reply.retryAfter()) * 1000));
        }
    }

    private static Reply exchange(HttpRequest request) {
        try {
            HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body(), response.headers().firstValue("Retry-After").orElse(null),
                    response.headers().firstValue("Content-Type").orElse(""));
        } catch (IOException e) {
            throw new IllegalStateException(request.method() + " " + request.uri() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
