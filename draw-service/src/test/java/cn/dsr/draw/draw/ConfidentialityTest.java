package cn.dsr.draw.draw;

import static org.assertj.core.api.Assertions.assertThat;

import cn.dsr.draw.DrawServiceTest;
import cn.dsr.draw.access.AccessLog;
import java.util.List;
import org.junit.jupiter.api.Test;

/** 抽查保密: before disclosure only the bureau's staff read the selection, and every read is logged first. */
class ConfidentialityTest extends DrawServiceTest {

    static final String T = "411671";

    Draw executedDraw(String period, String lottery) {
        DrawLifecycleTest.roster(T, 5, 0, 0, 0);
        return drawn(T, lottery, plan(operator(T), DrawLifecycleTest.planJson(T, period, "废气排放检查",
                "[{\"category\":\"KEY\",\"ratioBp\":5000}]", "")));
    }

    @Test
    void only_the_bureaus_staff_read_an_undisclosed_selection_and_each_read_is_logged_with_its_purpose() {
        Draw draw = executedDraw(YEAR + "Q1", YEAR - 1 + "-12-25");
        String visits = "/api/draw/draws/" + draw.id() + "/visits?purpose=";
        get(token("insp", T, "INSPECTOR"), visits + "x").expectStatus().isForbidden();
        get(token("aud", T, "AUDITOR"), visits + "x").expectStatus().isForbidden();
        get(operator("411672"), visits + "x").expectStatus().isNotFound();
        get(operator(T), "/api/draw/draws/" + draw.id() + "/visits").expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("purpose");
        long before = db.countAsOwner("SELECT count(*) FROM access_log WHERE draw_id = '" + draw.id() + "'");

        get(head(T, "head-reader"), visits + "安排检查任务").expectStatus().isOk();
        assertThat(db.countAsOwner("SELECT count(*) FROM access_log WHERE draw_id = '" + draw.id() + "'")).isEqualTo(before + 1);

        List<AccessLog.Entry> log = get(token("aud", T, "AUDITOR"), "/api/draw/access-log?drawId=" + draw.id()).expectStatus().isOk()
                .expectBodyList(AccessLog.Entry.class).returnResult().getResponseBody();
        assertThat(log).last().satisfies(e -> {
            assertThat(e.subject()).isEqualTo("head-reader");
            assertThat(e.purpose()).isEqualTo("安排检查任务");
            assertThat(e.what()).isEqualTo("visits");
            assertThat(e.roles()).containsExactly("DISTRICT_HEAD");
            assertThat(e.accessedAt()).isNotNull();
        });
        get(operator(T), "/api/draw/access-log?drawId=" + draw.id()).expectStatus().isForbidden();
        get(token("aud", "411672", "AUDITOR"), "/api/draw/access-log?drawId=" + draw.id()).expectStatus().isOk()
                .expectBodyList(AccessLog.Entry.class).hasSize(0);
    }

    @Test
    void when_the_access_log_cannot_be_written_the_read_fails_and_returns_nothing() throws Exception {
        Draw draw = executedDraw(YEAR + "Q2", YEAR + "-03-25");
        asOwner("REVOKE INSERT ON access_log FROM " + db.appUser());
        try {
            String body = get(operator(T), "/api/draw/draws/" + draw.id() + "/record?purpose=核对").expectStatus().is5xxServerError()
                    .expectBody(String.class).returnResult().getResponseBody();
            assertThat(body).doesNotContain("91" + T).doesNotContain("selected");
            get(operator(T), "/api/draw/draws/" + draw.id() + "/visits?purpose=核对").expectStatus().is5xxServerError();
        } finally {
            asOwner("GRANT INSERT ON access_log TO " + db.appUser());
        }
        get(operator(T), "/api/draw/draws/" + draw.id() + "/visits?purpose=核对").expectStatus().isOk();
    }
}
