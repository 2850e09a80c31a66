package cn.dsr.draw.core.eligibility;

import cn.dsr.draw.core.draw.DrawInput;
import cn.dsr.draw.core.draw.DrawRecord;
import cn.dsr.draw.core.draw.EntityDraw;
import cn.dsr.draw.core.draw.Exclusion;
import cn.dsr.draw.core.draw.Randomness;
import cn.dsr.draw.core.draw.RandomnessValue;
import cn.dsr.draw.core.draw.Selected;
import cn.dsr.draw.core.draw.Stratum;
import cn.dsr.draw.core.json.Jcs;
import cn.dsr.draw.core.verify.Verifier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static cn.dsr.draw.core.eligibility.SupervisionCategory.GENERAL;
import static cn.dsr.draw.core.eligibility.SupervisionCategory.KEY;
import static cn.dsr.draw.core.eligibility.SupervisionCategory.SPECIAL;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A county's year: four quarterly draws of one plan (key 25% with coverage, special 50%,
 * general 60% so that the annual cap bites), the roster updated after each draw.
 */
class YearOfQuarterlyDrawsTest {

    private static final EligibilityRules RULES = EligibilityRules.defaults();
    private static final List<StratumRule> PLAN = List.of(
            StratumRule.of(KEY, 2500, 0, true),
            StratumRule.of(SPECIAL, 5000, 0, false),
            StratumRule.of(GENERAL, 6000, 0, false));

    /** Roster state by entity, updated as the year goes. */
    private final Map<String, Candidate> roster = new LinkedHashMap<>();
    private final Map<String, Integer> timesDrawn = new LinkedHashMap<>();
    private final List<DrawRecord> year = new ArrayList<>();

    @BeforeEach
    void aYearOfDraws() {
        for (int i = 0; i < 41; i++) {
            add(new Candidate(String.format("K%03d", i), KEY, CreditRisk.GENERAL, false, false, 0, false, false));
        }
        for (int i = 0; i < 10; i++) {
            add(new Candidate(String.format("S%03d", i), SPECIAL, CreditRisk.HIGH, false, false, 0, false, false));
        }
        for (int i = 0; i < 60; i++) {
            boolean positiveList = i % 20 == 0;
            boolean higherLevelChecked = i % 20 == 7;
            add(new Candidate(String.format("G%03d", i), GENERAL, CreditRisk.LOW, positiveList, false, 0,
                    higherLevelChecked, higherLevelChecked));
        }
        for (int quarter = 1; quarter <= 4; quarter++) {
            int periodsLeft = 5 - quarter;
            EligibleStrata eligible = Eligibility.apply(RULES,
                    List.of(new PlanScope("2025-07", PLAN, List.copyOf(roster.values()))));
            DrawInput input = DrawInput.entityOnly("411622-2025Q" + quarter, "411622", "2025Q" + quarter, periodsLeft,
                    "r" + quarter, List.of(), eligible.strata(), eligible.excluded());
            DrawRecord record = EntityDraw.execute(input, new Randomness(List.of(
                    new RandomnessValue("lottery:fc3d:2025-0" + (3 * quarter) + "-27", Integer.toString(100 + 37 * quarter)))));
            year.add(record);
            Set<String> visited = new LinkedHashSet<>();
            record.output().selected().forEach(s -> visited.add(s.entity()));
            for (String entity : visited) {
                timesDrawn.merge(entity, 1, Integer::sum);
                Candidate c = roster.get(entity);
                roster.put(entity, new Candidate(c.entity(), c.category(), c.creditRisk(), c.positiveList(), c.offSite(),
                        c.timesDrawnThisYear() + 1, true, c.checkedByHigherLevelWithoutProblem()));
            }
        }
    }

    private void add(Candidate c) {
        roster.put(c.entity(), c);
    }

    @Test
    void every_key_entity_is_covered_by_the_last_quarter() {
        assertThat(roster.values()).filteredOn(c -> c.category() == KEY).allMatch(Candidate::coveredThisYear);
    }

    @Test
    void each_quarter_draws_first_its_share_of_the_uncovered_key_entities() {
        for (DrawRecord record : year) {
            Stratum key = record.input().strata().get(0);
            int m = key.coverageCount(record.input().periodsLeftInYear());
            assertThat(m).isEqualTo((key.uncovered() + record.input().periodsLeftInYear() - 1)
                    / record.input().periodsLeftInYear());
            List<String> drawn = record.output().selected().stream()
                    .filter(s -> s.stratum().equals(key.id())).map(Selected::entity).toList();
            assertThat(drawn.subList(0, m)).allMatch(e -> key.population().stream()
                    .anyMatch(p -> p.entity().equals(e) && !p.covered()));
        }
        assertThat(year.get(3).input().strata().get(0).coverageCount(1))
                .as("in Q4 every still-uncovered key entity is drawn")
                .isEqualTo(year.get(3).input().strata().get(0).uncovered());
    }

    @Test
    void the_annual_cap_is_never_exceeded_and_special_entities_are_exempt() {
        timesDrawn.forEach((entity, times) -> {
            if (roster.get(entity).category() != SPECIAL) {
                assertThat(times).as(entity).isLessThanOrEqualTo(EligibilityRules.DEFAULT_ANNUAL_CAP);
            }
        });
        assertThat(year).flatExtracting(r -> r.input().excluded()).extracting(Exclusion::reason).contains("ANNUAL_CAP");
        assertThat(timesDrawn).as("a special entity drawn more than twice")
                .anySatisfy((entity, times) -> assertThat(entity.startsWith("S") && times > 2).isTrue());
    }

    @Test
    void excluded_entities_are_never_drawn() {
        for (DrawRecord record : year) {
            Set<String> excluded = new LinkedHashSet<>();
            record.input().excluded().forEach(x -> excluded.add(x.entity()));
            assertThat(record.output().selected()).extracting(Selected::entity).doesNotContainAnyElementsOf(excluded);
        }
        assertThat(timesDrawn).doesNotContainKeys("G000", "G020", "G040", "G007", "G027", "G047");
        assertThat(year.get(0).input().excluded()).contains(new Exclusion("G000", "OFF_SITE"),
                new Exclusion("G007", "HIGHER_LEVEL_CHECKED"));
    }

    @Test
    void every_quarter_record_verifies() {
        for (DrawRecord record : year) {
            assertThat(Verifier.verify(Jcs.canonical(record.toJson())).ok()).isTrue();
        }
    }
}
