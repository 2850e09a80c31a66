package cn.dsr.draw.core.matching;

import static org.assertj.core.api.Assertions.assertThat;

import cn.dsr.draw.core.draw.DrawInput;
import cn.dsr.draw.core.draw.EntityDraw;
import cn.dsr.draw.core.draw.Fixtures;
import cn.dsr.draw.core.draw.Selected;
import cn.dsr.draw.core.matching.Rosters.Shape;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The matching's promises over many seeds on generated rosters (docs/draw-format.md §14.5–14.6). */
class MatchingGuaranteeTest {

    private static final int SEEDS = 1_000;

    static List<Assignment> match(DrawInput input, byte[] seed) {
        List<Selected> selected = EntityDraw.select(input, seed);
        return new Matching(MatchingInput.of(input), seed, selected).assign();
    }

    @Test
    void over_a_thousand_seeds_and_rosters_no_hard_constraint_is_ever_violated() {
        int visits = 0;
        for (int n = 0; n < SEEDS; n++) {
            Shape shape = new Shape(1, 60, 4000, 40 + n % 30, 2 + n % 4, 2 + n % 3, 5000, 4, 1 + n % 3, n % 2 == 0,
                    n % 3 == 0, 3 + n % 4, 8, 50);
            DrawInput input = Rosters.input(shape, n);
            byte[] seed = Fixtures.seed(n);
            List<Assignment> teams;
            try {
                teams = match(input, seed);
            } catch (MatchingInfeasibleException e) {
                // Tight generated rosters may have no complete assignment; that answer is checked elsewhere.
                continue;
            }
            visits += teams.size();
            assertThat(HardConstraints.violations(input, EntityDraw.select(input, seed), teams))
                    .as("roster and seed %d", n).isEmpty();
        }
        assertThat(visits).as("visits staffed over all seeds").isGreaterThan(SEEDS * 15);
    }

    @Test
    void a_given_inspector_joins_a_given_visit_at_most_about_q_of_the_time_when_no_visit_is_flagged() {
        // Every entity is drawn (100 %), so each visit recurs under every seed and its pair frequencies can be counted.
        Shape shape = new Shape(1, 16, 10_000, 60, 3, 2, 1500, 3, 1, true, true, 12, 5, 30);
        DrawInput input = Rosters.input(shape, 7);
        Map<String, Integer> pairs = new HashMap<>();
        int flagged = 0;
        for (int n = 0; n < SEEDS; n++) {
            for (Assignment a : match(input, Fixtures.seed(n))) {
                flagged += a.flags().isEmpty() ? 0 : 1;
                a.team().forEach(i -> pairs.merge(a.entity() + "/" + i, 1, Integer::sum));
            }
        }
        assertThat(flagged).isZero();
        double q = shape.capBp() / 10_000.0;
        double tolerance = 5 * Math.sqrt(q * (1 - q) / SEEDS);
        int highest = pairs.values().stream().mapToInt(Integer::intValue).max().orElseThrow();
        assertThat(highest / (double) SEEDS).isLessThanOrEqualTo(q + tolerance);
    }

    @Test
    void a_pool_too_small_for_the_cap_is_flagged_in_every_draw() {
        // Three districts, cross-district teams, and few officers: the officer slots have a handful of candidates.
        Shape shape = new Shape(1, 10, 10_000, 12, 3, 2, 1000, 2, 0, false, true, 10, 0, 0);
        DrawInput input = Rosters.input(shape, 3);
        List<String> flags = new ArrayList<>();
        for (int n = 0; n < 50; n++) {
            match(input, Fixtures.seed(n)).forEach(a -> flags.addAll(a.flags()));
        }
        assertThat(flags).hasSize(50 * 10).containsOnly(Assignment.POOL_BELOW_CAP);
    }
}
