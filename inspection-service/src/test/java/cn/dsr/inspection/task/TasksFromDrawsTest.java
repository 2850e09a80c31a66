package cn.dsr.inspection.task;

import static org.assertj.core.api.Assertions.assertThat;

import cn.dsr.inspection.ServiceTest;
import cn.dsr.inspection.record.FieldRecords;
import cn.dsr.inspection.task.TaskService.TaskView;
import cn.dsr.inspection.task.Tasks.MemberHistory;
import cn.dsr.platform.events.Event;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

class TasksFromDrawsTest extends ServiceTest {

    static final String XIHUA = "411622";
    static final String SHANGSHUI = "411623";
    static final String SHENQIU = "411624";
    static final String ZHOUKOU = "411600";

    static Member officer(String id, String district) {
        return new Member(id, "执法人员 " + id, "OFFICER", district);
    }

    Set<String> taskIds(String token) {
        return web.get().uri("/api/inspection/tasks").headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isOk().expectBodyList(TaskView.class).returnResult().getResponseBody()
                .stream().map(TaskView::taskId).collect(Collectors.toSet());
    }

    TaskView task(String token, String taskId) {
        return web.get().uri("/api/inspection/tasks/" + taskId).headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isOk().expectBody(TaskView.class).returnResult().getResponseBody();
    }

    @Test
    void an_executed_draw_becomes_one_task_per_visit_with_all_its_items_and_its_team() {
        String draw = id("D");
        String v1 = id("V");
        String v2 = id("V");
        Member zhang = officer(id("INS"), XIHUA);
        Member li = officer(id("INS"), XIHUA);
        Member zhao = officer(id("INS"), XIHUA);
        drawExecuted(draw, XIHUA, "DISTRICT", "2026Q4", visit(v1, XIHUA, zhang, li), visit(v2, XIHUA, li, zhao));
        awaitTask(operator(XIHUA), v2);

        TaskView first = task(operator(XIHUA), v1);
        assertThat(first.state()).isEqualTo(TaskState.ASSIGNED);
        assertThat(first.random()).isTrue();
        assertThat(first.drawId()).isEqualTo(draw);
        assertThat(first.period()).isEqualTo("2026Q4");
        assertThat(first.tenant()).isEqualTo(XIHUA);
        assertThat(first.items()).extracting(Task.VisitItem::planId).containsExactly("P-1", "P-1", "P-2");
        assertThat(first.team()).extracting(Task.TeamMember::inspectorId).containsExactly(zhang.inspectorId(), li.inspectorId());
        assertThat(taskIds(operator(XIHUA))).as("an operator sees the tenant's tasks").contains(v1, v2);
    }

    @Test
    void an_inspector_sees_only_the_tasks_of_their_own_teams() {
        String v1 = id("V");
        String v2 = id("V");
        Member zhang = officer(id("INS"), XIHUA);
        Member li = officer(id("INS"), XIHUA);
        Member zhao = officer(id("INS"), XIHUA);
        drawExecuted(id("D"), XIHUA, "DISTRICT", "2026Q4", visit(v1, XIHUA, zhang, li), visit(v2, XIHUA, li, zhao));
        awaitTask(operator(XIHUA), v2);

        assertThat(taskIds(inspector(XIHUA, zhang.inspectorId()))).containsExactly(v1);
        assertThat(taskIds(inspector(XIHUA, li.inspectorId()))).containsExactlyInAnyOrder(v1, v2);
        web.get().uri("/api/inspection/tasks/" + v2).headers(h -> h.setBearerAuth(inspector(XIHUA, zhang.inspectorId()))).exchange()
                .expectStatus().isForbidden().expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        web.get().uri("/api/inspection/tasks/" + v1).headers(h -> h.setBearerAuth(operator(SHANGSHUI))).exchange()
                .expectStatus().isNotFound();
        String noInspectorId = infra.issuer().token("someone", XIHUA, "INSPECTOR");
        web.get().uri("/api/inspection/tasks").headers(h -> h.setBearerAuth(noInspectorId)).exchange().expectStatus().isForbidden();
    }

    @Test
    void a_redelivered_or_replayed_draw_creates_nothing_twice() {
        String draw = id("D");
        String v1 = id("V");
        Member zhang = officer(id("INS"), XIHUA);
        Member li = officer(id("INS"), XIHUA);
        Event first = drawExecuted(draw, XIHUA, "DISTRICT", "2026Q4", visit(v1, XIHUA, zhang, li));
        awaitTask(operator(XIHUA), v1);
        resend(first);                                          // redelivered: the inbox knows its id
        drawExecuted(draw, XIHUA, "DISTRICT", "2026Q4", visit(v1, XIHUA, zhang, li)); // replayed under a new id
        Member zhao = officer(id("INS"), XIHUA);
        inspectorReplaced(draw, v1, XIHUA, li.inspectorId(), zhao); // same key, same partition: applied after both
        awaitTask(inspector(XIHUA, zhao.inspectorId()), v1);
        assertThat(count("SELECT count(*) FROM task WHERE task_id = '" + v1 + "'")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM task_member WHERE task_id = '" + v1 + "'")).isEqualTo(3);
        assertThat(count("SELECT count(*) FROM task_member WHERE active AND task_id = '" + v1 + "'")).isEqualTo(2);
    }

    @Test
    void a_replaced_inspector_leaves_the_team_and_the_substitute_joins_it() {
        String draw = id("D");
        String v1 = id("V");
        Member zhang = officer(id("INS"), XIHUA);
        Member li = officer(id("INS"), XIHUA);
        Member zhao = officer(id("INS"), XIHUA);
        drawExecuted(draw, XIHUA, "DISTRICT", "2026Q4", visit(v1, XIHUA, zhang, li));
        awaitTask(operator(XIHUA), v1);
        inspectorReplaced(draw, v1, XIHUA, zhang.inspectorId(), zhao);
        awaitTask(inspector(XIHUA, zhao.inspectorId()), v1);

        assertThat(task(operator(XIHUA), v1).team()).extracting(Task.TeamMember::inspectorId)
                .containsExactlyInAnyOrder(li.inspectorId(), zhao.inspectorId());
        web.get().uri("/api/inspection/tasks/" + v1).headers(h -> h.setBearerAuth(inspector(XIHUA, zhang.inspectorId()))).exchange()
                .expectStatus().isForbidden();
        List<MemberHistory> history = web.get().uri("/api/inspection/tasks/" + v1 + "/team").headers(h -> h.setBearerAuth(operator(XIHUA)))
                .exchange().expectStatus().isOk().expectBodyList(MemberHistory.class).returnResult().getResponseBody();
        MemberHistory replaced = history.stream().filter(m -> m.inspectorId().equals(zhang.inspectorId())).findFirst().orElseThrow();
        assertThat(replaced.active()).isFalse();
        assertThat(replaced.leftReason()).isEqualTo("HEALTH");
        assertThat(replaced.replacedBy()).isEqualTo(zhao.inspectorId());
    }

    @Test
    void a_city_draw_creates_tasks_in_its_districts_and_a_cross_district_inspector_finds_theirs_from_home() {
        String v1 = id("V");
        String v2 = id("V");
        Member fromShangshui = officer(id("INS"), SHANGSHUI);
        Member fromXihua = officer(id("INS"), XIHUA);
        Member other = officer(id("INS"), SHANGSHUI);
        // 异地交叉执法 (003): Shangshui's officer inspects in Xihua and the other way round
        drawExecuted(id("D"), ZHOUKOU, "CITY", "2026Q4", visit(v1, XIHUA, fromShangshui, fromXihua), visit(v2, SHANGSHUI, fromXihua, other));
        awaitTask(coordinator(ZHOUKOU), v2);

        assertThat(task(coordinator(ZHOUKOU), v1).tenant()).isEqualTo(XIHUA);
        assertThat(taskIds(coordinator(ZHOUKOU))).contains(v1, v2);
        assertThat(taskIds(operator(XIHUA))).contains(v1).doesNotContain(v2);
        assertThat(taskIds(inspector(SHANGSHUI, fromShangshui.inspectorId()))).containsExactly(v1);
        assertThat(taskIds(inspector(XIHUA, fromXihua.inspectorId()))).containsExactlyInAnyOrder(v1, v2);
    }

    @Test
    void an_inspector_on_visits_in_three_districts_finds_each_of_them_from_home() {
        String before = id("V");
        String home = id("V");
        String after = id("V");
        Member fromShangshui = officer(id("INS"), SHANGSHUI);
        Member partner = officer(id("INS"), XIHUA);
        // the scopes are found district by district in code order: one before home, home, one after
        drawExecuted(id("D"), ZHOUKOU, "CITY", "2026Q4", visit(before, XIHUA, fromShangshui, partner),
                visit(home, SHANGSHUI, fromShangshui, partner), visit(after, SHENQIU, fromShangshui, partner));
        awaitTask(coordinator(ZHOUKOU), after);

        assertThat(taskIds(inspector(SHANGSHUI, fromShangshui.inspectorId()))).containsExactlyInAnyOrder(before, home, after);
        assertThat(taskIds(operator(SHENQIU))).contains(after).doesNotContain(before, home);
    }

    @Test
    void a_cross_district_inspector_records_the_visit_in_the_other_district_and_nobody_else_does() {
        String visit = id("V");
        Member fromShangshui = officer(id("INS"), SHANGSHUI);
        Member fromXihua = officer(id("INS"), XIHUA);
        Member elsewhere = officer(id("INS"), SHANGSHUI);
        drawExecuted(id("D"), ZHOUKOU, "CITY", "2026Q4", visit(visit, XIHUA, fromShangshui, fromXihua),
                visit(id("V"), SHANGSHUI, elsewhere, officer(id("INS"), SHANGSHUI)));
        awaitTask(coordinator(ZHOUKOU), visit);
        var record = FieldRecords.noProblem(LocalDate.parse("2026-11-18"), fromShangshui.inspectorId(), fromXihua.inspectorId());

        // Shangshui's inspector reaches Xihua's visit only through the scope their assignment widens
        submit(inspector(SHANGSHUI, elsewhere.inspectorId()), visit, id("K"), record).expectStatus().isNotFound();
        submit(inspector(SHANGSHUI, fromShangshui.inspectorId()), visit, id("K"), record).expectStatus().isCreated();
        assertThat(task(operator(XIHUA), visit).state()).isEqualTo(TaskState.SUBMITTED);
        assertThat(count("SELECT count(*) FROM inspection_record WHERE task_id = '" + visit + "'")).isEqualTo(1);
    }

    @Test
    void the_unrecorded_visits_of_a_cancelled_draw_are_withdrawn() {
        String draw = id("D");
        String v1 = id("V");
        drawExecuted(draw, XIHUA, "DISTRICT", "2026Q4", visit(v1, XIHUA, officer(id("INS"), XIHUA), officer(id("INS"), XIHUA)));
        awaitTask(operator(XIHUA), v1);
        drawCancelled(draw, XIHUA, "2026Q4");
        long deadline = System.currentTimeMillis() + 30_000;
        while (task(operator(XIHUA), v1).state() != TaskState.WITHDRAWN && System.currentTimeMillis() < deadline) sleep(150);
        assertThat(task(operator(XIHUA), v1).state()).isEqualTo(TaskState.WITHDRAWN);
    }

    @Test
    void a_targeted_inspection_is_entered_by_the_district_and_kept_out_of_random_statistics() {
        Member zhang = officer(id("INS"), XIHUA);
        Member li = officer(id("INS"), XIHUA);
        String body = """
                {"reason":"COMPLAINT","note":"12369 举报 2026-1102","method":"ON_SITE",
                 "entity":{"uscc":"91411622MA44AB1X2K","name":"某铸造厂","address":"西华县城关镇"},
                 "items":[{"itemId":"ITEM-AIR","itemName":"大气污染防治设施运行"}],
                 "team":[{"inspectorId":"%s","name":"张伟","kind":"OFFICER"},{"inspectorId":"%s","name":"李娜","kind":"OFFICER"}]}"""
                .formatted(zhang.inspectorId(), li.inspectorId());
        TaskView created = web.post().uri("/api/inspection/tasks/targeted").headers(h -> h.setBearerAuth(operator(XIHUA)))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
                .expectStatus().isCreated().expectBody(TaskView.class).returnResult().getResponseBody();
        assertThat(created.random()).isFalse();
        assertThat(created.targetedReason()).isEqualTo(TargetedReason.COMPLAINT);
        assertThat(created.entity().district()).isEqualTo(XIHUA);
        assertThat(taskIds(inspector(XIHUA, zhang.inspectorId()))).containsExactly(created.taskId());

        web.post().uri("/api/inspection/tasks/targeted").headers(h -> h.setBearerAuth(inspector(XIHUA, zhang.inspectorId())))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange().expectStatus().isForbidden();
        web.post().uri("/api/inspection/tasks/targeted").headers(h -> h.setBearerAuth(operator(XIHUA)))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body.replace("\"COMPLAINT\"", "null")).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("reason");
    }

    @Test
    void the_team_starts_a_visit_on_its_inspection_date() {
        String v1 = id("V");
        Member zhang = officer(id("INS"), XIHUA);
        Member li = officer(id("INS"), XIHUA);
        drawExecuted(id("D"), XIHUA, "DISTRICT", "2026Q4", visit(v1, XIHUA, zhang, li));
        awaitTask(operator(XIHUA), v1);
        web.post().uri("/api/inspection/tasks/" + v1 + "/start").headers(h -> h.setBearerAuth(operator(XIHUA)))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"inspectionDate\":\"2026-11-02\"}").exchange()
                .expectStatus().isForbidden();
        TaskView started = web.post().uri("/api/inspection/tasks/" + v1 + "/start").headers(h -> h.setBearerAuth(inspector(XIHUA, zhang.inspectorId())))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"inspectionDate\":\"2026-11-02\"}").exchange()
                .expectStatus().isOk().expectBody(TaskView.class).returnResult().getResponseBody();
        assertThat(started.state()).isEqualTo(TaskState.IN_PROGRESS);
        assertThat(started.recordDueDate()).as("20 working days by default").isEqualTo("2026-11-30");
        web.post().uri("/api/inspection/tasks/" + v1 + "/start").headers(h -> h.setBearerAuth(inspector(XIHUA, li.inspectorId())))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"inspectionDate\":\"2026-11-02\"}").exchange()
                .expectStatus().isEqualTo(HttpStatus.CONFLICT);
    }
}
