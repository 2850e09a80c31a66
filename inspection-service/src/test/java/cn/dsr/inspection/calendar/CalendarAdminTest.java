package cn.dsr.inspection.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import cn.dsr.inspection.ServiceTest;
import cn.dsr.inspection.calendar.CalendarService.YearView;
import cn.dsr.inspection.record.FieldRecords;
import cn.dsr.inspection.record.Records.Stored;
import cn.dsr.workingdays.Adjustment;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

class CalendarAdminTest extends ServiceTest {

    static final String ZHOUKOU = "411600";
    static final String DISTRICT = "411627";

    /** A made-up 2027 notice for this test: the real one was not published in the data set. */
    static final String NOTICE_2027 = """
            {"year":2027,"papers":["test notice"],"days":[
              {"name":"元旦","date":"2027-01-01","isOffDay":true},
              {"name":"元旦","date":"2027-01-02","isOffDay":true},
              {"name":"元旦","date":"2027-01-03","isOffDay":true}]}""";

    @Test
    void the_shipped_calendar_is_read_by_anyone_signed_in() {
        YearView year = web.get().uri("/api/inspection/calendar/2026").headers(h -> h.setBearerAuth(operator(DISTRICT))).exchange()
                .expectStatus().isOk().expectBody(YearView.class).returnResult().getResponseBody();
        assertThat(year.days()).contains(new Adjustment(LocalDate.parse("2026-10-10"), false, "国庆节"));
        web.get().uri("/api/inspection/calendar/2019").headers(h -> h.setBearerAuth(operator(DISTRICT))).exchange()
                .expectStatus().isNotFound();
        web.get().uri("/api/inspection/calendar").exchange().expectStatus().isUnauthorized();
    }

    @Test
    void a_record_due_in_a_year_without_its_calendar_waits_until_the_coordinator_adds_that_year() {
        web.put().uri("/api/inspection/settings").headers(h -> h.setBearerAuth(head(DISTRICT, "head." + DISTRICT)))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("recordDueWorkingDays", 30, "rectificationMonths", 3))
                .exchange().expectStatus().isOk();
        Team team = drawnVisit(DISTRICT);
        String key = id("K");
        Object record = FieldRecords.noProblem(LocalDate.parse("2026-11-20"), team.zhang(), team.li());
        submit(inspector(DISTRICT, team.zhang()), team.taskId(), key, record).expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.title").isEqualTo("Working-day calendar missing")
                .jsonPath("$.detail").value(d -> assertThat(d.toString()).contains("2027"));
        assertThat(count("SELECT count(*) FROM inspection_record WHERE task_id = '" + team.taskId() + "'")).isZero();

        web.put().uri("/api/inspection/calendar/2027").headers(h -> h.setBearerAuth(operator(DISTRICT)))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(NOTICE_2027).exchange().expectStatus().isForbidden();
        YearView added = web.put().uri("/api/inspection/calendar/2027").headers(h -> h.setBearerAuth(coordinator(ZHOUKOU)))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(NOTICE_2027).exchange()
                .expectStatus().isOk().expectBody(YearView.class).returnResult().getResponseBody();
        assertThat(added.days()).hasSize(3);

        Stored stored = submit(inspector(DISTRICT, team.zhang()), team.taskId(), key, record).expectStatus().isCreated()
                .expectBody(Stored.class).returnResult().getResponseBody();
        // 6 working days left in November, 23 in December, then Monday 4 January 2027
        assertThat(stored.dueDate()).isEqualTo("2027-01-04");
    }

    @Test
    void the_coordinator_fixes_a_day_saying_why() {
        web.put().uri("/api/inspection/calendar/days/2020-01-02").headers(h -> h.setBearerAuth(coordinator(ZHOUKOU)))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("offDay", true)).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("reason");
        YearView fixed = web.put().uri("/api/inspection/calendar/days/2020-01-02").headers(h -> h.setBearerAuth(coordinator(ZHOUKOU)))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("offDay", true, "name", "测试调整", "reason", "按补充通知调整"))
                .exchange().expectStatus().isOk().expectBody(YearView.class).returnResult().getResponseBody();
        assertThat(fixed.days()).contains(new Adjustment(LocalDate.parse("2020-01-02"), true, "测试调整"));
        web.put().uri("/api/inspection/calendar/days/2019-05-01").headers(h -> h.setBearerAuth(coordinator(ZHOUKOU)))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("offDay", true, "reason", "x")).exchange()
                .expectStatus().isEqualTo(409);
    }

    @Test
    void a_notice_that_lists_a_day_twice_is_refused_naming_the_entry() {
        String twice = """
                {"year":2028,"days":[{"name":"元旦","date":"2028-01-01","isOffDay":true},{"name":"元旦","date":"2028-01-01","isOffDay":true}]}""";
        web.put().uri("/api/inspection/calendar/2028").headers(h -> h.setBearerAuth(coordinator(ZHOUKOU)))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(twice).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("days[1].date");
        assertThat(web.get().uri("/api/inspection/calendar").headers(h -> h.setBearerAuth(operator(DISTRICT))).exchange()
                .expectBody(Map.class).returnResult().getResponseBody().get("years")).asList().doesNotContain(2028);
    }
}
