package cn.dsr.draw.core.eligibility;

import cn.dsr.draw.core.draw.Exclusion;
import cn.dsr.draw.core.draw.PopulationEntry;
import cn.dsr.draw.core.draw.Stratum;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.OptionalInt;

import static cn.dsr.draw.core.eligibility.CreditRisk.HIGH;
import static cn.dsr.draw.core.eligibility.CreditRisk.LOW;
import static cn.dsr.draw.core.eligibility.SupervisionCategory.GENERAL;
import static cn.dsr.draw.core.eligibility.SupervisionCategory.KEY;
import static cn.dsr.draw.core.eligibility.SupervisionCategory.SPECIAL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EligibilityTest {

    private static final EligibilityRules RULES = EligibilityRules.defaults();

    private static Candidate candidate(String entity, SupervisionCategory category) {
        return new Candidate(entity, category, CreditRisk.GENERAL, false, false, 0, false, false);
    }

    private static Candidate drawnTimes(String entity, SupervisionCategory category, int times) {
        return new Candidate(entity, category, CreditRisk.GENERAL, false, false, times, true, false);
    }

    private static final List<StratumRule> BY_CATEGORY = List.of(
            StratumRule.of(KEY, 2500, 0, true), StratumRule.of(SPECIAL, 5000, 0, false), StratumRule.of(GENERAL, 500, 1, false));

    @Test
    void a_stratum_id_names_the_plan_the_category_and_the_risk_level_when_weighted() {
        assertThat(StratumRule.of(KEY, 2500, 0, true).stratumId("411622-2026Q2-P001")).isEqualTo("411622-2026Q2-P001/KEY");
        assertThat(StratumRule.of(GENERAL, HIGH, 500, 0, false).stratumId("P")).isEqualTo("P/GENERAL/HIGH");
    }

    @Test
    void a_general_entity_drawn_twice_this_year_is_excluded_by_the_annual_cap() {
        assertThat(Eligibility.reason(RULES, drawnTimes("A", GENERAL, 1))).isEmpty();
        assertThat(Eligibility.reason(RULES, drawnTimes("A", GENERAL, 2))).contains(ExclusionReason.ANNUAL_CAP);
        assertThat(Eligibility.reason(RULES, drawnTimes("A", KEY, 2))).contains(ExclusionReason.ANNUAL_CAP);
    }

    @Test
    void special_entities_are_exempt_from_the_annual_cap() {
        assertThat(Eligibility.reason(RULES, drawnTimes("A", SPECIAL, 7))).isEmpty();
    }

    @Test
    void the_annual_cap_is_a_setting_and_may_be_off() {
        EligibilityRules threeAYear = new EligibilityRules(OptionalInt.of(3), true, true);
        EligibilityRules noCap = new EligibilityRules(OptionalInt.empty(), true, true);
        assertThat(Eligibility.reason(threeAYear, drawnTimes("A", GENERAL, 2))).isEmpty();
        assertThat(Eligibility.reason(noCap, drawnTimes("A", GENERAL, 50))).isEmpty();
        assertThatThrownBy(() -> new EligibilityRules(OptionalInt.of(0), true, true)).hasMessageContaining("below 1");
    }

    @Test
    void checked_by_a_higher_level_without_problem_is_excluded_only_when_the_rules_say_so() {
        Candidate c = new Candidate("A", GENERAL, LOW, false, false, 0, true, true);
        assertThat(Eligibility.reason(RULES, c)).contains(ExclusionReason.HIGHER_LEVEL_CHECKED);
        assertThat(Eligibility.reason(new EligibilityRules(OptionalInt.of(2), false, true), c)).isEmpty();
    }

    @Test
    void positive_list_entities_go_off_site_when_the_rules_send_them_there() {
        Candidate c = new Candidate("A", GENERAL, LOW, true, false, 0, false, false);
        assertThat(Eligibility.reason(RULES, c)).contains(ExclusionReason.OFF_SITE);
        assertThat(Eligibility.reason(new EligibilityRules(OptionalInt.of(2), true, false), c)).isEmpty();
        Candidate offSite = new Candidate("B", SPECIAL, LOW, false, true, 0, false, false);
        assertThat(Eligibility.reason(new EligibilityRules(OptionalInt.of(2), true, false), offSite))
                .contains(ExclusionReason.OFF_SITE);
    }

    @Test
    void when_several_reasons_apply_the_first_in_precedence_order_is_recorded() {
        Candidate all = new Candidate("A", GENERAL, LOW, true, true, 5, true, true);
        assertThat(Eligibility.reason(RULES, all)).contains(ExclusionReason.OFF_SITE);
        Candidate capAndHigher = new Candidate("A", GENERAL, LOW, false, false, 5, true, true);
        assertThat(Eligibility.reason(RULES, capAndHigher)).contains(ExclusionReason.HIGHER_LEVEL_CHECKED);
    }

    @Test
    void builds_sorted_populations_per_stratum_and_a_sorted_exclusion_list() {
        PlanScope plan = new PlanScope("2025-07", BY_CATEGORY, List.of(
                candidate("C", KEY), candidate("A", KEY), drawnTimes("B", KEY, 1),
                candidate("E", GENERAL), drawnTimes("D", GENERAL, 2),
                new Candidate("F", GENERAL, LOW, true, false, 0, false, false),
                drawnTimes("G", SPECIAL, 4)));
        EligibleStrata result = Eligibility.apply(RULES, List.of(plan));
        assertThat(result.strata()).extracting(Stratum::id)
                .containsExactly("2025-07/KEY", "2025-07/SPECIAL", "2025-07/GENERAL");
        assertThat(result.strata().get(0).population()).containsExactly(
                new PopulationEntry("A", false), new PopulationEntry("B", true), new PopulationEntry("C", false));
        assertThat(result.strata().get(0).coverage()).isTrue();
        assertThat(result.strata().get(1).population()).containsExactly(new PopulationEntry("G", true));
        assertThat(result.strata().get(2).population()).containsExactly(new PopulationEntry("E", false));
        assertThat(result.strata().get(2).minCount()).isEqualTo(1);
        assertThat(result.excluded()).containsExactly(new Exclusion("D", "ANNUAL_CAP"), new Exclusion("F", "OFF_SITE"));
    }

    @Test
    void credit_risk_strata_are_named_plan_category_risk() {
        PlanScope plan = new PlanScope("P", List.of(StratumRule.of(KEY, HIGH, 5000, 0, true), StratumRule.of(KEY, LOW, 1000, 0, true)),
                List.of(new Candidate("A", KEY, HIGH, false, false, 0, false, false),
                        new Candidate("B", KEY, LOW, false, false, 0, false, false)));
        assertThat(Eligibility.apply(RULES, List.of(plan)).strata()).extracting(Stratum::id)
                .containsExactly("P/KEY/HIGH", "P/KEY/LOW");
    }

    @Test
    void an_entity_in_two_plans_is_in_both_populations_and_excluded_once() {
        Candidate capped = drawnTimes("X", GENERAL, 2);
        PlanScope air = new PlanScope("air", List.of(StratumRule.of(GENERAL, 500, 0, false)), List.of(capped, candidate("Y", GENERAL)));
        PlanScope water = new PlanScope("water", List.of(StratumRule.of(GENERAL, 500, 0, false)), List.of(capped, candidate("Y", GENERAL)));
        EligibleStrata result = Eligibility.apply(RULES, List.of(air, water));
        assertThat(result.strata()).allSatisfy(s -> assertThat(s.population()).containsExactly(new PopulationEntry("Y", false)));
        assertThat(result.excluded()).containsExactly(new Exclusion("X", "ANNUAL_CAP"));
    }

    @Test
    void a_plan_refuses_overlapping_strata_and_candidates_no_stratum_takes() {
        assertThatThrownBy(() -> new PlanScope("P", List.of(StratumRule.of(KEY, 1, 0, false), StratumRule.of(KEY, HIGH, 1, 0, false)), List.of()))
                .hasMessageContaining("overlap");
        assertThatThrownBy(() -> new PlanScope("P", List.of(StratumRule.of(KEY, 1, 0, false)), List.of(candidate("A", GENERAL))))
                .hasMessageContaining("candidate A (GENERAL/GENERAL) falls in no stratum");
    }

    @Test
    void two_plans_must_describe_an_entity_alike() {
        PlanScope a = new PlanScope("a", List.of(StratumRule.of(GENERAL, 1, 0, false)), List.of(drawnTimes("X", GENERAL, 0)));
        PlanScope b = new PlanScope("b", List.of(StratumRule.of(GENERAL, 1, 0, false)), List.of(drawnTimes("X", GENERAL, 1)));
        assertThatThrownBy(() -> Eligibility.apply(RULES, List.of(a, b))).hasMessageContaining("described differently");
    }
}
