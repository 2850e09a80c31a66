package cn.dsr.disclosure.result;

import static org.assertj.core.api.Assertions.assertThat;

import cn.dsr.disclosure.ServiceTest;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

/** A bureau with a review step: results wait for the head, and are published on their due date at the latest. */
class ReviewAndDeadlineTest extends ServiceTest {

    static final cn.dsr.workingdays.WorkingDays WORKING_DAYS = cn.dsr.workingdays.WorkingDays.official();

    @Autowired
    AutoPublication autoPublication;
    @Autowired
    MeterRegistry meters;

    private void requireReview(String district, int days) {
        web.put().uri("/api/disclosure/settings").headers(h -> h.setBearerAuth(head(district))).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"deadlineWorkingDays\":" + days + ",\"reviewRequired\":true}").exchange().expectStatus().isOk();
    }

    /** A bureau with a review step receives yesterday's record: it waits. */
    private Record awaitingReview(String district, String name) {
        requireReview(district, 20);
        Record r = new Record(id("V"), id("D"), district, uscc(district), name, today().minusDays(1), "NO_PROBLEM");
        recorded(r);
        awaitCount("SELECT count(*) FROM result_version WHERE result_id = '" + r.taskId() + "' AND state = 'AWAITING_REVIEW'", 1);
        return r;
    }

    @Test
    void with_review_a_result_waits_for_the_head_and_is_public_once_approved() {
        String district = district();
        Record r = awaitingReview(district, "某制药有限公司");
        String uscc = r.uscc();
        assertThat(status("/public/disclosure/entities/" + uscc)).as("not public while awaiting review").isEqualTo(404);

        JsonNode waiting = getJson(operator(district), "/api/disclosure/reviews");
        assertThat(waiting.size()).isEqualTo(1);
        assertThat(waiting.get(0).path("resultId").asString()).isEqualTo(r.taskId());

        web.post().uri("/api/disclosure/reviews/" + r.taskId() + "/versions/1/publish").headers(h -> h.setBearerAuth(operator(district)))
                .exchange().expectStatus().isForbidden();
        web.post().uri("/api/disclosure/reviews/" + r.taskId() + "/versions/1/publish").headers(h -> h.setBearerAuth(head(district)))
                .exchange().expectStatus().isOk();
        assertThat(getJson("/public/disclosure/entities/" + uscc).path("results").get(0).path("state").asString()).isEqualTo("PUBLISHED");
        web.post().uri("/api/disclosure/reviews/" + r.taskId() + "/versions/1/publish").headers(h -> h.setBearerAuth(head(district)))
                .exchange().expectStatus().isEqualTo(409);
    }

    @Test
    void a_result_nobody_reviewed_is_published_automatically_on_its_due_date_and_not_before() {
        String district = district();
        String uscc = awaitingReview(district, "某水泥有限公司").uscc();
        LocalDate due = LocalDate.parse(getJson(operator(district), "/api/disclosure/reviews").get(0).path("due").asString());

        autoPublication.publishDue(due.minusDays(1)).block();
        assertThat(status("/public/disclosure/entities/" + uscc)).isEqualTo(404);
        assertThat(autoPublication.publishDue(due).block()).isGreaterThanOrEqualTo(1);
        JsonNode doc = getJson("/public/disclosure/entities/" + uscc).path("results").get(0).path("document");
        assertThat(doc.path("due").asString()).isEqualTo(due.toString());
    }

    @Test
    void results_awaiting_review_are_counted_per_district_and_one_left_past_its_due_date_shows_as_past_the_deadline() throws SQLException {
        String district = district();
        Record r = awaitingReview(district, "某印染有限公司");
        awaitAwaitingGauge(district, "within_deadline");

        // the automatic publication did not run on the due date, e.g. the service was down that day
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.ownerUser(), db.ownerPassword()); Statement st = c.createStatement()) {
            st.executeUpdate("UPDATE result_version SET due = current_date - 1 WHERE result_id = '" + r.taskId() + "'");
        }
        awaitAwaitingGauge(district, "past_deadline");
    }

    @Test
    void the_time_from_submission_to_publication_is_measured_when_the_head_publishes() {
        String district = district();
        Record r = awaitingReview(district, "某造纸有限公司");
        Timer delay = meters.find("dsr.disclosure.publication.delay").timer();
        long before = delay == null ? 0 : delay.count();

        web.post().uri("/api/disclosure/reviews/" + r.taskId() + "/versions/1/publish").headers(h -> h.setBearerAuth(head(district)))
                .exchange().expectStatus().isOk();

        Timer after = meters.get("dsr.disclosure.publication.delay").timer();
        assertThat(after.count()).isGreaterThan(before);
        assertThat(after.max(java.util.concurrent.TimeUnit.MILLISECONDS)).isPositive();
    }

    /** The metric the disclosure alert watches counts the waiting result, by district and stage. */
    private void awaitAwaitingGauge(String district, String stage) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            Gauge gauge = meters.find("dsr.disclosure.awaiting").tag("district", district).tag("stage", stage).gauge();
            if (gauge != null && gauge.value() >= 1) return;
            if (System.nanoTime() > deadline) throw new AssertionError("dsr.disclosure.awaiting{" + district + ", " + stage + "} never counted");
            sleep(200);
        }
    }

    @Test
    void a_result_received_after_its_deadline_is_published_at_once_even_with_review() {
        String district = district(), uscc = uscc(district);
        requireReview(district, 7);
        recorded(new Record(id("V"), id("D"), district, uscc, "某砖瓦厂", LocalDate.of(2026, 3, 2), "NO_PROBLEM"));
        assertThat(awaitHistory(uscc, 1).path("results").get(0).path("document").path("due").asString())
                .as("7 working days after 2 March 2026").isEqualTo("2026-03-11");
    }

    @Test
    void settings_are_the_heads_and_bad_settings_change_nothing() {
        String district = district();
        web.put().uri("/api/disclosure/settings").headers(h -> h.setBearerAuth(operator(district))).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"deadlineWorkingDays\":10,\"reviewRequired\":true}").exchange().expectStatus().isForbidden();
        web.put().uri("/api/disclosure/settings").headers(h -> h.setBearerAuth(head(district))).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"deadlineWorkingDays\":0,\"reviewRequired\":true}").exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("deadlineWorkingDays");
        web.put().uri("/api/disclosure/settings").headers(h -> h.setBearerAuth(head(district))).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"deadlineWorkingDays\":20,\"reviewRequired\":false,\"afterQuarterWorkingDays\":0}").exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("afterQuarterWorkingDays");
        JsonNode settings = getJson(operator(district), "/api/disclosure/settings");
        assertThat(settings.path("deadlineWorkingDays").asInt()).as("the default: 20 working days (002, 004)").isEqualTo(20);
        assertThat(settings.path("reviewRequired").asBoolean()).isFalse();
        assertThat(settings.path("afterQuarterWorkingDays").isNull()).as("no quarterly deadline unless the bureau sets one").isTrue();
        web.get().uri("/api/disclosure/settings").exchange().expectStatus().isUnauthorized();
    }

    @Test
    void a_bureau_following_000_sets_ten_working_days_after_the_quarter_and_a_late_visit_of_a_past_quarter_is_public_at_once() {
        String district = district();
        web.put().uri("/api/disclosure/settings").headers(h -> h.setBearerAuth(head(district))).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"deadlineWorkingDays\":20,\"reviewRequired\":true,\"afterQuarterWorkingDays\":10}").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.afterQuarterWorkingDays").isEqualTo(10);
        assertThat(getJson(operator(district), "/api/disclosure/settings").path("afterQuarterWorkingDays").asInt()).isEqualTo(10);

        // drawn for 2026Q3, visited only now: ten working days after 30 September have passed, so no review may hold it
        Record late = new Record(id("V"), id("D"), district, uscc(district), "某纺织有限公司", today(), "NO_PROBLEM");
        drawExecuted(late.drawId(), district, "2026Q3", new DrawnVisit(late.taskId(), late.uscc(), late.name(), district, "P-" + late.drawId(), "GENERAL", false));
        awaitCount("SELECT count(*) FROM drawn_visit WHERE visit_id = '" + late.taskId() + "'", 1);
        recorded(late);

        JsonNode doc = awaitHistory(late.uscc(), 1).path("results").get(0).path("document");
        assertThat(doc.path("due").asString()).isEqualTo(WORKING_DAYS.addWorkingDays(LocalDate.of(2026, 9, 30), 10).toString());
    }
}
