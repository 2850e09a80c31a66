package cn.dsr.draw.core.bench;

import cn.dsr.draw.core.Hashes;
import cn.dsr.draw.core.draw.DrawInput;
import cn.dsr.draw.core.draw.DrawOutput;
import cn.dsr.draw.core.draw.EntityDraw;
import cn.dsr.draw.core.draw.Fixtures;
import cn.dsr.draw.core.draw.Selected;
import cn.dsr.draw.core.json.JsonArray;
import cn.dsr.draw.core.json.JsonValue;
import cn.dsr.draw.core.matching.Assignment;
import cn.dsr.draw.core.matching.Matching;
import cn.dsr.draw.core.matching.MatchingInput;
import cn.dsr.draw.core.matching.Rosters;
import cn.dsr.draw.core.matching.Rosters.Shape;

import java.util.List;
import java.util.Optional;

/**
 * A city-wide draw with inspector matching, end to end and by phase: 200,000 entities in 20
 * plans drawn at 25 % (50,000 visits of three, two officers and one of any kind, each plan
 * requiring its own expertise), 10,000 inspectors in 10 districts, cross-district teams,
 * rotation, about 100,000 declared conflicts and 5 % of the roster on leave or with a lapsed
 * certificate, each inspector taking at most 20 visits. Run with {@code ./bench.sh matching
 * [RUNS] [CAPACITY]}: a lower capacity (17: 93 % of the roster's capacity is needed) makes the
 * random picks dead-end and exercises the completion by augmenting paths. The seeds are fixed,
 * so every run draws the same teams.
 */
public final class MatchingBenchmark {

    public static final Shape CITY_YEAR = new Shape(20, 200_000, 2500, 10_000, 10, 3, 5000, 20, 1, true, true, 20, 5, 50);

    private MatchingBenchmark() {
    }

    public static void main(String[] args) {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        Shape shape = args.length > 1 ? withCapacity(Integer.parseInt(args[1])) : CITY_YEAR;
        long t0 = System.nanoTime();
        DrawInput input = Rosters.input(shape, 2025);
        System.out.printf("generated input: %d ms (not part of the draw)%n", ms(t0));
        for (int run = 1; run <= runs; run++) {
            long start = System.nanoTime();
            String inputDigest = input.digest();
            long digested = System.nanoTime();
            byte[] seed = Fixtures.seed(run);
            List<Selected> selected = EntityDraw.select(input, seed);
            long drawn = System.nanoTime();
            MatchingInput matchingInput = MatchingInput.of(input);
            long read = System.nanoTime();
            List<Assignment> teams = new Matching(matchingInput, seed, selected).assign();
            long matched = System.nanoTime();
            JsonValue assignments = new JsonArray(teams.stream().map(a -> (JsonValue) a.toJson()).toList());
            String resultDigest = new DrawOutput(input.drawId(), inputDigest, Hashes.hex(seed), selected,
                    Optional.of(assignments)).digest();
            long end = System.nanoTime();
            long repaired = teams.stream().filter(a -> a.flags().contains(Assignment.REPAIRED)).count();
            long belowCap = teams.stream().filter(a -> a.flags().contains(Assignment.POOL_BELOW_CAP)).count();
            System.out.printf("run %d: %d visits, %d inspectors: total %d ms = input digest %d + entity draw %d"
                            + " + read matching input %d + matching %d + output and result digest %d"
                            + " (repaired %d, pool below cap %d, resultDigest %s…)%n",
                    run, teams.size(), matchingInput.inspectors().size(), (end - start) / 1_000_000,
                    (digested - start) / 1_000_000, (drawn - digested) / 1_000_000, (read - drawn) / 1_000_000,
                    (matched - read) / 1_000_000, (end - matched) / 1_000_000, repaired, belowCap,
                    resultDigest.substring(0, 12));
        }
    }

    private static Shape withCapacity(int capacity) {
        Shape s = CITY_YEAR;
        return new Shape(s.plans(), s.entities(), s.ratioBp(), s.inspectors(), s.districts(), s.teamSize(), s.capBp(),
                s.skills(), s.planSkills(), s.rotation(), s.crossDistrict(), capacity, s.conflictsPer(), s.badPerMille());
    }

    private static long ms(long since) {
        return (System.nanoTime() - since) / 1_000_000;
    }
}
