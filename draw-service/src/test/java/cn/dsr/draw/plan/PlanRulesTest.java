package cn.dsr.draw.plan;

import static cn.dsr.draw.core.eligibility.SupervisionCategory.GENERAL;
import static cn.dsr.draw.core.eligibility.SupervisionCategory.KEY;
import static org.assertj.core.api.Assertions.assertThat;

import cn.dsr.draw.core.eligibility.CreditRisk;
import cn.dsr.draw.core.eligibility.SupervisionCategory;
import cn.dsr.draw.plan.PlanBody.Exclusions;
import cn.dsr.draw.plan.PlanBody.InspectionMethod;
import cn.dsr.draw.plan.PlanBody.Joint;
import cn.dsr.draw.plan.PlanBody.JointKind;
import cn.dsr.draw.plan.PlanBody.Scope;
import cn.dsr.draw.plan.PlanBody.StratumSpec;
import cn.dsr.draw.plan.PlanBody.TeamRules;
import cn.dsr.platform.web.ProblemException.FieldViolation;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlanRulesTest {

    static final String TENANT = "411622";
    static final KnownItem WASTE_GAS = new KnownItem("item-1", TENANT, 2027, "PUBLISHED", "废气排放", List.of("ON_SITE"), List.of());
    static final KnownItem OLD = new KnownItem("item-0", TENANT, 2027, "SUPERSEDED", "旧事项", List.of("ON_SITE"), List.of());
    static final Map<String, KnownItem> ITEMS = Map.of(WASTE_GAS.id(), WASTE_GAS, OLD.id(), OLD);

    static StratumSpec ratio(SupervisionCategory category, int bp) {
        return new StratumSpec(category, null, bp, null, 0, false);
    }

    static PlanRequest plan(List<String> items, List<StratumSpec> strata) {
        return new PlanRequest("二季度抽查", "2027Q2", items, null, strata, null, false, InspectionMethod.ON_SITE, null, 2, null, null);
    }

    static List<String> fields(List<FieldViolation> violations) {
        return violations.stream().map(FieldViolation::field).toList();
    }

    @Test
    void a_complete_plan_passes() {
        PlanRequest p = new PlanRequest("联合抽查", "2027", List.of("item-1"),
                new Scope(List.of(KEY, GENERAL), List.of(CreditRisk.HIGH), List.of("C26"), List.of("水"), List.of(),
                        LocalDate.of(2024, 1, 1), List.of("ACTIVE")),
                List.of(new StratumSpec(KEY, null, 2500, null, 1, true), new StratumSpec(GENERAL, CreditRisk.HIGH, null, 10, 0, false)),
                new Exclusions(3, false, true), true, InspectionMethod.ON_SITE,
                new Joint(JointKind.CROSS_AGENCY, "市场监管局", List.of("水利局")), 3, 5000, new TeamRules(12, false, null));
        assertThat(PlanRules.check(p, TENANT, Map.of(KEY, 2500), ITEMS)).isEmpty();
    }

    @Test
    void a_ratio_below_the_tenants_minimum_is_refused_with_the_minimum() {
        List<FieldViolation> v = PlanRules.check(plan(List.of("item-1"), List.of(ratio(KEY, 2000))), TENANT, Map.of(KEY, 2500), ITEMS);
        assertThat(v).singleElement().satisfies(f -> {
            assertThat(f.field()).isEqualTo("strata[0].ratioBp");
            assertThat(f.message()).contains("below the tenant's minimum of 2500 for KEY");
        });
    }

    @Test
    void an_item_not_on_the_published_list_is_refused() {
        assertThat(fields(PlanRules.check(plan(List.of("nope"), List.of(ratio(KEY, 2500))), TENANT, Map.of(), ITEMS)))
                .containsExactly("items[0]");
        assertThat(fields(PlanRules.check(plan(List.of("item-1", "item-0"), List.of(ratio(KEY, 2500))), TENANT, Map.of(), ITEMS)))
                .containsExactly("items[1]");
        assertThat(fields(PlanRules.check(plan(List.of("item-1"), List.of(ratio(KEY, 2500))), "411623", Map.of(), ITEMS)))
                .as("another district's item").containsExactly("items[0]");
    }

    @Test
    void a_stratum_takes_a_ratio_or_a_one_to_n_rule_and_strata_do_not_overlap() {
        StratumSpec both = new StratumSpec(KEY, null, 2500, 10, 0, false);
        StratumSpec keyHigh = new StratumSpec(KEY, CreditRisk.HIGH, 2500, null, 0, false);
        assertThat(fields(PlanRules.check(plan(List.of("item-1"), List.of(both)), TENANT, Map.of(), ITEMS))).containsExactly("strata[0]");
        assertThat(fields(PlanRules.check(plan(List.of("item-1"), List.of(ratio(KEY, 2500), keyHigh)), TENANT, Map.of(), ITEMS)))
                .containsExactly("strata[1]");
    }

    @Test
    void an_entity_in_scope_must_fall_in_a_stratum() {
        StratumSpec onlyHigh = new StratumSpec(GENERAL, CreditRisk.HIGH, 500, null, 0, false);
        assertThat(PlanRules.check(plan(List.of("item-1"), List.of(onlyHigh)), TENANT, Map.of(), ITEMS))
                .extracting(FieldViolation::message)
                .contains("GENERAL entities of credit risk LOW are in scope but fall in no stratum");
    }

    @Test
    void an_on_site_team_has_two_inspectors_and_a_joint_inspection_names_its_departments() {
        PlanRequest p = new PlanRequest("t", "2027Q2", List.of("item-1"), null, List.of(ratio(KEY, 2500)), null, false,
                InspectionMethod.ON_SITE, new Joint(JointKind.INTERNAL, "执法股", List.of()), 1, 0, null);
        assertThat(fields(PlanRules.check(p, TENANT, Map.of(), ITEMS))).containsExactly("joint.cooperating", "teamSize", "capBp");
    }

    @Test
    void a_team_has_at_most_ten_cross_district_teams_are_a_city_plans_setting_and_an_inspector_takes_a_visit_at_least() {
        PlanRequest p = new PlanRequest("t", "2027Q2", List.of("item-1"), null, List.of(ratio(KEY, 2500)), null, false,
                InspectionMethod.ON_SITE, null, 11, null, new TeamRules(0, true, true));
        assertThat(fields(PlanRules.check(p, TENANT, Map.of(), ITEMS)))
                .containsExactly("teamSize", "team.capacity", "team.crossDistrict");
    }

    @Test
    void a_directed_plan_narrows_the_roster_and_a_non_directed_one_does_not() {
        Scope byIndustry = new Scope(List.of(), List.of(), List.of("C26"), List.of(), List.of(), null, List.of());
        PlanRequest notDirected = new PlanRequest("t", "2027Q2", List.of("item-1"), byIndustry, List.of(ratio(KEY, 2500)), null,
                false, InspectionMethod.ON_SITE, null, 2, null, null);
        PlanRequest directed = new PlanRequest("t", "2027Q2", List.of("item-1"), null, List.of(ratio(KEY, 2500)), null,
                true, InspectionMethod.ON_SITE, null, 2, null, null);
        assertThat(fields(PlanRules.check(notDirected, TENANT, Map.of(), ITEMS))).containsExactly("directed");
        assertThat(fields(PlanRules.check(directed, TENANT, Map.of(), ITEMS))).containsExactly("scope");
    }

    @Test
    void a_city_plan_draws_from_its_own_districts_and_a_district_plan_from_itself() {
        Scope districts = new Scope(List.of(), List.of(), List.of(), List.of(), List.of("411622", "410100"), null, List.of());
        PlanRequest p = new PlanRequest("t", "2027Q2", List.of("item-1"), districts, List.of(ratio(KEY, 1000)), null, false,
                InspectionMethod.ON_SITE, null, 2, null, null);
        KnownItem cityItem = new KnownItem("item-1", "411600", 2027, "PUBLISHED", "x", List.of("ON_SITE"), List.of());
        assertThat(fields(PlanRules.check(p, "411600", Map.of(), Map.of("item-1", cityItem)))).containsExactly("scope.districts[1]");
        assertThat(fields(PlanRules.check(p, TENANT, Map.of(), ITEMS))).containsExactly("scope.districts[1]");
    }
}
