package cn.dsr.draw.core.bench;

import cn.dsr.draw.core.draw.DrawInput;
import cn.dsr.draw.core.draw.DrawRecord;
import cn.dsr.draw.core.draw.EntityDraw;
import cn.dsr.draw.core.draw.PopulationEntry;
import cn.dsr.draw.core.draw.Randomness;
import cn.dsr.draw.core.draw.RandomnessValue;
import cn.dsr.draw.core.draw.Selected;
import cn.dsr.draw.core.draw.Stratum;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * The entity draw over a 1,000,000-entity roster in 12 strata, against a baseline that only
 * sorts 1,000,000 precomputed 32-byte keys. Run with {@code draw-core/bench.sh}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DrawBenchmark {

    static final int ROSTER = 1_000_000;

    /** Three plans × four strata; shares of the roster in per mille, summing to 1000. */
    private static final String[] STRATA = {"KEY", "SPECIAL", "GENERAL/LOW", "GENERAL/HIGH"};
    private static final int[] SHARE = {30, 10, 160, 100, 25, 15, 200, 90, 20, 5, 250, 95};
    private static final int[] RATIO_BP = {2500, 5000, 300, 1000};

    private DrawInput input;
    private Randomness randomness;
    private byte[] seed;
    private byte[][] keys;

    @Setup
    public void roster() {
        List<Stratum> strata = new ArrayList<>();
        int next = 0;
        for (int s = 0; s < SHARE.length; s++) {
            int n = SHARE[s] * (ROSTER / 1000);
            List<PopulationEntry> population = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                // USCC-shaped, unique and ascending by construction.
                population.add(new PopulationEntry(String.format("91411622MA%08d", next++), i % 3 == 0));
            }
            strata.add(new Stratum("2025-" + (s / 4 + 1) + "/" + STRATA[s % 4], RATIO_BP[s % 4], 0, s % 4 == 0,
                    population));
        }
        input = DrawInput.entityOnly("bench", "411622", "2025Q2", 3, "r1", List.of(), strata, List.of());
        randomness = new Randomness(List.of(new RandomnessValue("lottery:fc3d:2025-03-27", "508")));
        seed = randomness.seed(input.digest());
        Random random = new Random(1);
        keys = new byte[ROSTER][32];
        for (byte[] key : keys) {
            random.nextBytes(key);
        }
    }

    /** The draw proper: rank every entity of every stratum, order by rank, take S1 and S2. */
    @Benchmark
    public List<Selected> entityDraw() {
        return EntityDraw.select(input, seed);
    }

    /** Everything a draw does: inputDigest of the whole input, seed, selection, resultDigest. */
    @Benchmark
    public String executeWithDigests() {
        DrawRecord record = EntityDraw.execute(input, randomness);
        return record.resultDigest();
    }

    /** Baseline: a plain sort of 1,000,000 precomputed 32-byte keys. */
    @Benchmark
    public byte[][] sortPrecomputedKeys() {
        byte[][] copy = keys.clone();
        Arrays.sort(copy, Arrays::compareUnsigned);
        return copy;
    }
}
