package cn.dsr.draw.core.draw;

import cn.dsr.draw.core.json.JsonArray;
import cn.dsr.draw.core.json.JsonFields;
import cn.dsr.draw.core.json.JsonObject;
import cn.dsr.draw.core.json.JsonValue;

import java.util.List;

/**
 * One stratum of a draw: a plan's slice of the roster with its ratio. The population is
 * refused unless strictly ascending by entity — the input is a commitment, so the caller must
 * see the exact bytes it commits to rather than have them silently reordered.
 */
public record Stratum(String id, int ratioBp, int minCount, boolean coverage, List<PopulationEntry> population) {

    public static final int FULL_RATIO_BP = 10_000;

    public Stratum {
        Identifiers.require(id, "stratum id");
        if (ratioBp < 0 || ratioBp > FULL_RATIO_BP) {
            throw new IllegalArgumentException("stratum " + id + ": ratioBp must be within 0..10000, got " + ratioBp);
        }
        if (minCount < 0) {
            throw new IllegalArgumentException("stratum " + id + ": minCount must not be negative, got " + minCount);
        }
        population = List.copyOf(population);
        Identifiers.requireStrictlyAscending(population, PopulationEntry::entity, "population of stratum " + id);
    }

    /** {@code min(N, max(minCount, ceil(N * ratioBp / 10000)))}, in integer arithmetic. */
    public int quota() {
        long n = population.size();
        long byRatio = (n * ratioBp + FULL_RATIO_BP - 1) / FULL_RATIO_BP;
        return (int) Math.min(n, Math.max(minCount, byRatio));
    }

    /** Entities not yet covered this year (the set U of the coverage rule). */
    public int uncovered() {
        return (int) population.stream().filter(e -> !e.covered()).count();
    }

    /**
     * {@code m}: how many uncovered entities this period must take so that all are covered by
     * the year's last period — {@code ceil(|U| / periodsLeftInYear)}, or 0 without coverage.
     */
    public int coverageCount(int periodsLeftInYear) {
        if (!coverage) {
            return 0;
        }
        int u = uncovered();
        return Math.min(u, (u + periodsLeftInYear - 1) / periodsLeftInYear);
    }

    JsonObject toJson() {
        return JsonObject.builder()
                .put("id", id)
                .put("ratioBp", ratioBp)
                .put("minCount", minCount)
                .put("coverage", coverage)
                .put("population", new JsonArray(population.stream().map(e -> (JsonValue) e.toJson()).toList()))
                .build();
    }

    static Stratum fromJson(JsonValue value, String path) {
        JsonFields f = JsonFields.of(value, path).allowOnly("id", "ratioBp", "minCount", "coverage", "population");
        return new Stratum(f.string("id"), f.intValue("ratioBp"), f.intValue("minCount"), f.bool("coverage"),
                f.list("population", PopulationEntry::fromJson));
    }
}
