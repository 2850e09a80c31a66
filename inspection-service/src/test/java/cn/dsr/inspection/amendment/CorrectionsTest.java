package cn.dsr.inspection.amendment;

import static org.assertj.core.api.Assertions.assertThat;

import cn.dsr.inspection.ServiceTest;
import cn.dsr.inspection.amendment.AmendmentService.CorrectionView;
import cn.dsr.inspection.amendment.Correction.Status;
import cn.dsr.inspection.record.Conclusion;
import cn.dsr.inspection.record.FieldRecord;
import cn.dsr.inspection.record.FieldRecords;
import cn.dsr.inspection.record.Records.Stored;
import cn.dsr.inspection.task.TaskService.TaskView;
import cn.dsr.inspection.task.TaskState;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

class CorrectionsTest extends ServiceTest {

    static final String XIHUA = "411622";
    static final LocalDate INSPECTED = LocalDate.parse("2026-11-16");

    /** A visit whose record said "no problem" — the one later found to be wrong. */
    Team submitted() {
        Team team = drawnVisit(XIHUA);
        submit(inspector(XIHUA, team.zhang()), team.taskId(), id("K"), FieldRecords.noProblem(INSPECTED, team.zhang(), team.li()))
                .expectStatus().isCreated();
        return team;
    }

    WebTestClient.ResponseSpec request(String token, String taskId, String reason, FieldRecord record) {
        return web.post().uri("/api/inspection/tasks/" + taskId + "/corrections").headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("reason", reason, "record", record)).exchange();
    }

    WebTestClient.ResponseSpec decide(String token, CorrectionView c, String decision, String comment) {
        return web.post().uri("/api/inspection/corrections/" + c.correctionId() + "/" + decision).headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(comment == null ? Map.of() : Map.of("comment", comment)).exchange();
    }

    List<Stored> history(String taskId) {
        return web.get().uri("/api/inspection/tasks/" + taskId + "/records").headers(h -> h.setBearerAuth(operator(XIHUA))).exchange()
                .expectStatus().isOk().expectBodyList(Stored.class).returnResult().getResponseBody();
    }

    @Test
    void an_approved_correction_becomes_version_two_referencing_the_original_which_stays_on_file() {
        Team team = submitted();
        FieldRecord corrected = FieldRecords.wasteProblem(INSPECTED, List.of(), team.zhang(), team.li());
        CorrectionView pending = request(inspector(XIHUA, team.zhang()), team.taskId(), "危废贮存问题漏填", corrected)
                .expectStatus().isCreated().expectBody(CorrectionView.class).returnResult().getResponseBody();
        assertThat(pending.status()).isEqualTo(Status.PENDING);
        assertThat(pending.requestedBy()).isEqualTo(team.zhang().toLowerCase());
        assertThat(history(team.taskId())).as("nothing changes before approval").hasSize(1);

        // an operator
        decide(operator(XIHUA), pending, "approval", null).expectStatus().isForbidden();
        CorrectionView approved = decide(head(XIHUA, "xh.head"), pending, "approval", "经核实，同意更正")
                .expectStatus().isOk().expectBody(CorrectionView.class).returnResult().getResponseBody();
        assertThat(approved.status()).isEqualTo(Status.APPROVED);
        assertThat(approved.resultingVersion()).isEqualTo(2);

        List<Stored> versions = history(team.taskId());
        assertThat(versions).extracting(Stored::version).containsExactly(1, 2);
        assertThat(versions.get(0).conclusion()).isEqualTo(Conclusion.NO_PROBLEM);
        assertThat(versions.get(1).conclusion()).isEqualTo(Conclusion.RECTIFICATION_ORDERED);
        assertThat(versions.get(1).supersedes()).isEqualTo(1);
        assertThat(versions.get(1).amendment().reason()).isEqualTo("危废贮存问题漏填");
        assertThat(versions.get(1).amendment().approvedBy()).isEqualTo("xh.head");
        assertThat(versions.get(1).amendment().comment()).isEqualTo("经核实，同意更正");
        TaskView task = web.get().uri("/api/inspection/tasks/" + team.taskId()).headers(h -> h.setBearerAuth(operator(XIHUA))).exchange()
                .expectBody(TaskView.class).returnResult().getResponseBody();
        assertThat(task.state()).isEqualTo(TaskState.AMENDED);

        List<ConsumerRecord<String, byte[]>> events = published("inspection.records.v1", r -> team.taskId().equals(r.key()), 2);
        assertThat(events).extracting(ServiceTest::type)
                .containsExactly("cn.gov.mee.dsr.inspection.submitted.v1", "cn.gov.mee.dsr.inspection.amended.v1");
        assertConform(events);
        JsonNode amended = JSON.readTree(events.get(1).value());
        assertThat(amended.get("supersedes").asInt()).isEqualTo(1);
        assertThat(amended.get("amendment").get("approvedBy").asString()).isEqualTo("xh.head");

        // the corrected record found a problem: a rectification is opened
        List<ConsumerRecord<String, byte[]>> followUp = published("inspection.follow-up.v1", r -> team.taskId().equals(r.key()), 1);
        assertThat(followUp).extracting(ServiceTest::type).containsExactly("cn.gov.mee.dsr.inspection.rectification-updated.v1");
        assertConform(followUp);
    }

    @Test
    void a_rejected_correction_says_why_and_the_record_stays_as_it_was() {
        Team team = submitted();
        CorrectionView pending = request(operator(XIHUA), team.taskId(), "检查日期误填",
                FieldRecords.noProblem(INSPECTED.minusDays(1), team.zhang(), team.li()))
                .expectStatus().isCreated().expectBody(CorrectionView.class).returnResult().getResponseBody();
        decide(head(XIHUA, "xh.head"), pending, "rejection", null).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("comment");
        CorrectionView rejected = decide(head(XIHUA, "xh.head"), pending, "rejection", "现场照片显示检查日期无误")
                .expectStatus().isOk().expectBody(CorrectionView.class).returnResult().getResponseBody();
        assertThat(rejected.status()).isEqualTo(Status.REJECTED);
        assertThat(rejected.decision().comment()).isEqualTo("现场照片显示检查日期无误");
        decide(head(XIHUA, "xh.head2"), pending, "approval", null).expectStatus().isEqualTo(409);
        assertThat(history(team.taskId())).extracting(Stored::version).containsExactly(1);

        List<CorrectionView> all = web.get().uri("/api/inspection/tasks/" + team.taskId() + "/corrections")
                .headers(h -> h.setBearerAuth(operator(XIHUA))).exchange()
                .expectStatus().isOk().expectBodyList(CorrectionView.class).returnResult().getResponseBody();
        assertThat(all).extracting(CorrectionView::status).containsExactly(Status.REJECTED);
    }

    @Test
    void one_correction_at_a_time_and_never_approved_by_the_head_who_asked_for_it() {
        Team team = submitted();
        String xhHead = head(XIHUA, "xh.head");
        FieldRecord corrected = FieldRecords.noProblem(INSPECTED.minusDays(2), team.zhang(), team.li());
        CorrectionView own = request(xhHead, team.taskId(), "检查日期误填", corrected)
                .expectStatus().isCreated().expectBody(CorrectionView.class).returnResult().getResponseBody();
        request(inspector(XIHUA, team.li()), team.taskId(), "另一处更正", corrected).expectStatus().isEqualTo(409);
        decide(xhHead, own, "approval", null).expectStatus().isForbidden();
        // another district's head
        decide(head("411623", "ss.head"), own, "approval", null).expectStatus().isNotFound();
        assertThat(history(team.taskId())).hasSize(1);
    }

    @Test
    void a_correction_that_changes_nothing_or_breaks_the_rules_is_refused() {
        Team team = submitted();
        request(inspector(XIHUA, team.zhang()), team.taskId(), "无", FieldRecords.noProblem(INSPECTED, team.zhang(), team.li()))
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("record");
        Map<String, Object> inconsistent = JSON.convertValue(FieldRecords.wasteProblem(INSPECTED, List.of(), team.zhang(), team.li()), Map.class);
        inconsistent.put("conclusion", "NO_PROBLEM");
        web.post().uri("/api/inspection/tasks/" + team.taskId() + "/corrections").headers(h -> h.setBearerAuth(inspector(XIHUA, team.zhang())))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("reason", "漏填", "record", inconsistent)).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("record.conclusion");
        Team notYet = drawnVisit(XIHUA);
        request(inspector(XIHUA, notYet.zhang()), notYet.taskId(), "漏填", FieldRecords.noProblem(INSPECTED, notYet.zhang(), notYet.li()))
                .expectStatus().isEqualTo(409);
        assertThat(count("SELECT count(*) FROM correction_request WHERE task_id IN ('" + team.taskId() + "', '" + notYet.taskId() + "')")).isZero();
    }
}
