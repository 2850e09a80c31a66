package cn.dsr.draw.draw;

import static org.assertj.core.api.Assertions.assertThat;

import cn.dsr.contracts.EventContracts;
import cn.dsr.draw.DrawServiceTest;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** 不得随意变更: no silent redraw. A cancellation has a reason and the head's approval, and stays on record. */
class CancellationTest extends DrawServiceTest {

    static final String T = "411661";

    String freshPlan(String period) {
        DrawLifecycleTest.roster(T, 4, 0, 0, 0);
        return plan(operator(T), DrawLifecycleTest.planJson(T, period, "废气排放检查", "[{\"category\":\"KEY\",\"ratioBp\":5000}]", ""));
    }

    String cancellation(String drawId) {
        return "/api/draw/draws/" + drawId + "/cancellation";
    }

    @Test
    void a_cancellation_needs_a_reason_and_another_heads_approval_and_stays_on_record() {
        String plan = freshPlan(YEAR + "Q1");
        Draw draw = drawn(T, YEAR - 1 + "-12-26", plan);
        post(operator(T), cancellation(draw.id()), "{\"reason\":\"  \"}").expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("reason");
        post(operator(T), cancellation(draw.id()), "{\"reason\":\"抽取时名录未含新增重点单位\"}").expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("EXECUTED")
                .jsonPath("$.cancellation.approvedBy").doesNotExist();
        post(operator(T), cancellation(draw.id()) + "/approval", "").expectStatus().isForbidden();
        post(head("411662", "head-elsewhere"), cancellation(draw.id()) + "/approval", "").expectStatus().isNotFound();

        Draw cancelled = post(head(T, "head-" + T), cancellation(draw.id()) + "/approval", "").expectStatus().isOk()
                .expectBody(Draw.class).returnResult().getResponseBody();
        assertThat(cancelled.status()).isEqualTo("CANCELLED");
        assertThat(cancelled.cancellation().approvedBy()).isEqualTo("head-" + T);
        assertThat(cancelled.cancellation().requestedBy()).isEqualTo("op-" + T);
        post(head(T, "head-" + T), cancellation(draw.id()) + "/approval", "").expectStatus().isEqualTo(409);
        post(operator(T), "/api/draw/draws/" + draw.id() + "/execute", "").expectStatus().isEqualTo(409);
        get(operator(T), "/api/draw/plans/" + plan).expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("DRAFT");
        web.get().uri("/public/draw/draws/" + draw.id()).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.status").isEqualTo("CANCELLED")
                .jsonPath("$.cancellation.reason").isEqualTo("抽取时名录未含新增重点单位");
        assertThat(db.countAsOwner("SELECT count(*) FROM draw_record WHERE draw_id = '" + draw.id() + "'"))
                .as("the executed record stays").isEqualTo(1);

        ConsumerRecord<String, byte[]> event = DrawLifecycleTest.events(draw.id(), DrawEvents.CANCELLED.name()).get(0);
        assertThat(EventContracts.violations(DrawEvents.CANCELLED.name(), event.value())).isEmpty();
        assertThat(new String(event.value(), StandardCharsets.UTF_8)).contains("\"executed\":true");
    }

    @Test
    void a_redraw_is_a_new_draw_with_a_new_id_linked_to_the_cancelled_one() {
        String plan = freshPlan(YEAR + "Q2");
        Draw first = schedule(operator(T), YEAR + "-03-26", plan);
        post(operator(T), "/api/draw/draws", "{\"plans\":[\"" + plan + "\"],\"sources\":" + sources(YEAR + "-03-27") + "}")
                .expectStatus().isEqualTo(409); // the plan is scheduled: no second draw beside the first
        post(head(T, "head-a"), cancellation(first.id()), "{\"reason\":\"观察员缺席，未能揭示承诺\"}").expectStatus().isOk();
        post(head(T, "head-a"), cancellation(first.id()) + "/approval", "").expectStatus().isForbidden()
                .expectBody().jsonPath("$.detail").value(d -> assertThat((String) d).contains("not the one who asked"));
        post(head(T, "head-b"), cancellation(first.id()) + "/approval", "").expectStatus().isOk();

        Draw second = drawn(T, YEAR + "-03-27", plan);
        assertThat(second.id()).isNotEqualTo(first.id());
        assertThat(second.replaces()).isEqualTo(first.id());
        web.get().uri("/public/draw/draws/" + first.id()).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.replacedBy").isEqualTo(second.id());
        ConsumerRecord<String, byte[]> executed = DrawLifecycleTest.events(second.id(), DrawEvents.EXECUTED.name()).get(0);
        assertThat(JsonMapper.builder().build().readTree(executed.value()).get("replaces").asString()).isEqualTo(first.id());
        ConsumerRecord<String, byte[]> scheduled = DrawLifecycleTest.events(second.id(), DrawEvents.SCHEDULED.name()).get(0);
        assertThat(EventContracts.violations(DrawEvents.SCHEDULED.name(), scheduled.value())).isEmpty();
    }
}
