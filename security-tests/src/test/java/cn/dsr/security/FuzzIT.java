package cn.dsr.security;

import static org.assertj.core.api.Assertions.assertThat;

import cn.dsr.security.ApiDescription.Operation;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Ten thousand malformed or random requests across every described endpoint — hostile path values,
 * wrong types, broken and oversized JSON, wrong content types, methods an endpoint does not have,
 * forged and missing tokens: the suite answers each with a 4xx or serves it — never a 5xx, never
 * a stack trace or an internal type name, never no answer within 30 s (status 0 in the report also
 * counts connections closed while a large body was still being sent, listed apart).
 */
class FuzzIT {

    static final int REQUESTS = 10_000;
    static final long SEED = Long.getLong("dsr.fuzz.seed", 20_260_601L);
    static final Pattern STACK_TRACE = Pattern.compile("\\tat |\\bat [a-z]+\\.[a-z]+\\.[\\w.$]+\\(|Exception:|\\.java:\\d+|org\\.springframework\\.|cn\\.dsr\\.");

    static final List<String> HOSTILE = List.of("", " ", "../../etc/passwd", "%00", "' OR '1'='1", "1; DROP TABLE entity;--",
            "<script>alert(1)</script>", "${jndi:ldap://x/a}", "-1", "0", "99999999999999999999", "NaN", "null", "true", "[]", "{}",
            "00000000-0000-0000-0000-000000000000", "not-a-uuid", "2026-13-45", "９９", "检查", "\uD83D\uDCA9", "a".repeat(5000),
            "411623", "4116*", "%", "*", "\\", "..%2f..%2f");
    static final List<String> BODIES = List.of("", "{", "}", "[", "null", "0", "\"x\"", "[]", "{}", "{\"a\":", "{\"a\":1,}",
            "[1,2,", "{\"year\":\"two thousand\"}", "{\"year\":1e400}", "{\"items\":{}}", "{\"items\":[null]}",
            "{\"tenant\":\"411623\"}", "\u0000\u0001\u0002", "<xml/>", "{\"a\":" + "[".repeat(2000) + "]".repeat(2000) + "}",
            "{\"name\":\"" + "x".repeat(300_000) + "\"}");
    static final List<String> TYPES = List.of("application/json", "application/json", "text/plain", "application/xml",
            "multipart/form-data", "application/x-www-form-urlencoded", "image/jpeg", "application/octet-stream", "video/mp4");
    static final List<String> METHODS = List.of("GET", "POST", "PUT", "DELETE", "PATCH");

    @Test
    void ten_thousand_malformed_requests_get_no_server_error_and_no_stack_trace() throws Exception {
        Fixtures fixtures = Fixtures.get();
        List<Operation> ops = ApiDescription.operations();
        Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> closedEarly = new ConcurrentLinkedQueue<>();
        long started = System.nanoTime();
        List<Runnable> requests = new java.util.ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            Random random = new Random(SEED + i);
            requests.add(() -> {
                Request r = generate(random, ops, fixtures);
                Http.Reply reply;
                try {
                    // one connection per request, so a request the suite fails to finish cannot hide behind another
                    reply = Http.send(r.token, r.method, r.path, r.contentType, r.body, true, "Connection", "close");
                } catch (IllegalStateException noAnswer) {
                    statuses.computeIfAbsent(0, s -> new AtomicLong()).incrementAndGet();
                    String what = r.method + " " + abbreviate(r.path) + " [" + r.contentType + ", "
                            + (r.body == null ? 0 : r.body.length) + " B] → " + noAnswer.getCause();
                    // a hang is a failure; a connection closed on a large body still being sent is how an early refusal may end
                    (noAnswer.getCause() instanceof HttpTimeoutException ? failures : closedEarly).add(what);
                    return;
                }
                statuses.computeIfAbsent(reply.status(), s -> new AtomicLong()).incrementAndGet();
                boolean trace = reply.body() != null && STACK_TRACE.matcher(reply.body()).find();
                if (reply.status() >= 500 || trace) {
                    failures.add(r.method + " " + abbreviate(r.path) + " [" + r.contentType + ", "
                            + (r.body == null ? 0 : r.body.length) + " B] → " + reply.status() + " " + abbreviate(reply.body()));
                }
            });
        }
        Parallel.run(requests, 10);
        double seconds = (System.nanoTime() - started) / 1e9;
        long total = statuses.values().stream().mapToLong(AtomicLong::get).sum();
        StringBuilder report = new StringBuilder("# Fuzz run\n\n").append(total).append(" requests over ").append(ops.size())
                .append(" operations (seed ").append(SEED).append(") in ").append(String.format("%.1f", seconds)).append(" s; by status: ")
                .append(new TreeMap<>(statuses)).append("; 429s waited out and resent: ").append(Http.throttled.get())
                .append("\n\n5xx or stack traces (").append(failures.size()).append("):\n");
        failures.stream().limit(200).forEach(f -> report.append("- ").append(f).append('\n'));
        report.append("\nconnection closed before an answer was read (").append(closedEarly.size()).append("):\n");
        closedEarly.forEach(f -> report.append("- ").append(f).append('\n'));
        Report.write("fuzz.md", report.toString());
        assertThat(total).isGreaterThanOrEqualTo(REQUESTS);
        assertThat(failures).isEmpty();
    }

    record Request(String token, String method, String path, String contentType, byte[] body) {}

    static Request generate(Random random, List<Operation> ops, Fixtures fixtures) {
        Operation op = ops.get(random.nextInt(ops.size()));
        Caller caller = Caller.ALL.get(random.nextInt(Caller.ALL.size()));
        String token = switch (random.nextInt(10)) {
            case 0 -> null;
            case 1 -> "eyJhbGciOiJub25lIn0.eyJ0ZW5hbnQiOiI0MTE2MDAiLCJyb2xlcyI6WyJDSVRZX0NPT1JESU5BVE9SIl19.";
            case 2 -> caller.token().substring(0, caller.token().length() - 4) + "AAAA";
            default -> caller.token();
        };
        String method = random.nextInt(4) == 0 ? METHODS.get(random.nextInt(METHODS.size())) : op.method();
        Map<String, String> binding = new TreeMap<>();
        List<Map<String, String>> real = fixtures.bindings(op, caller.tenant());
        if (!real.isEmpty() && random.nextBoolean()) binding.putAll(real.get(0));
        for (ApiDescription.Param p : op.pathParams()) {
            if (!binding.containsKey(p.name()) || random.nextInt(3) == 0) binding.put(p.name(), HOSTILE.get(random.nextInt(HOSTILE.size())));
        }
        StringBuilder path = new StringBuilder(Probes.fill(op.template(), binding));
        String separator = "?";
        for (ApiDescription.Param p : op.queryParams()) {
            if (random.nextBoolean()) continue;
            path.append(separator).append(p.name()).append('=')
                    .append(java.net.URLEncoder.encode(HOSTILE.get(random.nextInt(HOSTILE.size())), StandardCharsets.UTF_8));
            separator = "&";
        }
        if (random.nextInt(8) == 0) path.append(separator).append("limit=-5&page=999999999999&sort=;DROP");
        byte[] body = null;
        String type = null;
        if (!method.equals("GET") && !method.equals("DELETE")) {
            type = TYPES.get(random.nextInt(TYPES.size()));
            if (op.bodySchema() != null && random.nextInt(3) == 0) {
                String shaped = Probes.body(op.bodySchema(), op.schemas(), caller.tenant(),
                        name -> HOSTILE.get(random.nextInt(HOSTILE.size())), 0).toString();
                body = mutate(shaped, random).getBytes(StandardCharsets.UTF_8);
            } else if (random.nextInt(6) == 0) {
                body = new byte[random.nextInt(64 * 1024)];
                random.nextBytes(body);
            } else {
                body = BODIES.get(random.nextInt(BODIES.size())).getBytes(StandardCharsets.UTF_8);
            }
        }
        return new Request(token, method, path.toString(), type, body);
    }

    /** One random change to a well-shaped body: a value of the wrong type, a truncation, or a doubled field. */
    static String mutate(String json, Random random) {
        return switch (random.nextInt(5)) {
            case 0 -> json.substring(0, random.nextInt(Math.max(1, json.length())));
            case 1 -> json.replaceFirst(":\"[^\"]*\"", ":" + List.of("123", "[]", "{}", "true", "null", "-1e999").get(random.nextInt(6)));
            case 2 -> json.replaceFirst(":(-?\\d+)", Matcher.quoteReplacement(":\"" + HOSTILE.get(random.nextInt(HOSTILE.size())).replace("\"", "") + "\""));
            case 3 -> json.replace("}", ",\"extra\":" + json.length() + "}");
            default -> json;
        };
    }

    static String abbreviate(String s) {
        if (s == null) return "";
        return s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }
}
