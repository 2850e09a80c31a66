package cn.dsr.system;

import static cn.dsr.system.Zhoukou.expect;
import static java.nio.charset.StandardCharsets.UTF_8;

import static org.assertj.core.api.Assertions.assertThat;

import cn.dsr.draw.core.Hashes;
import cn.dsr.stack.client.Api;
import cn.dsr.stack.client.Await;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;

/**
 * The steps of a draw through the gateway (双随机): a plan over entities carrying one label, its
 * schedule with two committed parties and a lottery result, the reveals, the execution; and the
 * repository's verifier run on a downloaded record.
 */
final class Drawing {

    static final String BUREAU_SECRET = "5d0c7e2a9f3b4816a2c4e6f8091b3d5f7a9c1e3f5b7d9f1a3c5e7a9b1d3f5e7a";
    static final String OBSERVER_SECRET = "a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90";

    private Drawing() {}

    /**
     * A directed plan (定向) for this quarter over the entities labelled {@code label}: every key
     * entity and {@code generalRatioBp} of the general ones, no annual cap so that earlier stories'
     * draws do not leave anyone out. Answers the plan id.
     */
    static String plan(Api operator, String title, String method, String itemId, String label, int generalRatioBp) {
        String json = """
                {"title":"%s","period":"%s","items":["%s"],"directed":true,"method":"%s",
                 "scope":{"categories":["KEY","GENERAL"],"tags":["%s"]},
                 "strata":[{"category":"KEY","ratioBp":10000},{"category":"GENERAL","ratioBp":%d,"minCount":1}],
                 "exclusions":{"annualCap":0}}""".formatted(title, Zhoukou.quarter(), itemId, method, label, generalRatioBp);
        // the item list reaches draw-service's replica over Kafka: until then the item is unknown there
        Api.Response created = Await.until(Zhoukou.WAIT, "draw-service to know item " + itemId, () -> operator.post("/api/draw/plans", json),
                r -> r.status() != 400 || !r.raw().contains("unknown item"));
        return expect(201, created).body().get(0).get("id").asString();
    }

    /** The parties' commitments and the lottery drawn on {@code lotteryDay}: fixed before any of them is known. */
    static String sources(String lotteryDay) {
        return """
                [{"source":"party:bureau","commitment":"%s"},{"source":"party:observer","commitment":"%s"},{"source":"lottery:fc3d:%s"}]"""
                .formatted(Hashes.commitment("bureau", BUREAU_SECRET), Hashes.commitment("observer", OBSERVER_SECRET), lotteryDay);
    }

    static Api.Response schedule(Api operator, String lotteryDay, String... planIds) {
        String plans = String.join("\",\"", planIds);
        return operator.post("/api/draw/draws", "{\"plans\":[\"" + plans + "\"],\"sources\":" + sources(lotteryDay) + "}");
    }

    /** Both parties reveal their secrets; the head enters the lottery result. */
    static void reveal(Api operator, Api head, JsonNode draw) {
        String uri = "/api/draw/draws/" + draw.get("id").asString() + "/randomness";
        expect(200, operator.post(uri, "{\"source\":\"party:bureau\",\"value\":\"" + BUREAU_SECRET + "\"}"));
        expect(200, operator.post(uri, "{\"source\":\"party:observer\",\"value\":\"" + OBSERVER_SECRET + "\"}"));
        expect(200, head.post(uri, "{\"source\":\"" + lottery(draw) + "\",\"value\":\"508\"}"));
    }

    static String lottery(JsonNode draw) {
        for (JsonNode source : draw.get("sources")) {
            if (source.get("source").asString().startsWith("lottery:")) return source.get("source").asString();
        }
        throw new AssertionError("no lottery source in " + draw);
    }

    /** Plans, schedules, reveals and executes one draw; answers the executed draw. */
    static JsonNode executed(Api operator, Api head, String itemId, String label, String method) {
        String plan = plan(operator, "随机抽查 " + label, method, itemId, label, 10_000);
        JsonNode draw = expect(201, schedule(operator, Zhoukou.today().toString(), plan)).body();
        reveal(operator, head, draw);
        return expect(200, operator.post("/api/draw/draws/" + draw.get("id").asString() + "/execute", "")).body();
    }

    /** The visits a draw selected, read by its operator for a stated purpose. */
    static JsonNode visits(Api operator, String drawId, String purpose) {
        return expect(200, operator.get("/api/draw/draws/" + drawId + "/visits?purpose=" + URLEncoder.encode(purpose, UTF_8))).body();
    }

    /** What verify-draw printed on standard output; {@code errors} is its standard error (e.g. its own build). */
    record Run(int exit, String output, String errors) {}

    /** Runs the repository's verifier on the record as a file, as anyone who downloaded it would. */
    static Run verifyDraw(String record) throws IOException, InterruptedException {
        Path root = Path.of(System.getProperty("dsr.home", "..")).toAbsolutePath().normalize();
        Path file = Files.createTempFile(Path.of("target"), "draw-record", ".json");
        Path errors = Files.createTempFile(Path.of("target"), "verify-draw", ".err");
        Files.writeString(file, record);
        Process process = new ProcessBuilder(root.resolve("draw-service/verify-draw").toString(), file.toString())
                .redirectError(errors.toFile()).start();
        String output = new String(process.getInputStream().readAllBytes(), UTF_8).strip();
        assertThat(process.waitFor(180, TimeUnit.SECONDS)).as("verify-draw finished").isTrue();
        return new Run(process.exitValue(), output, Files.readString(errors));
    }
}
