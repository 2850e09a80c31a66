package cn.dsr.draw.core.matching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.dsr.draw.core.draw.DrawInput;
import cn.dsr.draw.core.draw.EntityDraw;
import cn.dsr.draw.core.draw.Fixtures;
import cn.dsr.draw.core.draw.PopulationEntry;
import cn.dsr.draw.core.draw.Selected;
import cn.dsr.draw.core.draw.Stratum;
import cn.dsr.draw.core.matching.MatchingInput.EntityFacts;
import cn.dsr.draw.core.matching.MatchingInput.Inspector;
import cn.dsr.draw.core.matching.MatchingInput.PlanSettings;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

class MatchingTest {

    static Inspector officer(String id, String district, String... skills) {
        return new Inspector(id, "OFFICER", "IN_POST", Optional.of("2027-12-31"), List.of(skills), district, 5);
    }

    static Inspector expert(String id, String district, String... skills) {
        return new Inspector(id, "EXPERT", "IN_POST", Optional.empty(), List.of(skills), district, 5);
    }

    static Inspector with(Inspector i, String status, Optional<String> certificate, int capacity) {
        return new Inspector(i.inspector(), i.kind(), status, certificate, i.expertise(), i.district(), capacity);
    }

    static EntityFacts entity(String id, String district, List<String> conflicts, List<String> previous) {
        return new EntityFacts(id, district, conflicts, previous);
    }

    /** Every listed entity is drawn (ratio 100 %) into one plan's stratum. */
    static DrawInput input(PlanSettings plan, List<Inspector> inspectors, List<EntityFacts> entities) {
        List<PopulationEntry> population = entities.stream().map(e -> new PopulationEntry(e.entity(), false)).toList();
        MatchingInput m = new MatchingInput(Rosters.VALID_THROUGH, List.of(plan), inspectors, entities);
        return new DrawInput("d-1", "411600", "2025Q2", 3, "r1", List.of(),
                List.of(new Stratum("P1/KEY", 10_000, 0, false, population)), List.of(), Optional.of(m.toJson()));
    }

    static PlanSettings plan(int teamSize, List<String> expertise, boolean rotation, boolean cross) {
        return new PlanSettings("P1", List.of("P1/KEY"), teamSize, 10_000, expertise, rotation, cross);
    }

    static Matching matching(DrawInput input, long seed) {
        byte[] s = Fixtures.seed(seed);
        return new Matching(MatchingInput.of(input), s, EntityDraw.select(input, s));
    }

    @Test
    void every_exclusion_carries_its_reason_in_precedence_order() {
        List<Inspector> roster = List.of(
                officer("A", "411622", "WATER"),
                with(officer("B", "411621", "WATER"), "LEAVE", Optional.of("2027-12-31"), 5),
                with(officer("C", "411621", "WATER"), "IN_POST", Optional.of("2025-06-29"), 5),
                with(officer("D", "411621", "WATER"), "IN_POST", Optional.empty(), 5),
                with(officer("E", "411621", "WATER"), "IN_POST", Optional.of("2027-12-31"), 0),
                officer("F", "411621", "WATER"),
                officer("G", "411621", "WATER"),
                officer("H", "411623", "WATER"),
                expert("X", "411623", "WATER"),
                officer("Y", "411623", "AIR"),
                officer("Z", "411623", "WATER"));
        DrawInput in = input(plan(3, List.of("AIR", "WATER"), true, true),
                roster, List.of(entity("E1", "411622", List.of("F"), List.of("F", "G"))));
        Matching m = matching(in, 1);
        assertThat(m.reason("A", "E1", 0)).isEqualTo(Reason.SAME_DISTRICT);
        assertThat(m.reason("B", "E1", 0)).isEqualTo(Reason.NOT_IN_POST);
        assertThat(m.reason("C", "E1", 0)).as("certificate lapses a day before the period ends").isEqualTo(Reason.CERTIFICATE);
        assertThat(m.reason("D", "E1", 0)).isEqualTo(Reason.CERTIFICATE);
        assertThat(m.reason("E", "E1", 0)).isEqualTo(Reason.NO_CAPACITY);
        assertThat(m.reason("F", "E1", 0)).as("a conflict outranks rotation").isEqualTo(Reason.CONFLICT);
        assertThat(m.reason("G", "E1", 0)).isEqualTo(Reason.ROTATION);
        assertThat(m.reason("X", "E1", 1)).isEqualTo(Reason.NOT_OFFICER);
        assertThat(m.reason("X", "E1", 2)).as("an expert may be added in the third slot").isNull();
        assertThat(m.reason("H", "E1", 0)).as("slot 0 must cover AIR").isEqualTo(Reason.EXPERTISE);
        assertThat(m.reason("Y", "E1", 0)).isNull();
        assertThat(m.reason("H", "E1", 1)).isNull();
    }

    @Test
    void an_expert_never_counts_towards_the_two_officers_and_the_record_counts_every_exclusion() {
        List<Inspector> roster = List.of(expert("A1", "411621"), expert("A2", "411621"), officer("O1", "411621"),
                officer("O2", "411621"), officer("O3", "411622"),
                with(officer("O4", "411621"), "RETIRED", Optional.of("2027-12-31"), 5), officer("O5", "411621"));
        DrawInput in = input(plan(3, List.of(), false, false), roster,
                List.of(entity("E1", "411621", List.of("O3"), List.of())));
        Set<String> added = new HashSet<>();
        for (int seed = 0; seed < 30; seed++) {
            Assignment a = matching(in, seed).assign().get(0);
            assertThat(a.team().subList(0, 2)).as("the two officer slots").allMatch(i -> i.startsWith("O"));
            assertThat(a.excluded()).isEqualTo(Map.of(Reason.CONFLICT, 1, Reason.NOT_IN_POST, 1));
            assertThat(a.slots()).extracting(Assignment.Slot::eligible).containsExactly(3, 3, 5);
            added.add(a.team().get(2));
        }
        assertThat(added).as("the third slot takes experts and officers alike").contains("A1", "A2", "O5");
    }

    @Test
    void expertise_nobody_eligible_has_leaves_the_visit_unstaffed_and_the_draw_is_refused() {
        List<Inspector> roster = List.of(expert("A1", "411621", "AIR"), officer("O1", "411621"),
                officer("O2", "411621"), officer("O3", "411622", "WATER"));
        DrawInput in = input(plan(3, List.of("WATER"), false, false), roster,
                List.of(entity("E1", "411621", List.of("O3"), List.of())));
        assertThatThrownBy(() -> matching(in, 1).assign()).isInstanceOfSatisfying(MatchingInfeasibleException.class, e -> {
            assertThat(e.unstaffed()).singleElement().satisfies(u -> {
                assertThat(u.entity()).isEqualTo("E1");
                assertThat(u.slot()).isZero();
                assertThat(u.constraint()).isEqualTo(Unstaffed.NO_ELIGIBLE);
                assertThat(u.excluded()).containsEntry(Reason.CONFLICT, 1);
                assertThat(u.explain()).contains("officer, WATER").contains("CONFLICT 1");
            });
        });
    }

    @Test
    void an_expert_covers_the_expertise_no_officer_has_and_the_two_officers_still_stand() {
        List<Inspector> roster = List.of(expert("A1", "411621", "WATER"), officer("O1", "411621"),
                officer("O2", "411621"), officer("O3", "411622"));
        DrawInput in = input(plan(3, List.of("WATER"), false, false), roster,
                List.of(entity("E1", "411621", List.of("O3"), List.of())));
        for (int seed = 0; seed < 10; seed++) {
            Assignment a = matching(in, seed).assign().get(0);
            assertThat(a.team()).containsExactlyInAnyOrder("O1", "O2", "A1");
            assertThat(a.slots().get(2).expertise()).as("WATER laid on the slot the expert can take").containsExactly("WATER");
            assertThat(HardConstraints.violations(in, EntityDraw.select(in, Fixtures.seed(seed)), List.of(a))).isEmpty();
        }
    }

    @Test
    void a_visit_whose_only_lawful_team_has_one_member_covering_two_expertise_tags_is_staffed() {
        // The slot model would want AIR in slot 0 and WATER in slot 1; only A has either, so A covers both.
        List<Inspector> roster = List.of(officer("A", "411621", "AIR", "WATER"), officer("B", "411621"),
                expert("X", "411621", "AIR", "WATER"));
        DrawInput in = input(plan(2, List.of("AIR", "WATER"), false, false), roster,
                List.of(entity("E1", "411621", List.of(), List.of())));
        for (int seed = 0; seed < 10; seed++) {
            Assignment a = matching(in, seed).assign().get(0);
            assertThat(a.team()).containsExactlyInAnyOrder("A", "B");
            assertThat(a.slots()).extracting(Assignment.Slot::expertise)
                    .containsExactly(List.of("AIR", "WATER"), List.of());
            assertThat(a.team().get(0)).isEqualTo("A");
        }
    }

    @Test
    void layouts_are_searched_across_visits_so_capacity_goes_where_only_it_can_serve() {
        // E1 and E2 need AIR and WATER. A covers both but can take one visit; C has AIR, D has WATER.
        // Whichever visit A takes covers both tags with A; the other needs C and D as separate members.
        List<Inspector> roster = List.of(with(officer("A", "411621", "AIR", "WATER"), "IN_POST", Optional.of("2027-12-31"), 1),
                with(officer("B", "411621"), "IN_POST", Optional.of("2027-12-31"), 1),
                with(officer("C", "411621", "AIR"), "IN_POST", Optional.of("2027-12-31"), 1),
                with(officer("D", "411621", "WATER"), "IN_POST", Optional.of("2027-12-31"), 1));
        DrawInput in = input(plan(2, List.of("AIR", "WATER"), false, false), roster, List.of(
                entity("E1", "411621", List.of(), List.of()), entity("E2", "411621", List.of(), List.of())));
        for (int seed = 0; seed < 10; seed++) {
            List<Assignment> teams = matching(in, seed).assign();
            assertThat(teams).extracting(a -> Set.copyOf(a.team())).containsExactlyInAnyOrder(Set.of("A", "B"), Set.of("C", "D"));
            assertThat(HardConstraints.violations(in, EntityDraw.select(in, Fixtures.seed(seed)), teams)).isEmpty();
        }
    }

    @Test
    void conflicts_leaving_one_officer_make_the_team_the_binding_constraint() {
        List<Inspector> roster = List.of(officer("O1", "411621"), officer("O2", "411621"), officer("O3", "411621"));
        DrawInput in = input(plan(2, List.of(), false, false), roster,
                List.of(entity("E1", "411621", List.of("O1", "O2"), List.of())));
        assertThatThrownBy(() -> matching(in, 1).assign()).isInstanceOfSatisfying(MatchingInfeasibleException.class,
                e -> assertThat(e.unstaffed()).extracting(Unstaffed::constraint).containsOnly(Unstaffed.TEAM));
    }

    @Test
    void too_little_capacity_for_all_visits_is_refused_naming_capacity_not_relaxed() {
        List<Inspector> roster = List.of(with(officer("O1", "411621"), "IN_POST", Optional.of("2027-12-31"), 1),
                with(officer("O2", "411621"), "IN_POST", Optional.of("2027-12-31"), 1),
                with(officer("O3", "411621"), "IN_POST", Optional.of("2027-12-31"), 1));
        DrawInput in = input(plan(2, List.of(), false, false), roster, List.of(
                entity("E1", "411621", List.of(), List.of()), entity("E2", "411621", List.of(), List.of())));
        assertThatThrownBy(() -> matching(in, 1).assign()).isInstanceOfSatisfying(MatchingInfeasibleException.class,
                e -> assertThat(e.unstaffed()).singleElement().extracting(Unstaffed::constraint).isEqualTo(Unstaffed.CAPACITY));
    }

    @Test
    void when_the_random_picks_dead_end_an_augmenting_path_completes_the_team_and_flags_it() {
        // AIR falls to slot 0, WATER to slot 1. Only A has WATER; if slot 0 picks A, slot 1 is left open until A moves.
        List<Inspector> roster = List.of(officer("A", "411621", "AIR", "WATER"), officer("B", "411621", "AIR"));
        DrawInput in = input(plan(2, List.of("AIR", "WATER"), false, false), roster,
                List.of(entity("E1", "411621", List.of(), List.of())));
        Set<String> flags = new HashSet<>();
        for (int seed = 0; seed < 20; seed++) {
            Assignment a = matching(in, seed).assign().get(0);
            assertThat(a.team()).containsExactly("B", "A");
            flags.addAll(a.flags());
        }
        assertThat(flags).contains(Assignment.REPAIRED);
    }

    @Test
    void a_complete_assignment_is_found_exactly_when_one_exists() {
        Random r = new Random(11);
        int feasible = 0;
        int beyondSlots = 0;
        for (int n = 0; n < 400; n++) {
            List<Inspector> roster = new ArrayList<>();
            int size = 3 + r.nextInt(4);
            for (int i = 0; i < size; i++) {
                TreeSet<String> skills = new TreeSet<>();
                for (String skill : List.of("AIR", "WATER", "SOIL")) {
                    if (r.nextInt(3) == 0) skills.add(skill);
                }
                Inspector base = r.nextInt(4) == 0 ? expert("I" + i, "411621", skills.toArray(String[]::new))
                        : officer("I" + i, "411621", skills.toArray(String[]::new));
                roster.add(with(base, "IN_POST", base.certificateValidUntil(), 1 + r.nextInt(2)));
            }
            List<EntityFacts> entities = new ArrayList<>();
            int visits = 1 + r.nextInt(3);
            for (int e = 0; e < visits; e++) {
                entities.add(entity("E" + e, "411621", r.nextBoolean() ? List.of("I" + r.nextInt(size)) : List.of(), List.of()));
            }
            List<String> skills = List.of(List.of("WATER"), List.of("AIR", "WATER"), List.of("AIR", "SOIL", "WATER"))
                    .get(r.nextInt(3));
            DrawInput in = input(plan(2 + r.nextInt(2), skills, false, false), roster, entities);
            boolean exists = BruteForce.completeAssignmentExists(MatchingInput.of(in));
            boolean found;
            try {
                List<Assignment> teams = matching(in, n).assign();
                assertThat(HardConstraints.violations(in, EntityDraw.select(in, Fixtures.seed(n)), teams)).isEmpty();
                found = true;
            } catch (MatchingInfeasibleException e) {
                found = false;
            }
            assertThat(found).as("instance %d", n).isEqualTo(exists);
            feasible += exists ? 1 : 0;
            beyondSlots += exists && !SlotModel.completeAssignmentExists(MatchingInput.of(in)) ? 1 : 0;
        }
        assertThat(feasible).as("both outcomes are exercised").isBetween(50, 350);
        assertThat(beyondSlots).as("inputs only a member covering several slots' tags can staff").isGreaterThan(10);
    }

    @Test
    void the_same_seed_gives_the_same_teams_and_another_seed_other_teams() {
        DrawInput in = Rosters.input(new Rosters.Shape(1, 40, 5000, 50, 3, 3, 5000, 4, 2, true, false, 6, 5, 20), 5);
        String once = matching(in, 1).assign().toString();
        assertThat(matching(in, 1).assign().toString()).isEqualTo(once);
        assertThat(matching(in, 2).assign().toString()).isNotEqualTo(once);
    }

    @Test
    void a_substitute_is_drawn_from_the_seed_among_eligible_inspectors_never_the_replaced_one() {
        DrawInput in = Rosters.input(new Rosters.Shape(1, 30, 5000, 40, 3, 2, 5000, 4, 1, true, false, 6, 5, 20), 8);
        byte[] seed = Fixtures.seed(3);
        List<Selected> selected = EntityDraw.select(in, seed);
        Matching m = new Matching(MatchingInput.of(in), seed, selected);
        List<Assignment> teams = m.assign();
        Map<String, List<String>> current = new java.util.LinkedHashMap<>();
        teams.forEach(a -> current.put(a.entity(), a.team()));
        Assignment visit = teams.get(0);
        String replaced = visit.team().get(1);
        Matching.Substitute s = m.replace(1, visit.entity(), replaced, current, Set.of(replaced));
        assertThat(s.slot()).isEqualTo(1);
        assertThat(s.inspector()).isNotEqualTo(replaced).isNotIn(visit.team());
        assertThat(m.reason(s.inspector(), visit.entity(), 1)).isNull();
        assertThat(new Matching(MatchingInput.of(in), seed, selected).replace(1, visit.entity(), replaced, current,
                Set.of(replaced))).as("recomputable").isEqualTo(s);
        assertThat(m.replace(2, visit.entity(), replaced, current, Set.of(replaced)).candidates()).isEqualTo(s.candidates());
    }
}
