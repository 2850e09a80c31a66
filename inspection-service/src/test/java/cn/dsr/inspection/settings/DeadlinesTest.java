package cn.dsr.inspection.settings;

import static org.assertj.core.api.Assertions.assertThat;

import cn.dsr.inspection.ServiceTest;
import cn.dsr.inspection.record.FieldRecords;
import cn.dsr.inspection.record.Records.Stored;
import cn.dsr.inspection.settings.SettingsService.SettingsView;
import cn.dsr.inspection.task.Overdue;
import cn.dsr.inspection.task.TaskService.DistrictOverdue;
import cn.dsr.inspection.task.TaskService.OverdueView;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

class DeadlinesTest extends ServiceTest {

    @Autowired
    MeterRegistry meters;

    /** Districts of their own, so their settings and overdue lists are this test's alone. */
    static final String XIHUA_LIKE = "411624";
    static final String OTHER = "411625";

    WebTestClient.ResponseSpec setDays(String token, String tenant, int days) {
        return web.put().uri(tenant == null ? "/api/inspection/settings" : "/api/inspection/settings?tenant=" + tenant)
                .headers(h -> h.setBearerAuth(token)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("recordDueWorkingDays", days, "rectificationMonths", 3)).exchange();
    }

    List<DistrictOverdue> overdue(String token) {
        return web.get().uri("/api/inspection/overdue").headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isOk().expectBodyList(DistrictOverdue.class).returnResult().getResponseBody();
    }

    @Test
    void the_district_head_sets_seven_working_days_as_in_seed_000_and_records_are_due_accordingly() {
        SettingsView set = setDays(head(XIHUA_LIKE, "head." + XIHUA_LIKE), null, 7).expectStatus().isOk()
                .expectBody(SettingsView.class).returnResult().getResponseBody();
        assertThat(set.recordDueWorkingDays()).isEqualTo(7);
        setDays(operator(XIHUA_LIKE), null, 5).expectStatus().isForbidden();
        setDays(head(XIHUA_LIKE, "head." + XIHUA_LIKE), null, 0).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("recordDueWorkingDays");

        Team team = drawnVisit(XIHUA_LIKE);
        Stored stored = submit(inspector(XIHUA_LIKE, team.zhang()), team.taskId(), id("K"),
                FieldRecords.noProblem(LocalDate.parse("2026-11-18"), team.zhang(), team.li()))
                .expectStatus().isCreated().expectBody(Stored.class).returnResult().getResponseBody();
        assertThat(stored.dueDate()).as("7 working days after Wednesday 18 November").isEqualTo("2026-11-27");
    }

    @Test
    void the_city_coordinator_sets_a_districts_deadline_but_not_another_citys() {
        setDays(coordinator("411600"), OTHER, 20).expectStatus().isOk();
        SettingsView read = web.get().uri("/api/inspection/settings").headers(h -> h.setBearerAuth(operator(OTHER))).exchange()
                .expectStatus().isOk().expectBody(SettingsView.class).returnResult().getResponseBody();
        assertThat(read.recordDueWorkingDays()).isEqualTo(20);
        assertThat(read.isDefault()).isFalse();
        setDays(coordinator("410100"), OTHER, 7).expectStatus().isForbidden();
    }

    @Test
    void overdue_tasks_are_listed_per_district_with_their_stage() {
        setDays(head(OTHER, "head." + OTHER), null, 7).expectStatus().isOk();
        Team late = drawnVisit(OTHER);
        Team onTime = drawnVisit(OTHER);
        Team notVisited = new Team(id("V"), id("INS"), id("INS"));
        drawExecuted(id("D"), OTHER, "DISTRICT", "2026Q3", visit(notVisited.taskId(), OTHER,
                new Member(notVisited.zhang(), "张伟", "OFFICER", OTHER), new Member(notVisited.li(), "李娜", "OFFICER", OTHER)));
        awaitTask(operator(OTHER), notVisited.taskId());
        start(late, "2026-11-02");
        start(onTime, "2026-11-02");
        submit(inspector(OTHER, onTime.zhang()), onTime.taskId(), id("K"), FieldRecords.noProblem(LocalDate.parse("2026-11-02"), onTime.zhang(), onTime.li()))
                .expectStatus().isCreated();

        DistrictOverdue district = overdue(coordinator("411600")).stream().filter(d -> d.district().equals(OTHER)).findFirst().orElseThrow();
        assertThat(district.tasks()).extracting(OverdueView::taskId).contains(late.taskId(), notVisited.taskId()).doesNotContain(onTime.taskId());
        OverdueView recordLate = district.tasks().stream().filter(t -> t.taskId().equals(late.taskId())).findFirst().orElseThrow();
        assertThat(recordLate.stage()).isEqualTo(Overdue.Stage.RECORD_NOT_ENTERED);
        assertThat(recordLate.dueDate()).as("7 working days after 2 November").isEqualTo("2026-11-11");
        OverdueView neverVisited = district.tasks().stream().filter(t -> t.taskId().equals(notVisited.taskId())).findFirst().orElseThrow();
        assertThat(neverVisited.stage()).isEqualTo(Overdue.Stage.NOT_INSPECTED);
        assertThat(neverVisited.dueDate()).isEqualTo("2026-09-30");

        awaitOverdueGauge(OTHER, "RECORD_NOT_ENTERED");
        awaitOverdueGauge(OTHER, "NOT_INSPECTED");

        assertThat(overdue(operator(XIHUA_LIKE))).noneMatch(d -> d.district().equals(OTHER));
        web.get().uri("/api/inspection/overdue").headers(h -> h.setBearerAuth(inspector(OTHER, late.zhang()))).exchange()
                .expectStatus().isForbidden();
    }

    /** The metric an alert watches counts what the list shows, per district and stage. */
    void awaitOverdueGauge(String district, String stage) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            Gauge gauge = meters.find("dsr.inspection.overdue").tag("district", district).tag("stage", stage).gauge();
            if (gauge != null && gauge.value() >= 1) return;
            if (System.nanoTime() > deadline) throw new AssertionError("dsr.inspection.overdue{" + district + ", " + stage + "} never counted");
            sleep(200);
        }
    }

    void start(Team team, String date) {
        web.post().uri("/api/inspection/tasks/" + team.taskId() + "/start").headers(h -> h.setBearerAuth(inspector(OTHER, team.zhang())))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("inspectionDate", date)).exchange().expectStatus().isOk();
    }
}
