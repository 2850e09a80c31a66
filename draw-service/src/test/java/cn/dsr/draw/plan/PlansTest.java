package cn.dsr.draw.plan;

import static org.assertj.core.api.Assertions.assertThat;

import cn.dsr.draw.DrawServiceTest;
import cn.dsr.draw.RosterFeed;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

/** 抽查计划: what a plan says, who may write it, and what is refused with its reason. */
class PlansTest extends DrawServiceTest {

    static final String XIHUA = "411641";
    static final String CITY = "411700";
    static String item;
    static String cityItem;

    @BeforeEach
    void itemLists() {
        if (item != null) return; // once: the application (and its replica) is up only from the first test on
        send(RosterFeed.ITEMS, List.of(RosterFeed.item(XIHUA, "废气排放检查", YEAR, 1, "大气"),
                RosterFeed.item(CITY, "危险废物检查", YEAR, 1, "固废")));
        item = RosterFeed.itemId(XIHUA, "废气排放检查", YEAR);
        cityItem = RosterFeed.itemId(CITY, "危险废物检查", YEAR);
        // by name: other test classes sharing this database add their own items to the city's list
        awaitCount("SELECT count(*) FROM replica_item WHERE (tenant, name) IN (('" + XIHUA + "', '废气排放检查'), ('" + CITY + "', '危险废物检查'))", 2);
    }

    static String plan(String period, String itemId, String strata, String extra) {
        return """
                {"title":"重点排污单位抽查","period":"%s","items":["%s"],"strata":%s,"directed":false,"method":"ON_SITE"%s}"""
                .formatted(period, itemId, strata, extra);
    }

    @Test
    void a_district_plan_with_every_field_is_stored_as_a_draft() {
        String body = """
                {"title":"涉水企业联合抽查","period":"%dQ2","items":["%s"],
                 "scope":{"categories":["KEY","GENERAL"],"creditRisks":["HIGHER","HIGH"],"industries":["C26"],"tags":["水"],
                          "registeredBefore":"2025-01-01","statuses":["ACTIVE"]},
                 "strata":[{"category":"KEY","ratioBp":2500,"minCount":1,"coverage":true},
                           {"category":"GENERAL","creditRisk":"HIGHER","ratioBp":500},
                           {"category":"GENERAL","creditRisk":"HIGH","entitiesPerInspector":3}],
                 "exclusions":{"annualCap":3,"excludeHigherLevelChecked":false,"positiveListOffSite":true},
                 "directed":true,"method":"ON_SITE",
                 "joint":{"kind":"CROSS_AGENCY","initiating":"生态环境分局","cooperating":["市场监管局","水利局"]},
                 "teamSize":3,"capBp":5000}""".formatted(YEAR, item);
        List<Plan> created = post(operator(XIHUA), "/api/draw/plans", body).expectStatus().isCreated()
                .expectBodyList(Plan.class).returnResult().getResponseBody();
        assertThat(created).singleElement().satisfies(p -> {
            assertThat(p.id()).matches(XIHUA + "-" + YEAR + "Q2-P\\d{3}");
            assertThat(p.status()).isEqualTo(PlanStatus.DRAFT);
            assertThat(p.level()).isEqualTo(PlanLevel.DISTRICT);
            assertThat(p.tenant()).isEqualTo(XIHUA);
            assertThat(p.body().strata()).hasSize(3);
            assertThat(p.body().strata().get(2).entitiesPerInspector()).isEqualTo(3);
            assertThat(p.body().exclusions().annualCap()).isEqualTo(3);
            assertThat(p.body().exclusions().excludeHigherLevelChecked()).isFalse();
            assertThat(p.body().joint().cooperating()).containsExactly("市场监管局", "水利局");
            assertThat(p.body().teamSize()).isEqualTo(3);
            assertThat(p.body().capBp()).isEqualTo(5000);
            assertThat(p.body().directed()).isTrue();
        });
        get(operator(XIHUA), "/api/draw/plans/" + created.get(0).id()).expectStatus().isOk()
                .expectBody().jsonPath("$.body.scope.industries[0]").isEqualTo("C26");
    }

    @Test
    void a_ratio_below_the_tenants_minimum_is_refused_naming_the_field_and_nothing_is_stored() {
        web.put().uri("/api/draw/settings/minimum-ratios/" + XIHUA).headers(h -> h.setBearerAuth(head(XIHUA, "head-xh")))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"minRatioBp\":{\"KEY\":2500,\"SPECIAL\":5000}}")
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.minRatioBp.KEY").isEqualTo(2500);
        long before = db.countAsOwner("SELECT count(*) FROM plan");
        post(operator(XIHUA), "/api/draw/plans", plan(YEAR + "Q3", item, "[{\"category\":\"KEY\",\"ratioBp\":1000}]", ""))
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.errors[0].field").isEqualTo("strata[0].ratioBp")
                .jsonPath("$.errors[0].message").value(m -> assertThat((String) m).contains("minimum of 2500 for KEY"));
        assertThat(db.countAsOwner("SELECT count(*) FROM plan")).isEqualTo(before);
    }

    @Test
    void an_operator_cannot_lower_the_minimum() {
        web.put().uri("/api/draw/settings/minimum-ratios/" + XIHUA).headers(h -> h.setBearerAuth(operator(XIHUA)))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"minRatioBp\":{\"KEY\":0}}")
                .exchange().expectStatus().isForbidden();
    }

    @Test
    void an_item_that_is_not_on_the_tenants_item_list_is_refused() {
        post(operator(XIHUA), "/api/draw/plans", plan(YEAR + "Q3", "9b2f1a9e-0000-4000-8000-000000000000",
                "[{\"category\":\"KEY\",\"ratioBp\":3000}]", ""))
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("items[0]")
                .jsonPath("$.errors[0].message").value(m -> assertThat((String) m).contains("unknown item"));
        post(operator(XIHUA), "/api/draw/plans", plan(YEAR + "Q3", cityItem, "[{\"category\":\"KEY\",\"ratioBp\":3000}]", ""))
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("items[0]");
    }

    @Test
    void a_yearly_plan_expands_into_its_four_quarters() {
        List<Plan> quarters = post(operator(XIHUA), "/api/draw/plans",
                plan(String.valueOf(YEAR), item, "[{\"category\":\"KEY\",\"ratioBp\":2500,\"coverage\":true}]", ""))
                .expectStatus().isCreated().expectBodyList(Plan.class).returnResult().getResponseBody();
        assertThat(quarters).extracting(Plan::period).containsExactly(YEAR + "Q1", YEAR + "Q2", YEAR + "Q3", YEAR + "Q4");
        assertThat(quarters).extracting(Plan::series).containsOnly(quarters.get(0).series());
        assertThat(quarters.get(0).id()).isEqualTo(quarters.get(0).series() + "-Q1");
    }

    @Test
    void a_city_plan_is_written_by_the_coordinator_and_draws_only_from_the_citys_districts() {
        List<Plan> created = post(coordinator(CITY), "/api/draw/plans", plan(YEAR + "Q2", cityItem,
                "[{\"category\":\"KEY\",\"ratioBp\":1000}]", ",\"scope\":{\"districts\":[\"411702\",\"411703\"]}"))
                .expectStatus().isCreated().expectBodyList(Plan.class).returnResult().getResponseBody();
        assertThat(created.get(0).level()).isEqualTo(PlanLevel.CITY);
        post(coordinator(CITY), "/api/draw/plans", plan(YEAR + "Q2", cityItem,
                "[{\"category\":\"KEY\",\"ratioBp\":1000}]", ",\"scope\":{\"districts\":[\"411622\"]}"))
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("scope.districts[0]");
        post(token("insp", CITY, "INSPECTOR"), "/api/draw/plans", plan(YEAR + "Q2", cityItem, "[{\"category\":\"KEY\",\"ratioBp\":1000}]", ""))
                .expectStatus().isForbidden();
        get(operator("411702"), "/api/draw/plans/" + created.get(0).id()).expectStatus().isNotFound();
        get(coordinator(CITY), "/api/draw/plans/" + created.get(0).id()).expectStatus().isOk();
    }

    @Test
    @SuppressWarnings("unchecked")
    void every_broken_rule_is_named_at_once() {
        post(operator(XIHUA), "/api/draw/plans", """
                {"title":"","period":"%dQ5","items":[],"strata":[{"category":"KEY","ratioBp":2500,"entitiesPerInspector":5}],
                 "directed":false,"method":"ON_SITE","joint":{"kind":"INTERNAL","initiating":"执法股"},"teamSize":1}"""
                .formatted(YEAR))
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[*].field").value(fields -> assertThat((List<Object>) fields)
                        .contains("title", "period", "items", "strata[0]", "joint.cooperating", "teamSize"));
    }
}
