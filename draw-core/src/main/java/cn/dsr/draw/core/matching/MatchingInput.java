package cn.dsr.draw.core.matching;

import cn.dsr.draw.core.draw.DrawInput;
import cn.dsr.draw.core.draw.Identifiers;
import cn.dsr.draw.core.draw.PopulationEntry;
import cn.dsr.draw.core.draw.Stratum;
import cn.dsr.draw.core.json.JsonArray;
import cn.dsr.draw.core.json.JsonException;
import cn.dsr.draw.core.json.JsonFields;
import cn.dsr.draw.core.json.JsonObject;
import cn.dsr.draw.core.json.JsonString;
import cn.dsr.draw.core.json.JsonValue;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * {@code input.matching} (docs/draw-format.md §14.1): the plans' team settings, the inspector
 * roster and, per entity, its district, declared conflicts and previous inspectors. Read
 * strictly, like the rest of the committed input.
 */
public record MatchingInput(String validThrough, List<PlanSettings> plans, List<Inspector> inspectors,
        List<EntityFacts> entities) {

    public static final String OFFICER = "OFFICER";
    public static final String IN_POST = "IN_POST";
    static final int MAX_TEAM = 10;
    private static final Pattern DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");
    private static final Set<String> KINDS = Set.of(OFFICER, "EXPERT", "THIRD_PARTY");
    private static final Set<String> STATUSES = Set.of(IN_POST, "LEAVE", "TRANSFERRED", "RETIRED");

    /** One plan's team settings and the strata whose entities it sends a team to. */
    public record PlanSettings(String plan, List<String> strata, int teamSize, int capBp, List<String> expertise,
            boolean rotation, boolean crossDistrict) {

        public PlanSettings {
            Identifiers.require(plan, "plan");
            strata = List.copyOf(strata);
            strata.forEach(s -> Identifiers.require(s, "plan " + plan + " stratum"));
            if (teamSize < 2 || teamSize > MAX_TEAM) {
                throw new IllegalArgumentException("plan " + plan + ": teamSize is 2.." + MAX_TEAM + ", got " + teamSize);
            }
            if (capBp < 1 || capBp > 10_000) {
                throw new IllegalArgumentException("plan " + plan + ": capBp is 1..10000, got " + capBp);
            }
            expertise = sortedIds(expertise, "expertise of plan " + plan);
        }

        JsonObject toJson() {
            return JsonObject.builder().put("plan", plan).put("strata", strings(strata)).put("teamSize", teamSize)
                    .put("capBp", capBp).put("expertise", strings(expertise)).put("rotation", rotation)
                    .put("crossDistrict", crossDistrict).build();
        }

        static PlanSettings fromJson(JsonValue value, String path) {
            JsonFields f = JsonFields.of(value, path).allowOnly("plan", "strata", "teamSize", "capBp", "expertise",
                    "rotation", "crossDistrict");
            return new PlanSettings(f.string("plan"), stringList(f, "strata"), f.intValue("teamSize"),
                    f.intValue("capBp"), stringList(f, "expertise"), f.bool("rotation"), f.bool("crossDistrict"));
        }
    }

    /** One person of the roster as the matching sees them. */
    public record Inspector(String inspector, String kind, String status, Optional<String> certificateValidUntil,
            List<String> expertise, String district, int capacity) {

        public Inspector {
            Identifiers.require(inspector, "inspector");
            if (!KINDS.contains(kind)) {
                throw new IllegalArgumentException("inspector " + inspector + ": kind is one of " + KINDS + ", got " + kind);
            }
            if (!STATUSES.contains(status)) {
                throw new IllegalArgumentException("inspector " + inspector + ": status is one of " + STATUSES + ", got " + status);
            }
            certificateValidUntil.ifPresent(d -> requireDate(d, "certificateValidUntil of " + inspector));
            expertise = sortedIds(expertise, "expertise of inspector " + inspector);
            Identifiers.require(district, "district of inspector " + inspector);
            if (capacity < 0) {
                throw new IllegalArgumentException("inspector " + inspector + ": capacity must not be negative");
            }
        }

        public boolean officer() {
            return OFFICER.equals(kind);
        }

        JsonObject toJson() {
            JsonObject.Builder b = JsonObject.builder().put("inspector", inspector).put("kind", kind).put("status", status);
            certificateValidUntil.ifPresent(d -> b.put("certificateValidUntil", d));
            return b.put("expertise", strings(expertise)).put("district", district).put("capacity", capacity).build();
        }

        static Inspector fromJson(JsonValue value, String path) {
            JsonFields f = JsonFields.of(value, path).allowOnly("inspector", "kind", "status", "certificateValidUntil",
                    "expertise", "district", "capacity");
            return new Inspector(f.string("inspector"), f.string("kind"), f.string("status"),
                    f.optionalString("certificateValidUntil"), stringList(f, "expertise"), f.string("district"),
                    f.intValue("capacity"));
        }
    }

    /** What the matching must know about an entity that may be drawn. */
    public record EntityFacts(String entity, String district, List<String> conflicts, List<String> previous) {

        public EntityFacts {
            Identifiers.require(entity, "entity");
            Identifiers.require(district, "district of " + entity);
            conflicts = sortedIds(conflicts, "conflicts of " + entity);
            previous = sortedIds(previous, "previous inspectors of " + entity);
        }

        JsonObject toJson() {
            return JsonObject.builder().put("entity", entity).put("district", district)
                    .put("conflicts", strings(conflicts)).put("previous", strings(previous)).build();
        }

        static EntityFacts fromJson(JsonValue value, String path) {
            JsonFields f = JsonFields.of(value, path).allowOnly("entity", "district", "conflicts", "previous");
            return new EntityFacts(f.string("entity"), f.string("district"), stringList(f, "conflicts"),
                    stringList(f, "previous"));
        }
    }

    public MatchingInput {
        requireDate(validThrough, "validThrough");
        plans = List.copyOf(plans);
        Identifiers.requireStrictlyAscending(plans, PlanSettings::plan, "matching plans");
        Set<String> strata = new HashSet<>();
        for (PlanSettings p : plans) {
            for (String s : p.strata()) {
                if (!strata.add(s)) {
                    throw new IllegalArgumentException("stratum " + s + " belongs to two matching plans");
                }
            }
        }
        inspectors = List.copyOf(inspectors);
        Identifiers.requireStrictlyAscending(inspectors, Inspector::inspector, "matching inspectors");
        entities = List.copyOf(entities);
        Identifiers.requireStrictlyAscending(entities, EntityFacts::entity, "matching entities");
    }

    /**
     * Reads {@code input.matching} and checks it against the input's strata: every listed
     * stratum exists and every entity of its population has its facts listed.
     */
    public static MatchingInput of(DrawInput input) {
        JsonValue json = input.matching().orElseThrow(() -> new IllegalArgumentException("the input has no matching"));
        MatchingInput m = fromJson(json, "input.matching");
        Map<String, Stratum> strata = new HashMap<>();
        input.strata().forEach(s -> strata.put(s.id(), s));
        Set<String> known = new HashSet<>();
        m.entities().forEach(e -> known.add(e.entity()));
        for (PlanSettings p : m.plans()) {
            for (String id : p.strata()) {
                Stratum s = strata.get(id);
                if (s == null) {
                    throw new JsonException("input.matching: plan " + p.plan() + " names stratum " + id
                            + ", which the input does not have");
                }
                for (PopulationEntry e : s.population()) {
                    if (!known.contains(e.entity())) {
                        throw new JsonException("input.matching.entities: entity " + e.entity() + " of stratum " + id
                                + " is not listed");
                    }
                }
            }
        }
        return m;
    }

    public JsonObject toJson() {
        return JsonObject.builder().put("validThrough", validThrough)
                .put("plans", array(plans, PlanSettings::toJson))
                .put("inspectors", array(inspectors, Inspector::toJson))
                .put("entities", array(entities, EntityFacts::toJson)).build();
    }

    public static MatchingInput fromJson(JsonValue value, String path) {
        JsonFields f = JsonFields.of(value, path).allowOnly("validThrough", "plans", "inspectors", "entities");
        try {
            return new MatchingInput(f.string("validThrough"), f.list("plans", PlanSettings::fromJson),
                    f.list("inspectors", Inspector::fromJson), f.list("entities", EntityFacts::fromJson));
        } catch (JsonException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new JsonException(path + ": " + e.getMessage());
        }
    }

    private static List<String> sortedIds(List<String> ids, String what) {
        List<String> copy = List.copyOf(ids);
        copy.forEach(id -> Identifiers.require(id, what));
        Identifiers.requireStrictlyAscending(copy, Function.identity(), what);
        return copy;
    }

    private static void requireDate(String date, String what) {
        if (date == null || !DATE.matcher(date).matches()) {
            throw new IllegalArgumentException(what + " is a date YYYY-MM-DD, got " + date);
        }
    }

    private static List<String> stringList(JsonFields f, String key) {
        return f.list(key, (v, p) -> {
            if (v instanceof JsonString s) {
                return s.value();
            }
            throw new JsonException(p + ": expected a string, found " + v.typeName());
        });
    }

    static JsonArray strings(List<String> values) {
        return new JsonArray(values.stream().map(s -> (JsonValue) new JsonString(s)).toList());
    }

    private static <T> JsonArray array(List<T> items, Function<T, JsonObject> toJson) {
        return new JsonArray(items.stream().map(i -> (JsonValue) toJson.apply(i)).toList());
    }
}
