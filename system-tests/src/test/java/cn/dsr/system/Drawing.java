package cn.dsr.system;

import static cn.dsr.system.Zhoukou.expect;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import cn.dsr.stack.client.Api;
import cn.dsr.stack.client.Await;
import cn.dsr.stack.demo.DrawRandomness;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;

/**
 * The steps of a draw through the gateway (双随机): a plan over entities carrying one label, its
 * schedule and reveals ({@link DrawRandomness}), the execution; and the repository's verifier run
 * on a downloaded record.
 */
final class Drawing {

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

    /** Plans, schedules, reveals and executes one draw; answers the executed draw. */
    static JsonNode executed(Api operator, Api head, String itemId, String label, String method) {
        String plan = plan(operator, "随机抽查 " + label, method, itemId, label, 10_000);
        JsonNode draw = expect(201, DrawRandomness.schedule(operator, Zhoukou.today().toString(), plan)).body();
        DrawRandomness.reveal(operator, head, draw);
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
