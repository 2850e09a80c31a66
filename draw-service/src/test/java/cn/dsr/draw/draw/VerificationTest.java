package cn.dsr.draw.draw;

import static org.assertj.core.api.Assertions.assertThat;

import cn.dsr.draw.DrawServiceTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.MediaType;

/** 一公开: after the period's inspections the record is public, and anyone can recompute it. */
class VerificationTest extends DrawServiceTest {

    static final String T = "411681";

    @TempDir
    Path dir;

    String keyPlan(String period) {
        DrawLifecycleTest.roster(T, 6, 4, 0, 0);
        return plan(operator(T), DrawLifecycleTest.planJson(T, period, "废气排放检查",
                "[{\"category\":\"KEY\",\"ratioBp\":5000},{\"category\":\"GENERAL\",\"ratioBp\":2500}]", ""));
    }

    void close(String plan) {
        post(operator(T), "/api/draw/plans/" + plan + "/close", "").expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("CLOSED");
    }

    String disclose(String drawId) {
        post(head(T, "head-" + T), "/api/draw/draws/" + drawId + "/disclose", "").expectStatus().isOk();
        return web.get().uri("/public/draw/draws/" + drawId + "/record").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
    }

    @Test
    void a_disclosed_record_is_public_and_passes_the_endpoint_and_verify_draw() throws Exception {
        String plan = keyPlan(YEAR + "Q1");
        Draw draw = drawn(T, YEAR - 1 + "-12-24", plan);
        web.get().uri("/public/draw/draws/" + draw.id() + "/record").exchange().expectStatus().isNotFound();
        post(head(T, "head-" + T), "/api/draw/draws/" + draw.id() + "/disclose", "").expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.detail").value(d -> assertThat((String) d).contains("plans are closed"));
        close(plan);
        String record = disclose(draw.id());
        assertThat(record).isEqualTo(record(T, draw.id()));

        web.post().uri("/public/draw/verify").contentType(MediaType.APPLICATION_JSON).bodyValue(record).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.ok").isEqualTo(true)
                .jsonPath("$.checks[*].name").isEqualTo(java.util.List.of("inputDigest", "commitments", "seed", "selection",
                        "assignments", "output", "resultDigest"))
                .jsonPath("$.checks[3].outcome").isEqualTo("PASS")
                .jsonPath("$.checks[4].outcome").isEqualTo("PASS");
        String tampered = record.replaceFirst("\"entity\":\"91" + T + "MA0000000(\\d)\",\"stratum\"", "\"entity\":\"91" + T + "MA00000099\",\"stratum\"");
        assertThat(tampered).isNotEqualTo(record);
        web.post().uri("/public/draw/verify").contentType(MediaType.APPLICATION_JSON).bodyValue(tampered).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.ok").isEqualTo(false)
                .jsonPath("$.firstMismatch").isEqualTo("selection");
        web.post().uri("/public/draw/verify").contentType(MediaType.APPLICATION_JSON).bodyValue("{\"input\":{}}").exchange()
                .expectStatus().isBadRequest().expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);

        Path file = dir.resolve("record.json");
        Files.writeString(file, record, StandardCharsets.UTF_8);
        assertThat(verifyDraw(file)).isEqualTo("OK");
    }

    @Test
    void a_cancelled_draw_is_disclosed_with_the_draw_that_replaces_it() {
        String plan = keyPlan(YEAR + "Q2");
        Draw cancelled = drawn(T, YEAR + "-03-24", plan);
        post(operator(T), "/api/draw/draws/" + cancelled.id() + "/cancellation", "{\"reason\":\"名录错误\"}").expectStatus().isOk();
        post(head(T, "head-" + T), "/api/draw/draws/" + cancelled.id() + "/cancellation/approval", "").expectStatus().isOk();
        Draw redraw = drawn(T, YEAR + "-03-25", plan);
        close(plan);
        disclose(redraw.id());
        web.get().uri("/public/draw/draws?tenant=" + T).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$[?(@.drawId == '" + cancelled.id() + "')].disclosedAt").isNotEmpty()
                .jsonPath("$[?(@.drawId == '" + cancelled.id() + "')].replacedBy").isEqualTo(java.util.List.of(redraw.id()));
        String record = web.get().uri("/public/draw/draws/" + cancelled.id() + "/record").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        web.post().uri("/public/draw/verify").contentType(MediaType.APPLICATION_JSON).bodyValue(record).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.ok").isEqualTo(true);
    }

    /** Runs the repository's verifier script, as a third party would. */
    static String verifyDraw(Path record) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("bash", Path.of("verify-draw").toAbsolutePath().toString(), record.toString())
                .redirectErrorStream(true).start();
        boolean done = p.waitFor(120, TimeUnit.SECONDS);
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(done).as("verify-draw finished").isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }
}
