package cn.dsr.draw.draw;

import static org.assertj.core.api.Assertions.assertThat;

import cn.dsr.draw.core.draw.DeclaredSource;
import cn.dsr.draw.core.draw.DrawInput;
import cn.dsr.draw.core.eligibility.CreditRisk;
import cn.dsr.draw.core.eligibility.SupervisionCategory;
import cn.dsr.draw.core.matching.MatchingInput;
import cn.dsr.draw.core.matching.MatchingInput.PlanSettings;
import cn.dsr.draw.draw.Freezing.TeamRoster;
import cn.dsr.draw.draw.FrozenPlan.FrozenStratum;
import cn.dsr.draw.plan.Period;
import cn.dsr.draw.plan.Plan;
import cn.dsr.draw.plan.PlanBody;
import cn.dsr.draw.plan.PlanBody.Exclusions;
import cn.dsr.draw.plan.PlanBody.InspectionMethod;
import cn.dsr.draw.plan.PlanBody.Scope;
import cn.dsr.draw.plan.PlanBody.StratumSpec;
import cn.dsr.draw.plan.PlanBody.TeamRules;
import cn.dsr.draw.plan.PlanLevel;
import cn.dsr.draw.plan.PlanStatus;
import cn.dsr.draw.replica.ReplicatedEntity;
import cn.dsr.draw.replica.ReplicatedInspector;
import cn.dsr.draw.replica.RosterSnapshot.History;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FreezingTest {

    static final String COMMITMENT = "7267fe29d7d89342c7dde887ec28a128d4b18c1dc16944479df68fbd05b45eb8";

    static ReplicatedEntity entity(String uscc, String tenant, String category, String risk, String industry, List<String> labels,
                                   String status, LocalDate registered) {
        return new ReplicatedEntity("id-" + uscc, tenant, uscc, "企业", "地址", tenant, status, registered, industry, category,
                false, risk, false, labels, 1);
    }

    static ReplicatedEntity general(String uscc) {
        return entity(uscc, "411622", "GENERAL", "LOW", "C2614", List.of("水"), "ACTIVE", LocalDate.of(2020, 1, 1));
    }

    static Plan plan(String id, String tenant, Scope scope, Exclusions exclusions) {
        PlanBody body = new PlanBody(List.of("item"), scope, List.of(new StratumSpec(SupervisionCategory.GENERAL, null, 5000, null, 0, false)),
                exclusions, true, InspectionMethod.ON_SITE, null, 2, 10_000, null);
        return new Plan(id, tenant, PlanLevel.of(tenant), "2027Q2", null, PlanStatus.DRAFT, "t", body, null, "op", null);
    }

    static final List<FrozenStratum> GENERAL_ONLY = List.of(
            new FrozenStratum("P/GENERAL", "GENERAL", null, 5000, null, null, null, 0, false));

    @Test
    void a_directed_scope_takes_only_entities_of_its_industry_tags_and_registration_date() {
        Scope scope = new Scope(List.of(), List.of(CreditRisk.LOW, CreditRisk.GENERAL), List.of("C26"), List.of("水", "气"), List.of(),
                LocalDate.of(2024, 1, 1), List.of());
        Plan p = plan("P", "411622", scope, null);
        assertThat(Freezing.inScope(p, GENERAL_ONLY, general("A"))).isTrue();
        assertThat(Freezing.inScope(p, GENERAL_ONLY, entity("B", "411622", "GENERAL", "LOW", "C3011", List.of("水"), "ACTIVE",
                LocalDate.of(2020, 1, 1)))).as("another industry").isFalse();
        assertThat(Freezing.inScope(p, GENERAL_ONLY, entity("C", "411622", "GENERAL", "LOW", "C2614", List.of("固废"), "ACTIVE",
                LocalDate.of(2020, 1, 1)))).as("no tag of the scope").isFalse();
        assertThat(Freezing.inScope(p, GENERAL_ONLY, entity("D", "411622", "GENERAL", "LOW", "C2614", List.of("水"), "ACTIVE",
                LocalDate.of(2024, 1, 1)))).as("registered on the date, not before it").isFalse();
        assertThat(Freezing.inScope(p, GENERAL_ONLY, entity("E", "411622", "GENERAL", "HIGH", "C2614", List.of("水"), "ACTIVE",
                LocalDate.of(2020, 1, 1)))).as("a credit risk outside the scope").isFalse();
        assertThat(Freezing.inScope(p, GENERAL_ONLY, entity("F", "411622", "GENERAL", null, "C2614", List.of("水"), "ACTIVE",
                LocalDate.of(2020, 1, 1)))).as("no rating counts as general risk").isTrue();
    }

    @Test
    void only_active_entities_of_the_plans_own_district_and_stratified_categories_are_in_scope_by_default() {
        Plan p = plan("P", "411622", null, null);
        assertThat(Freezing.inScope(p, GENERAL_ONLY, general("A"))).isTrue();
        assertThat(Freezing.inScope(p, GENERAL_ONLY, entity("B", "411623", "GENERAL", "LOW", null, List.of(), "ACTIVE", null))).isFalse();
        assertThat(Freezing.inScope(p, GENERAL_ONLY, entity("C", "411622", "GENERAL", "LOW", null, List.of(), "CLOSED", null))).isFalse();
        assertThat(Freezing.inScope(p, GENERAL_ONLY, entity("D", "411622", "KEY", "LOW", null, List.of(), "ACTIVE", null))).isFalse();
    }

    @Test
    void a_city_plan_takes_the_districts_it_names_within_the_city() {
        Plan p = plan("P", "411600", new Scope(List.of(), List.of(), List.of(), List.of(), List.of("411622"), null, List.of()), null);
        assertThat(Freezing.inScope(p, GENERAL_ONLY, general("A"))).isTrue();
        assertThat(Freezing.inScope(p, GENERAL_ONLY, entity("B", "411623", "GENERAL", "LOW", null, List.of(), "ACTIVE", null))).isFalse();
        Plan whole = plan("P", "411600", null, null);
        assertThat(Freezing.inScope(whole, GENERAL_ONLY, entity("B", "411623", "GENERAL", "LOW", null, List.of(), "ACTIVE", null))).isTrue();
        assertThat(Freezing.inScope(whole, GENERAL_ONLY, entity("C", "411723", "GENERAL", "LOW", null, List.of(), "ACTIVE", null))).isFalse();
    }

    @Test
    void the_input_lists_the_excluded_with_their_reasons_and_records_the_roster_revision() {
        Plan p = plan("P", "411622", null, null);
        FrozenPlan frozen = new FrozenPlan("P", InspectionMethod.ON_SITE, null, 2, 10_000, null, List.of(), GENERAL_ONLY);
        History history = new History(Map.of("B", 2), Set.of("A"), Set.of());
        DrawInput input = Freezing.input("411622-2027Q2-D001", "411622", Period.parse("2027Q2"), "411622-roster-r9",
                List.of(DeclaredSource.party("a", COMMITMENT), DeclaredSource.party("b", COMMITMENT)), List.of(p), Map.of("P", frozen),
                p.body().exclusions().rules(), List.of(general("A"), general("B")), history, NO_TEAM);
        assertThat(input.rosterRevision()).isEqualTo("411622-roster-r9");
        assertThat(input.periodsLeftInYear()).isEqualTo(3);
        assertThat(input.excluded()).singleElement().satisfies(x -> {
            assertThat(x.entity()).isEqualTo("B");
            assertThat(x.reason()).isEqualTo("ANNUAL_CAP");
        });
        assertThat(input.strata().get(0).population()).singleElement().satisfies(e -> assertThat(e.covered()).isTrue());
    }

    static final TeamRoster NO_TEAM = new TeamRoster(List.of(), Map.of(), Map.of());

    @Test
    void an_on_site_draw_freezes_the_inspectors_the_conflicts_in_force_and_each_entitys_last_team() {
        Plan p = plan("P", "411622", null, null);
        FrozenPlan frozen = new FrozenPlan("P", InspectionMethod.ON_SITE, null, 3, 2500, new TeamRules(8, true, false),
                List.of(new FrozenPlan.FrozenItem("i1", "废水", List.of("水", "大气")), new FrozenPlan.FrozenItem("i2", "噪声", List.of("水"))),
                GENERAL_ONLY);
        TeamRoster team = new TeamRoster(List.of(
                new ReplicatedInspector("y-expert", "411622", "专家乙", "EXPERT", "IN_POST", null, List.of("水"), "411622"),
                new ReplicatedInspector("x-officer", "411622", "执法员甲", "OFFICER", "LEAVE", LocalDate.of(2027, 6, 29),
                        List.of("水", "大气", "水"), "411621")),
                Map.of("A", Set.of("y-expert")), Map.of("A", List.of("x-officer", "x-officer")));
        DrawInput input = Freezing.input("411622-2027Q2-D001", "411622", Period.parse("2027Q2"), "411622-roster-r9",
                List.of(DeclaredSource.party("a", COMMITMENT), DeclaredSource.party("b", COMMITMENT)), List.of(p), Map.of("P", frozen),
                p.body().exclusions().rules(), List.of(general("A"), general("B")), new History(Map.of(), Set.of(), Set.of()), team);
        MatchingInput m = MatchingInput.of(input);
        assertThat(m.validThrough()).as("certificates must last the quarter").isEqualTo("2027-06-30");
        assertThat(m.plans()).singleElement().isEqualTo(new PlanSettings("P", List.of("P/GENERAL"), 3, 2500,
                List.of("大气", "水"), true, false));
        assertThat(m.inspectors()).extracting(MatchingInput.Inspector::inspector).containsExactly("x-officer", "y-expert");
        assertThat(m.inspectors().get(0)).isEqualTo(new MatchingInput.Inspector("x-officer", "OFFICER", "LEAVE",
                Optional.of("2027-06-29"), List.of("大气", "水"), "411621", 8));
        assertThat(m.entities()).extracting(MatchingInput.EntityFacts::entity).containsExactly("A", "B");
        assertThat(m.entities().get(0)).isEqualTo(new MatchingInput.EntityFacts("A", "411622", List.of("y-expert"), List.of("x-officer")));
    }

    @Test
    void a_written_check_draws_entities_only() {
        Plan p = plan("P", "411622", null, null);
        FrozenPlan frozen = new FrozenPlan("P", InspectionMethod.WRITTEN, null, 2, 10_000, null, List.of(), GENERAL_ONLY);
        DrawInput input = Freezing.input("411622-2027Q2-D001", "411622", Period.parse("2027Q2"), "411622-roster-r9",
                List.of(DeclaredSource.party("a", COMMITMENT), DeclaredSource.party("b", COMMITMENT)), List.of(p), Map.of("P", frozen),
                p.body().exclusions().rules(), List.of(general("A")), new History(Map.of(), Set.of(), Set.of()), NO_TEAM);
        assertThat(input.matching()).isEmpty();
    }

    @Test
    void a_draw_one_insider_could_steer_is_refused() {
        DeclaredSource bureau = DeclaredSource.party("bureau", COMMITMENT);
        assertThat(Freezing.weakSources(List.of(bureau))).isPresent();
        assertThat(Freezing.weakSources(List.of(bureau, DeclaredSource.party("observer", COMMITMENT)))).isEmpty();
        assertThat(Freezing.weakSources(List.of(bureau, DeclaredSource.publicValue("lottery:fc3d:2027-03-27")))).isEmpty();
    }

    @Test
    void plans_with_different_exclusion_settings_cannot_share_a_draw() {
        Plan capTwo = plan("A", "411622", null, null);
        Plan capThree = plan("B", "411622", null, new Exclusions(3, true, true));
        assertThat(Freezing.sharedRules(List.of(capTwo, plan("C", "411622", null, Exclusions.DEFAULTS)))).isPresent();
        assertThat(Freezing.sharedRules(List.of(capTwo, capThree))).isEmpty();
    }
}
