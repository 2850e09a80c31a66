package cn.dsr.inspection.task;

import static org.assertj.core.api.Assertions.assertThat;

import cn.dsr.inspection.InspectionEvents;
import cn.dsr.inspection.ServiceTest;
import cn.dsr.inspection.record.FieldRecords;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

/**
 * The draw staffs visits with roster inspector ids; a signed-in inspector is known as the roster
 * inspectors whose sign-in account is theirs (roster.inspectors.v1), without any inspector_id claim.
 */
class SignInAccountTest extends ServiceTest {

    static final String XIHUA = "411622";
    static final LocalDate INSPECTED = LocalDate.parse("2026-11-18");
    static final AtomicLong REVISION = new AtomicLong();

    /** A token as the identity provider issues it to a person: a sign-in name, no roster id. */
    static String signedIn(String account) {
        return infra.issuer().tokenFor(account).tenant(XIHUA).roles("INSPECTOR").sign();
    }

    /** roster-service publishes an officer's state, linked to a sign-in account or to none. */
    static void rosterOfficer(String id, String account) {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("id", id);
        state.put("tenant", XIHUA);
        state.put("name", "周平");
        state.put("unit", XIHUA);
        state.put("certificateNo", "XH" + id.substring(0, 8));
        state.put("certificateValidUntil", "2030-12-31");
        state.put("kind", "OFFICER");
        state.put("expertise", List.of());
        state.put("status", "IN_POST");
        state.put("homeDistrict", XIHUA);
        state.put("account", account);
        state.put("rosterRevision", REVISION.incrementAndGet());
        publish(InspectionEvents.ROSTER_INSPECTORS, InspectionEvents.INSPECTOR_STATE, id, XIHUA, state);
    }

    static void awaitLinked(String inspectorId, String account) {
        String wanted = account == null ? "account IS NULL" : "account = '" + account + "'";
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (count("SELECT count(*) FROM roster_account WHERE inspector_id = '" + inspectorId + "' AND " + wanted) == 0) {
            if (System.nanoTime() > deadline) throw new AssertionError(inspectorId + " never linked to " + account);
            sleep(150);
        }
    }

    /** Draws an on-site visit staffed with two roster inspectors and waits until it is a task. */
    String drawnVisit(String first, String second) {
        String taskId = id("V");
        drawExecuted(id("D"), XIHUA, "DISTRICT", "2026Q4", visit(taskId, XIHUA,
                new Member(first, "周平", "OFFICER", XIHUA), new Member(second, "吴敏", "OFFICER", XIHUA)));
        awaitTask(operator(XIHUA), taskId);
        return taskId;
    }

    int status(String token, String uri) {
        return web.get().uri(uri).headers(h -> h.setBearerAuth(token)).exchange().returnResult(byte[].class).getStatus().value();
    }

    List<String> listed(String token) {
        return web.get().uri("/api/inspection/tasks").headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isOk().expectBodyList(TaskService.TaskView.class).returnResult().getResponseBody()
                .stream().map(TaskService.TaskView::taskId).toList();
    }

    @Test
    void an_inspector_whose_account_is_linked_to_a_team_member_sees_and_records_the_visit() {
        String zhou = UUID.randomUUID().toString(), wu = UUID.randomUUID().toString();
        String account = "xh.zhou." + id("a");
        rosterOfficer(zhou, account);
        String taskId = drawnVisit(zhou, wu);
        awaitLinked(zhou, account);

        assertThat(status(signedIn(account), "/api/inspection/tasks/" + taskId)).isEqualTo(200);
        assertThat(listed(signedIn(account))).containsExactly(taskId);
        submit(signedIn(account), taskId, id("K"), FieldRecords.noProblem(INSPECTED, zhou, wu)).expectStatus().isCreated();
        assertThat(count("SELECT count(*) FROM inspection_record WHERE task_id = '" + taskId + "'")).isEqualTo(1);
    }

    @Test
    void an_account_linked_to_nobody_on_the_team_neither_sees_nor_records_the_visit() {
        String zhou = UUID.randomUUID().toString(), wu = UUID.randomUUID().toString(), outsider = UUID.randomUUID().toString();
        String account = "xh.chen." + id("a");
        rosterOfficer(outsider, account);
        String taskId = drawnVisit(zhou, wu);
        awaitLinked(outsider, account);

        assertThat(status(signedIn(account), "/api/inspection/tasks/" + taskId)).isEqualTo(403);
        assertThat(listed(signedIn(account))).doesNotContain(taskId);
        submit(signedIn(account), taskId, id("K"), FieldRecords.noProblem(INSPECTED, zhou, wu)).expectStatus().isForbidden();
        assertThat(status(signedIn("xh.unlinked." + id("a")), "/api/inspection/tasks")).as("no claim and no roster entry: no inspector")
                .isEqualTo(403);
        assertThat(count("SELECT count(*) FROM inspection_record WHERE task_id = '" + taskId + "'")).isZero();
    }

    @Test
    void relinking_the_account_to_another_inspector_moves_the_right_to_record() {
        String zhou = UUID.randomUUID().toString(), wu = UUID.randomUUID().toString();
        String chen = UUID.randomUUID().toString(), lin = UUID.randomUUID().toString();
        String account = "xh.shared." + id("a");
        rosterOfficer(zhou, account);
        String zhouVisit = drawnVisit(zhou, wu);
        String chenVisit = drawnVisit(chen, lin);
        awaitLinked(zhou, account);
        assertThat(status(signedIn(account), "/api/inspection/tasks/" + zhouVisit)).isEqualTo(200);
        assertThat(status(signedIn(account), "/api/inspection/tasks/" + chenVisit)).isEqualTo(403);

        // the office hands the account over: freed from one person, then given to the other
        rosterOfficer(zhou, null);
        rosterOfficer(chen, account);
        awaitLinked(zhou, null);
        awaitLinked(chen, account);

        awaitStatus(signedIn(account), "/api/inspection/tasks/" + chenVisit, HttpStatus.OK);
        assertThat(status(signedIn(account), "/api/inspection/tasks/" + zhouVisit)).isEqualTo(403);
        submit(signedIn(account), zhouVisit, id("K"), FieldRecords.noProblem(INSPECTED, zhou, wu)).expectStatus().isForbidden();
        submit(signedIn(account), chenVisit, id("K"), FieldRecords.noProblem(INSPECTED, chen, lin)).expectStatus().isCreated();
    }
}
