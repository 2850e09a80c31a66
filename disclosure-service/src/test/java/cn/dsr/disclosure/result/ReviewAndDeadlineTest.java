package cn.dsr.disclosure.result;

import static org.assertj.core.api.Assertions.assertThat;

import cn.dsr.disclosure.ServiceTest;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

/** A bureau with a review step: results wait for the head, and are published on their due date at the latest. */
class ReviewAndDeadlineTest extends ServiceTest {

    @Autowired
    AutoPublication autoPublication;

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
        JsonNode settings = getJson(operator(district), "/api/disclosure/settings");
        assertThat(settings.path("deadlineWorkingDays").asInt()).as("the default: 20 working days (002, 004)").isEqualTo(20);
        assertThat(settings.path("reviewRequired").asBoolean()).isFalse();
        web.get().uri("/api/disclosure/settings").exchange().expectStatus().isUnauthorized();
    }
}
