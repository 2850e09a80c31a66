package cn.dsr.inspection.record;

import static org.assertj.core.api.Assertions.assertThat;

import cn.dsr.inspection.ServiceTest;
import cn.dsr.inspection.record.RecordController.BatchResult;
import cn.dsr.inspection.record.Records.Stored;
import cn.dsr.inspection.task.TaskService.TaskView;
import cn.dsr.inspection.task.TaskState;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

class RecordSubmissionTest extends ServiceTest {

    @Autowired
    MeterRegistry meters;

    static final String XIHUA = "411622";
    static final String SHANGSHUI = "411623";
    static final LocalDate INSPECTED = LocalDate.parse("2026-11-18");

    Team drawnVisit() {
        return drawnVisit(XIHUA);
    }

    long recordsOf(String taskId) {
        return count("SELECT count(*) FROM inspection_record WHERE task_id = '" + taskId + "'");
    }

    @Test
    void the_team_submits_its_record_and_inspection_submitted_is_published_per_plan_and_item() {
        Team team = drawnVisit();
        Stored stored = submit(inspector(XIHUA, team.zhang()), team.taskId(), id("K"), FieldRecords.noProblem(INSPECTED, team.zhang(), team.li()))
                .expectStatus().isCreated()
                .expectHeader().valueEquals("Location", "/api/inspection/tasks/" + team.taskId() + "/records/1")
                .expectHeader().valueEquals("Idempotent-Replayed", "false")
                .expectBody(Stored.class).returnResult().getResponseBody();
        assertThat(stored.version()).isEqualTo(1);
        assertThat(stored.supersedes()).isNull();
        assertThat(stored.dueDate()).as("20 working days after 18 November").isEqualTo("2026-12-16");
        assertThat(stored.record().recordedAt()).as("stamped on receipt").isNotNull();

        TaskView task = web.get().uri("/api/inspection/tasks/" + team.taskId()).headers(h -> h.setBearerAuth(operator(XIHUA))).exchange()
                .expectBody(TaskView.class).returnResult().getResponseBody();
        assertThat(task.state()).isEqualTo(TaskState.SUBMITTED);
        assertThat(task.inspectionDate()).isEqualTo(INSPECTED);

        List<ConsumerRecord<String, byte[]>> events = published("inspection.records.v1", r -> team.taskId().equals(r.key()), 1);
        assertThat(events).hasSize(1);
        assertConform(events);
        JsonNode payload = JSON.readTree(events.get(0).value());
        assertThat(type(events.get(0))).isEqualTo("cn.gov.mee.dsr.inspection.submitted.v1");
        assertThat(payload.get("random").asBoolean()).isTrue();
        assertThat(payload.get("dueDate").asString()).isEqualTo("2026-12-16");
        assertThat(payload.get("findings")).hasSize(3); // ITEM-WASTE once for each of the two plans, ITEM-AIR once
        assertThat(new String(events.get(0).headers().lastHeader("ce_tenant").value(), StandardCharsets.UTF_8)).isEqualTo(XIHUA);
    }

    @Test
    void a_retried_submission_under_the_same_key_returns_the_first_record_and_stores_nothing_more() {
        Team team = drawnVisit();
        String key = id("K");
        FieldRecord record = FieldRecords.noProblem(INSPECTED, team.zhang(), team.li());
        double submittedBefore = submittedCount();
        Stored first = submit(inspector(XIHUA, team.zhang()), team.taskId(), key, record).expectStatus().isCreated()
                .expectBody(Stored.class).returnResult().getResponseBody();
        Stored again = submit(inspector(XIHUA, team.zhang()), team.taskId(), key, record).expectStatus().isCreated()
                .expectHeader().valueEquals("Idempotent-Replayed", "true")
                .expectBody(Stored.class).returnResult().getResponseBody();
        assertThat(again.recordId()).isEqualTo(first.recordId());
        assertThat(recordsOf(team.taskId())).isEqualTo(1);

        submit(inspector(XIHUA, team.zhang()), team.taskId(), key, FieldRecords.noProblem(INSPECTED.minusDays(1), team.zhang(), team.li()))
                .expectStatus().isEqualTo(409).expectBody().jsonPath("$.detail").value(d -> assertThat(d.toString()).contains("different submission"));
        submit(inspector(XIHUA, team.li()), team.taskId(), id("K"), record)
                .expectStatus().isEqualTo(409).expectBody().jsonPath("$.detail").value(d -> assertThat(d.toString()).contains("approved correction"));
        assertThat(recordsOf(team.taskId())).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM outbox WHERE message_key = '" + team.taskId() + "'")).as("one event only").isEqualTo(1);
        assertThat(submittedCount() - submittedBefore).as("dsr.inspection.records{kind=submitted} counts it once").isEqualTo(1);
    }

    double submittedCount() {
        return meters.get("dsr.inspection.records").tag("kind", "submitted").counter().count();
    }

    @Test
    void bad_input_is_refused_with_problem_details_naming_the_field_and_nothing_is_stored() {
        Team team = drawnVisit();
        String zhang = inspector(XIHUA, team.zhang());
        long outboxBefore = count("SELECT count(*) FROM outbox");
        FieldRecord good = FieldRecords.noProblem(INSPECTED, team.zhang(), team.li());

        submit(zhang, "V-unknown", id("K"), good).expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        submit(zhang, team.taskId(), null, good).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("Idempotency-Key");
        // an inspector not on the team
        submit(inspector(XIHUA, id("INS")), team.taskId(), id("K"), good).expectStatus().isForbidden();
        // the team records an on-site visit
        submit(operator(XIHUA), team.taskId(), id("K"), good).expectStatus().isForbidden();
        // another tenant's task
        submit(operator(SHANGSHUI), team.taskId(), id("K"), good).expectStatus().isNotFound();
        // a token of another tenant
        submit(inspector(SHANGSHUI, team.zhang()), team.taskId(), id("K"), good).expectStatus().isNotFound();

        Map<String, Object> missingFinding = JSON.convertValue(good, Map.class);
        missingFinding.put("findings", List.of(Map.of("itemId", "ITEM-WASTE", "finding", "COMPLIANT")));
        submit(zhang, team.taskId(), id("K"), missingFinding).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("findings")
                .jsonPath("$.errors[0].message").value(m -> assertThat(m.toString()).contains("ITEM-AIR"));

        FieldRecord problem = FieldRecords.wasteProblem(INSPECTED, List.of(), team.zhang(), team.li());
        Map<String, Object> inconsistent = JSON.convertValue(problem, Map.class);
        inconsistent.put("conclusion", "NO_PROBLEM");
        inconsistent.put("measures", List.of());
        submit(zhang, team.taskId(), id("K"), inconsistent).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[*].field").value(f -> assertThat((List<Object>) f).contains("conclusion", "measures"));

        Map<String, Object> unknownValue = JSON.convertValue(good, Map.class);
        unknownValue.put("conclusion", "ALL_FINE");
        submit(zhang, team.taskId(), id("K"), unknownValue).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("conclusion");

        FieldRecord stranger = FieldRecords.noProblem(INSPECTED, team.zhang(), "INS-NOT-ON-TEAM");
        submit(zhang, team.taskId(), id("K"), stranger).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("inspectorsPresent[1]");

        assertThat(recordsOf(team.taskId())).isZero();
        assertThat(count("SELECT count(*) FROM outbox")).isEqualTo(outboxBefore);
        assertThat(count("SELECT count(*) FROM task WHERE state = 'ASSIGNED' AND task_id = '" + team.taskId() + "'")).isEqualTo(1);
    }

    @Test
    void records_made_offline_are_submitted_in_a_batch_with_their_device_timestamps_each_on_its_own() {
        Team one = drawnVisit();
        Team two = drawnVisit();
        String zhang = inspector(XIHUA, one.zhang());
        OffsetDateTime onDevice = OffsetDateTime.parse("2026-11-18T15:42:10+08:00");
        FieldRecord made = FieldRecords.madeAt(FieldRecords.noProblem(INSPECTED, one.zhang(), one.li()), onDevice);
        FieldRecord notOnTeam = FieldRecords.madeAt(FieldRecords.noProblem(INSPECTED, two.zhang(), two.li()), onDevice);
        FieldRecord undated = FieldRecords.noProblem(INSPECTED, one.zhang(), one.li());
        Map<String, Object> batch = Map.of("records", List.of(
                Map.of("idempotencyKey", "phone-1", "taskId", one.taskId(), "record", made),
                Map.of("idempotencyKey", "phone-2", "taskId", two.taskId(), "record", notOnTeam),
                Map.of("idempotencyKey", "phone-3", "taskId", one.taskId(), "record", undated)));

        List<BatchResult> results = web.post().uri("/api/inspection/records/batch").headers(h -> h.setBearerAuth(zhang))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(batch).exchange()
                .expectStatus().isOk().expectBodyList(BatchResult.class).returnResult().getResponseBody();
        assertThat(results).extracting(BatchResult::status).containsExactly(201, 403, 400);
        assertThat(results.get(0).record().record().recordedAt()).as("the device's time is kept").isEqualTo(onDevice);
        assertThat(results.get(2).problem().errors()).extracting(e -> e.field()).containsExactly("record.recordedAt");

        List<BatchResult> retried = web.post().uri("/api/inspection/records/batch").headers(h -> h.setBearerAuth(zhang))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(batch).exchange()
                .expectStatus().isOk().expectBodyList(BatchResult.class).returnResult().getResponseBody();
        assertThat(retried).extracting(BatchResult::status).containsExactly(200, 403, 400);
        assertThat(retried.get(0).record().recordId()).isEqualTo(results.get(0).record().recordId());
        assertThat(recordsOf(one.taskId())).isEqualTo(1);
        assertThat(recordsOf(two.taskId())).isZero();
    }
}
