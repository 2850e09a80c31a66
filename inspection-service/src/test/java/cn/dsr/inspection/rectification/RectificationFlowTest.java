package cn.dsr.inspection.rectification;

import static org.assertj.core.api.Assertions.assertThat;

import cn.dsr.inspection.ServiceTest;
import cn.dsr.inspection.evidence.EvidenceService.EvidenceView;
import cn.dsr.inspection.record.FieldRecords;
import cn.dsr.inspection.rectification.RectificationService.OverdueRectification;
import cn.dsr.inspection.rectification.RectificationService.RectificationView;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

class RectificationFlowTest extends ServiceTest {

    static final String XIHUA = "411622";

    /** A visit whose record found a problem on a date, so a rectification was ordered on it. */
    record Ordered(Team team, RectificationView rectification) {}

    Ordered problemFoundOn(LocalDate inspected) {
        Team team = drawnVisit(XIHUA);
        String zhang = inspector(XIHUA, team.zhang());
        UUID photo = upload(zhang, team.taskId(), "image/jpeg", jpeg("危废贮存间现场照片")).expectStatus().isCreated()
                .expectBody(EvidenceView.class).returnResult().getResponseBody().evidenceId();
        submit(zhang, team.taskId(), id("K"), FieldRecords.wasteProblem(inspected, List.of(photo), team.zhang(), team.li()))
                .expectStatus().isCreated();
        RectificationView opened = rectifications(operator(XIHUA)).stream().filter(r -> r.taskId().equals(team.taskId()))
                .findFirst().orElseThrow();
        return new Ordered(team, opened);
    }

    List<RectificationView> rectifications(String token) {
        return web.get().uri("/api/inspection/rectifications").headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isOk().expectBodyList(RectificationView.class).returnResult().getResponseBody();
    }

    WebTestClient.ResponseSpec post(String token, String uri, Object body) {
        return web.post().uri(uri).headers(h -> h.setBearerAuth(token)).contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    @Test
    void a_problem_found_opens_a_rectification_due_in_three_months_which_is_reported_on_and_completed_with_evidence() {
        Ordered ordered = problemFoundOn(LocalDate.parse("2026-11-10"));
        RectificationView r = ordered.rectification();
        assertThat(r.status()).isEqualTo(RectificationStatus.OPEN);
        assertThat(r.orderedOn()).isEqualTo("2026-11-10");
        assertThat(r.deadline()).isEqualTo("2027-02-10");
        assertThat(r.problems()).extracting(Rectification.Problem::itemId).containsExactly("ITEM-WASTE");
        String zhang = inspector(XIHUA, ordered.team().zhang());
        String base = "/api/inspection/rectifications/" + r.rectificationId();

        RectificationView reported = post(zhang, base + "/progress", Map.of("reportedOn", "2026-11-20", "stage", "已购置危废标识牌，待安装"))
                .expectStatus().isOk().expectBody(RectificationView.class).returnResult().getResponseBody();
        assertThat(reported.status()).isEqualTo(RectificationStatus.IN_PROGRESS);
        assertThat(reported.latestProgress().stage()).isEqualTo("已购置危废标识牌，待安装");

        post(operator(XIHUA), base + "/completion", Map.of("completedOn", "2026-11-21", "description", "已设置识别标志"))
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("evidence");
        EvidenceView after = upload(operator(XIHUA), ordered.team().taskId(), "image/jpeg", jpeg("整改后照片"))
                .expectStatus().isCreated().expectBody(EvidenceView.class).returnResult().getResponseBody();
        RectificationView completed = post(operator(XIHUA), base + "/completion",
                Map.of("completedOn", "2026-11-21", "description", "已设置识别标志", "evidence", List.of(after.evidenceId())))
                .expectStatus().isOk().expectBody(RectificationView.class).returnResult().getResponseBody();
        assertThat(completed.status()).isEqualTo(RectificationStatus.COMPLETED);
        post(zhang, base + "/progress", Map.of("reportedOn", "2026-11-21", "stage", "x")).expectStatus().isEqualTo(409);

        List<ConsumerRecord<String, byte[]>> events = published("inspection.follow-up.v1", rec -> ordered.team().taskId().equals(rec.key()), 3);
        assertConform(events);
        List<String> changes = events.stream().map(e -> JSON.readTree(e.value()).get("change").asString()).toList();
        assertThat(changes).containsExactly("OPENED", "PROGRESS_REPORTED", "COMPLETED");
        JsonNode done = JSON.readTree(events.get(2).value());
        assertThat(done.get("completion").get("evidence").get(0).get("sha256").asString()).isEqualTo(after.sha256());
    }

    @Test
    void an_overdue_rectification_is_listed_with_the_reason_and_stage_last_reported() {
        Ordered ordered = problemFoundOn(LocalDate.parse("2026-06-01"));
        String base = "/api/inspection/rectifications/" + ordered.rectification().rectificationId();
        assertThat(ordered.rectification().overdue()).isTrue();

        post(operator(XIHUA), base + "/progress", Map.of("reportedOn", "2026-11-20", "stage", "治理设备安装中"))
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("reason");
        post(operator(XIHUA), base + "/progress", Map.of("reportedOn", "2026-11-20", "stage", "治理设备安装中", "reason", "设备供货延迟"))
                .expectStatus().isOk();

        List<OverdueRectification> overdue = web.get().uri("/api/inspection/rectifications/overdue?district=" + XIHUA)
                .headers(h -> h.setBearerAuth(coordinator("411600"))).exchange()
                .expectStatus().isOk().expectBodyList(OverdueRectification.class).returnResult().getResponseBody();
        OverdueRectification listed = overdue.stream().filter(o -> o.taskId().equals(ordered.team().taskId())).findFirst().orElseThrow();
        assertThat(listed.deadline()).isEqualTo("2026-09-01");
        assertThat(listed.reason()).isEqualTo("设备供货延迟");
        assertThat(listed.stage()).isEqualTo("治理设备安装中");
        assertThat(listed.district()).isEqualTo(XIHUA);
        web.get().uri("/api/inspection/rectifications/overdue").headers(h -> h.setBearerAuth(inspector(XIHUA, ordered.team().zhang())))
                .exchange().expectStatus().isForbidden();
    }

    @Test
    void a_case_opened_and_a_transfer_to_the_judicial_organs_are_recorded_once_and_published() {
        Ordered ordered = problemFoundOn(LocalDate.parse("2026-11-12"));
        String taskId = ordered.team().taskId();
        String caseNumber = "西环立字〔2026〕" + id("N") + "号";
        post(operator(XIHUA), "/api/inspection/tasks/" + taskId + "/cases", Map.of("caseNumber", caseNumber, "openedOn", "2026-11-13"))
                .expectStatus().isCreated();
        post(operator(XIHUA), "/api/inspection/tasks/" + taskId + "/cases", Map.of("caseNumber", caseNumber, "openedOn", "2026-11-13"))
                .expectStatus().isEqualTo(409);
        post(inspector(XIHUA, ordered.team().zhang()), "/api/inspection/tasks/" + taskId + "/cases",
                Map.of("caseNumber", "x", "openedOn", "2026-11-13")).expectStatus().isForbidden();
        post(operator(XIHUA), "/api/inspection/tasks/" + taskId + "/transfers", Map.of("target", "JUDICIAL_ORGAN",
                "receivingOrgan", "西华县公安局", "transferredOn", "2026-11-18", "reason", "涉嫌非法处置危险废物", "documentNumber", "西环移〔2026〕3号"))
                .expectStatus().isCreated();
        post(operator(XIHUA), "/api/inspection/tasks/" + taskId + "/transfers", Map.of("target", "COURT", "receivingOrgan", "x"))
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("target");

        List<ConsumerRecord<String, byte[]>> events = published("inspection.follow-up.v1", r -> taskId.equals(r.key()), 3);
        assertConform(events);
        assertThat(events).extracting(ServiceTest::type).containsExactly("cn.gov.mee.dsr.inspection.rectification-updated.v1",
                "cn.gov.mee.dsr.inspection.case-opened.v1", "cn.gov.mee.dsr.inspection.case-transferred.v1");
    }

    @Test
    void a_visit_that_found_no_problem_has_no_rectification_and_no_follow_up() {
        Team team = drawnVisit(XIHUA);
        submit(inspector(XIHUA, team.zhang()), team.taskId(), id("K"), FieldRecords.noProblem(LocalDate.parse("2026-11-12"), team.zhang(), team.li()))
                .expectStatus().isCreated();
        assertThat(rectifications(operator(XIHUA))).noneMatch(r -> r.taskId().equals(team.taskId()));
        post(operator(XIHUA), "/api/inspection/tasks/" + team.taskId() + "/cases", Map.of("caseNumber", "x", "openedOn", "2026-11-13"))
                .expectStatus().isEqualTo(409);
    }
}
