package cn.dsr.stack.client;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A caller of the suite through the gateway, as a browser or script would be. */
public final class Api {

    public static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** An answer; {@code bytes} is the body as sent (a workbook, an evidence file), {@code raw} the same as text. */
    public record Response(int status, JsonNode body, String raw, byte[] bytes, HttpHeaders headers) {

        public Optional<String> header(String name) {
            return headers.firstValue(name);
        }
    }

    private final String gateway;
    private final String token;

    public Api(String gateway, String token) {
        this.gateway = gateway;
        this.token = token;
    }

    public Response get(String path) {
        return send(HttpRequest.newBuilder(URI.create(gateway + path)).GET());
    }

    public Response post(String path, String json, String... headers) {
        return send("POST", path, json, headers);
    }

    public Response put(String path, String json, String... headers) {
        return send("PUT", path, json, headers);
    }

    public Response delete(String path) {
        return send(HttpRequest.newBuilder(URI.create(gateway + path)).DELETE());
    }

    /** Any method with a JSON body; {@code headers} are name, value pairs. */
    public Response send(String method, String path, String json, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway + path))
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json));
        if (headers.length > 0) request.headers(headers);
        return send(request);
    }

    /** Raw bytes with their content type, for file uploads. */
    public Response upload(String method, String path, String contentType, byte[] body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway + path))
                .header("Content-Type", contentType)
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        if (headers.length > 0) request.headers(headers);
        return send(request);
    }

    private Response send(HttpRequest.Builder request) {
        if (token != null) request.header("Authorization", "Bearer " + token);
        try {
            HttpResponse<byte[]> response = HTTP.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofByteArray());
            byte[] bytes = response.body() == null ? new byte[0] : response.body();
            String raw = new String(bytes, StandardCharsets.UTF_8);
            JsonNode body = raw.isBlank() || !isJson(response) ? null : JSON.readTree(raw);
            return new Response(response.statusCode(), body, raw, bytes, response.headers());
        } catch (IOException e) {
            throw new IllegalStateException("gateway unreachable: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** One JSON document; JSON Lines (application/x-ndjson, open-data exports) is left to the caller as {@code raw}. */
    private static boolean isJson(HttpResponse<?> response) {
        return response.headers().firstValue("Content-Type").map(type -> type.contains("json") && !type.contains("ndjson")).orElse(true);
    }
}
