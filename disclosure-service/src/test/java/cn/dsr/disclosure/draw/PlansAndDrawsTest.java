package cn.dsr.disclosure.draw;

import static org.assertj.core.api.Assertions.assertThat;

import cn.dsr.disclosure.ServiceTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Plans and draw commitments are public from scheduling; the draw's selection is not. */
class PlansAndDrawsTest extends ServiceTest {

    @Test
    void a_scheduled_plan_and_its_draws_commitment_are_public_with_links_to_the_record_and_its_verifier() {
        String district = district(), planId = id("P"), drawId = district + "-2026Q3-" + id("D");
        planPublished(planId, district, "2026Q3", drawId, "HIGH", 3);
        drawScheduled(drawId, district, "2026Q3", planId);

        JsonNode plans = await("/public/disclosure/plans?tenant=" + district + "&period=2026Q3", p -> p.size() == 1);
        assertThat(plans.get(0).path("title").asString()).contains("随机抽查计划");
        assertThat(plans.get(0).path("items").get(0).path("itemName").asString()).isEqualTo("危险废物规范化管理");
        assertThat(plans.get(0).path("planned").asInt()).isEqualTo(3);

        JsonNode draw = await("/public/disclosure/draws/" + drawId, d -> true);
        assertThat(draw.path("inputDigest").asString()).isEqualTo("a".repeat(64));
        assertThat(draw.path("sources").get(0).path("commitment").asString()).isEqualTo("c".repeat(64));
        assertThat(draw.path("executedAt").isNull()).isTrue();
        assertThat(draw.path("links").path("record").asString()).isEqualTo("/public/draw/draws/" + drawId + "/record");
        assertThat(draw.path("links").path("verify").asString()).isEqualTo("/public/draw/verify");
    }

    @Test
    void an_executed_draw_shows_that_it_ran_but_not_whom_it_selected() {
        String district = district(), drawId = id("D"), uscc = uscc(district);
        drawScheduled(drawId, district, "2026Q3", id("P"));
        drawExecuted(drawId, district, "2026Q3", new DrawnVisit(id("V"), uscc, "某钢铁有限公司", district, "P", "P/KEY", true));
        JsonNode draw = await("/public/disclosure/draws/" + drawId, d -> !d.path("executedAt").isNull());
        assertThat(draw.path("resultDigest").asString()).isEqualTo("b".repeat(64));
        assertThat(draw.toString()).doesNotContain(uscc).doesNotContain("某钢铁有限公司");
        assertThat(status("/public/disclosure/entities/" + uscc)).isEqualTo(404);
    }

    @Test
    void bad_query_parameters_are_refused_naming_the_parameter() {
        web.get().uri("/public/disclosure/plans?tenant=41").exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("tenant");
        web.get().uri("/public/disclosure/plans?tenant=411622&period=2026Q5").exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("period");
        web.get().uri("/public/disclosure/results?uscc=123").exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("uscc");
        web.get().uri("/public/disclosure/results?conclusion=GOOD").exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("conclusion");
        web.get().uri("/public/disclosure/changes?limit=0").exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("limit");
        web.get().uri("/public/disclosure/draws/nope").exchange().expectStatus().isNotFound();
    }
}
