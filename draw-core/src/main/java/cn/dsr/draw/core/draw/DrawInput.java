package cn.dsr.draw.core.draw;

import cn.dsr.draw.core.Hashes;
import cn.dsr.draw.core.json.JsonArray;
import cn.dsr.draw.core.json.JsonException;
import cn.dsr.draw.core.json.JsonFields;
import cn.dsr.draw.core.json.JsonObject;
import cn.dsr.draw.core.json.JsonValue;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The draw input, fixed before any randomness is known; its digest is the draw's commitment.
 *
 * @param sources  the announced randomness sources with the parties' commitments, sorted by
 *                 source; empty when the draw announces none (the key is then absent)
 * @param matching the inspector-matching input, opaque here; absent for an entity-only draw
 */
public record DrawInput(
        String drawId,
        String tenant,
        String period,
        int periodsLeftInYear,
        String rosterRevision,
        List<DeclaredSource> sources,
        List<Stratum> strata,
        List<Exclusion> excluded,
        Optional<JsonValue> matching) {

    public static final String FORMAT = "dsr-draw/1";

    private static final Pattern TENANT = Pattern.compile("[0-9]{6}");

    public DrawInput {
        Identifiers.require(drawId, "drawId");
        if (tenant == null || !TENANT.matcher(tenant).matches()) {
            throw new IllegalArgumentException("tenant must be a six-digit GB/T 2260 division code, got " + tenant);
        }
        Identifiers.require(period, "period");
        if (periodsLeftInYear < 1 || periodsLeftInYear > 4) {
            throw new IllegalArgumentException("periodsLeftInYear counts the current period (4 in Q1 … 1 in Q4), got "
                    + periodsLeftInYear);
        }
        Identifiers.require(rosterRevision, "rosterRevision");
        sources = List.copyOf(sources);
        Identifiers.requireStrictlyAscending(sources, DeclaredSource::source, "sources");
        strata = List.copyOf(strata);
        if (strata.isEmpty()) {
            throw new IllegalArgumentException("a draw needs at least one stratum");
        }
        Set<String> ids = new HashSet<>();
        for (Stratum s : strata) {
            if (!ids.add(s.id())) {
                throw new IllegalArgumentException("stratum id " + s.id() + " appears twice");
            }
        }
        excluded = List.copyOf(excluded);
        Identifiers.requireStrictlyAscending(excluded, Exclusion::entity, "excluded");
        Map<String, String> reasons = new HashMap<>();
        excluded.forEach(x -> reasons.put(x.entity(), x.reason()));
        for (Stratum s : strata) {
            for (PopulationEntry e : s.population()) {
                if (reasons.containsKey(e.entity())) {
                    throw new IllegalArgumentException("entity " + e.entity() + " is excluded ("
                            + reasons.get(e.entity()) + ") yet listed in stratum " + s.id());
                }
            }
        }
        Objects.requireNonNull(matching, "matching");
    }

    /** An entity-only draw input: no inspector matching. */
    public static DrawInput entityOnly(String drawId, String tenant, String period, int periodsLeftInYear,
            String rosterRevision, List<DeclaredSource> sources, List<Stratum> strata, List<Exclusion> excluded) {
        return new DrawInput(drawId, tenant, period, periodsLeftInYear, rosterRevision, sources, strata, excluded,
                Optional.empty());
    }

    /** {@code inputDigest = hex(H(JCS(input)))}, the commitment published when the draw is scheduled. */
    public String digest() {
        return Hashes.digestOf(toJson());
    }

    public JsonObject toJson() {
        JsonObject.Builder b = JsonObject.builder()
                .put("format", FORMAT)
                .put("drawId", drawId)
                .put("tenant", tenant)
                .put("period", period)
                .put("periodsLeftInYear", periodsLeftInYear)
                .put("rosterRevision", rosterRevision);
        if (!sources.isEmpty()) {
            b.put("sources", new JsonArray(sources.stream().map(s -> (JsonValue) s.toJson()).toList()));
        }
        b.put("strata", new JsonArray(strata.stream().map(s -> (JsonValue) s.toJson()).toList()));
        b.put("excluded", new JsonArray(excluded.stream().map(x -> (JsonValue) x.toJson()).toList()));
        matching.ifPresent(m -> b.put("matching", m));
        return b.build();
    }

    /**
     * Reads an input strictly: unknown members are refused, since they would be committed to by
     * the digest without meaning anything to the draw.
     */
    public static DrawInput fromJson(JsonValue value, String path) {
        JsonFields f = JsonFields.of(value, path).allowOnly("format", "drawId", "tenant", "period",
                "periodsLeftInYear", "rosterRevision", "sources", "strata", "excluded", "matching");
        String format = f.string("format");
        if (!FORMAT.equals(format)) {
            throw new JsonException(f.path("format") + ": unsupported format \"" + format + "\", expected " + FORMAT);
        }
        List<DeclaredSource> sources = List.of();
        if (f.optional("sources").isPresent()) {
            sources = f.list("sources", DeclaredSource::fromJson);
            if (sources.isEmpty()) {
                throw new JsonException(f.path("sources") + ": must not be empty (omit the member instead)");
            }
        }
        return new DrawInput(f.string("drawId"), f.string("tenant"), f.string("period"),
                f.intValue("periodsLeftInYear"), f.string("rosterRevision"), sources,
                f.list("strata", Stratum::fromJson), f.list("excluded", Exclusion::fromJson), f.optional("matching"));
    }
}
