package cn.dsr.draw.core.draw;

import cn.dsr.draw.core.example.StraightforwardDraw;
import cn.dsr.draw.core.example.WorkedExample.ExampleStratum;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;

import static cn.dsr.draw.core.draw.Fixtures.seed;
import static cn.dsr.draw.core.draw.Fixtures.stratum;
import static org.assertj.core.api.Assertions.assertThat;

class EntityDrawTest {

    @ParameterizedTest(name = "N={0}, ratio {1} bp, min {2} -> quota {3}")
    @CsvSource({
            "0, 2500, 0, 0",
            "0, 2500, 3, 0",        // never more than the population
            "1, 1, 0, 1",           // any positive ratio rounds up to one
            "1, 0, 0, 0",
            "8, 2500, 0, 2",
            "9, 2500, 0, 3",        // 2.25 rounds up
            "10, 500, 2, 2",        // the minimum wins over 0.5 → 1
            "3, 5000, 0, 2",
            "100, 10000, 0, 100",
            "250001, 9000, 0, 225001"})  // N × ratio exceeds 2^31: computed in 64 bits
    void quota_is_the_ratio_rounded_up_at_least_the_minimum_at_most_the_population(int n, int ratioBp, int minCount,
            int quota) {
        assertThat(stratum("S", n, ratioBp, minCount, false).quota()).isEqualTo(quota);
    }

    @ParameterizedTest(name = "|U|={0}, {1} period(s) left -> m={2}")
    @CsvSource({"0, 4, 0", "1, 4, 1", "6, 3, 2", "7, 3, 3", "10, 4, 3", "10, 1, 10", "3, 4, 1"})
    void coverage_takes_the_uncovered_spread_over_the_periods_left(int uncovered, int periodsLeft, int m) {
        assertThat(stratum("S", uncovered, 0, 0, true).coverageCount(periodsLeft)).isEqualTo(m);
        assertThat(stratum("S", uncovered, 0, 0, false).coverageCount(periodsLeft)).isZero();
    }

    @Test
    void every_stratum_gets_exactly_its_quota_or_its_coverage_share_over_random_inputs() {
        Random random = new Random(20250327);
        for (int round = 0; round < 300; round++) {
            int periodsLeft = 1 + random.nextInt(4);
            List<Stratum> strata = new ArrayList<>();
            for (int s = 0; s < 1 + random.nextInt(4); s++) {
                strata.add(Fixtures.randomStratum(random, "P" + round + "/S" + s));
            }
            byte[] seed = seed(round);
            List<Selected> selected = EntityDraw.select(Fixtures.input(strata, periodsLeft), seed);
            for (Stratum s : strata) {
                List<String> chosen = selected.stream().filter(x -> x.stratum().equals(s.id())).map(Selected::entity).toList();
                int m = s.coverageCount(periodsLeft);
                assertThat(chosen).as("selection size of " + s.id()).hasSize(Math.max(s.quota(), m));
                assertThat(new HashSet<>(chosen)).as("no entity twice").hasSize(chosen.size());
                Set<String> uncovered = s.population().stream().filter(e -> !e.covered())
                        .map(PopulationEntry::entity).collect(Collectors.toSet());
                assertThat(chosen.subList(0, m)).as("S1 is uncovered").allMatch(uncovered::contains);
                assertThat(chosen).as("the naive reading of the spec agrees")
                        .isEqualTo(StraightforwardDraw.selectStratum(seed, asExample(s), periodsLeft));
            }
        }
    }

    @Test
    void strata_come_out_in_input_order() {
        List<Stratum> strata = List.of(stratum("Z", 5, 10_000, 0, false), stratum("A", 5, 10_000, 0, false));
        assertThat(EntityDraw.select(Fixtures.input(strata, 4), seed(1)))
                .extracting(Selected::stratum).containsExactly("Z", "Z", "Z", "Z", "Z", "A", "A", "A", "A", "A");
    }

    @Test
    void the_same_entity_ranks_differently_in_different_strata() {
        assertThat(EntityDraw.rank(seed(1), "P1/KEY", "E0001")).isNotEqualTo(EntityDraw.rank(seed(1), "P2/KEY", "E0001"));
    }

    @Test
    void a_draw_is_reproducible_and_depends_on_the_randomness() {
        DrawInput input = Fixtures.input(List.of(stratum("S", 200, 1000, 0, false)), 3);
        DrawRecord a = EntityDraw.execute(input, Fixtures.lottery("508"));
        assertThat(EntityDraw.execute(input, Fixtures.lottery("508"))).isEqualTo(a);
        assertThat(EntityDraw.execute(input, Fixtures.lottery("509")).output().selected())
                .isNotEqualTo(a.output().selected());
    }

    @Test
    void ties_in_the_leading_rank_bits_are_resolved_on_the_full_rank_then_by_entity() {
        // Crafted ranks: indices 0..5 share their first 8 bytes; 1 and 4 are fully equal.
        byte[][] ranks = new byte[7][32];
        for (int i = 0; i < 6; i++) {
            ranks[i][0] = 0x42;
            ranks[i][31] = (byte) (10 - i);
        }
        ranks[4][31] = ranks[1][31];
        ranks[6][0] = 0x01;
        int[] order = RankOrder.of(7, (index, out) -> System.arraycopy(ranks[index], 0, out, 0, 32));
        // 6 has the smallest leading byte; among the rest: 5 (0x05), 3 (0x07), 2 (0x08), 1 and 4 (0x09, by index), 0.
        assertThat(order).containsExactly(6, 5, 3, 2, 1, 4, 0);
    }

    @Test
    void rank_order_compares_bytes_unsigned() {
        byte[][] ranks = new byte[2][32];
        ranks[0][0] = (byte) 0x80;
        ranks[1][0] = 0x7f;
        assertThat(RankOrder.of(2, (index, out) -> System.arraycopy(ranks[index], 0, out, 0, 32))).containsExactly(1, 0);
    }

    private static ExampleStratum asExample(Stratum s) {
        return new ExampleStratum(s.id(), s.ratioBp(), s.minCount(), s.coverage(),
                s.population().stream().map(PopulationEntry::entity).toList(),
                s.population().stream().filter(PopulationEntry::covered).map(PopulationEntry::entity)
                        .collect(Collectors.toSet()));
    }
}
