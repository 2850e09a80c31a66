package cn.dsr.draw.core.draw;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

import static cn.dsr.draw.core.draw.Fixtures.seed;
import static cn.dsr.draw.core.draw.Fixtures.stratum;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Within a stratum every entity is equally likely to be drawn. The seeds are a fixed sequence,
 * so the statistic is the same on every run: the test is deterministic, not flaky.
 */
class UniformityTest {

    /** Upper 0.1% point of the chi-square distribution with 29 degrees of freedom. */
    private static final double CHI_SQUARE_29_DF_P001 = 58.301;

    @Test
    void selection_frequencies_are_uniform_within_a_stratum() {
        int n = 30;
        int draws = 6000;
        Stratum s = stratum("P/GENERAL", n, 2000, 0, false);
        int[] counts = countSelections(s, draws, 4);
        double expected = (double) draws * s.quota() / n;
        assertThat(chiSquare(counts, expected)).isLessThan(CHI_SQUARE_29_DF_P001);
    }

    @Test
    void coverage_draws_uniformly_among_the_uncovered() {
        int n = 30;
        int draws = 6000;
        // Entities 0..29 uncovered, 30..39 covered; with quota 0 only coverage draws.
        int[] covered = IntStream.range(n, n + 10).toArray();
        Stratum s = stratum("P/KEY", n + 10, 0, 0, true, covered);
        int[] counts = countSelections(s, draws, 4);
        int m = s.coverageCount(4);
        double expected = (double) draws * m / n;
        assertThat(chiSquare(Arrays.copyOf(counts, n), expected)).isLessThan(CHI_SQUARE_29_DF_P001);
        assertThat(Arrays.stream(counts, n, n + 10).sum()).as("quota 0: no covered entity drawn").isZero();
    }

    private static int[] countSelections(Stratum s, int draws, int periodsLeft) {
        int[] counts = new int[s.population().size()];
        for (int d = 0; d < draws; d++) {
            List<String> chosen = EntityDraw.selectStratum(s, seed(d), periodsLeft);
            chosen.forEach(e -> counts[Integer.parseInt(e.substring(1))]++);
        }
        return counts;
    }

    private static double chiSquare(int[] counts, double expected) {
        double chi = 0;
        for (int c : counts) {
            chi += (c - expected) * (c - expected) / expected;
        }
        return chi;
    }
}
