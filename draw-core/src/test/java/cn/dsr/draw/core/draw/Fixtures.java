package cn.dsr.draw.core.draw;

import cn.dsr.draw.core.Hashes;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/** Small builders for draw inputs in tests. */
public final class Fixtures {

    private Fixtures() {
    }

    /** A stratum of entities E0000000, E0000001, … where the listed indices are already covered. */
    public static Stratum stratum(String id, int n, int ratioBp, int minCount, boolean coverage, int... covered) {
        List<PopulationEntry> population = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            final int index = i;
            boolean isCovered = Arrays.stream(covered).anyMatch(c -> c == index);
            population.add(new PopulationEntry(String.format("E%07d", i), isCovered));
        }
        return new Stratum(id, ratioBp, minCount, coverage, population);
    }

    public static DrawInput input(List<Stratum> strata, int periodsLeftInYear) {
        return DrawInput.entityOnly("d-1", "411622", "2025Q2", periodsLeftInYear, "r1", List.of(), strata, List.of());
    }

    public static Randomness lottery(String value) {
        return new Randomness(List.of(new RandomnessValue("lottery:fc3d:2025-03-27", value)));
    }

    /** A deterministic seed per number, for sequences of draws. */
    public static byte[] seed(long n) {
        return Hashes.sha256(("test seed " + n).getBytes(StandardCharsets.UTF_8));
    }

    /** A stratum of random size, ratio, minimum and coverage state. */
    public static Stratum randomStratum(Random random, String id) {
        int n = random.nextInt(60);
        List<PopulationEntry> population = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            population.add(new PopulationEntry(String.format("%s-E%03d", id, i), random.nextInt(3) == 0));
        }
        return new Stratum(id, random.nextInt(10_001), random.nextInt(4) == 0 ? random.nextInt(20) : 0,
                random.nextBoolean(), population);
    }
}
