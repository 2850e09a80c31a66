package cn.dsr.draw.core.matching;

import cn.dsr.draw.core.json.JsonArray;
import cn.dsr.draw.core.json.JsonFields;
import cn.dsr.draw.core.json.JsonObject;
import cn.dsr.draw.core.json.JsonString;
import cn.dsr.draw.core.json.JsonValue;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One visit's entry of {@code output.assignments} (§14.7): the team by slot, what each slot
 * required, how many were eligible and how many were candidates when it was drawn, who was
 * excluded from the visit and why, and the flags of the manipulation bound.
 */
public record Assignment(String entity, List<String> plans, List<String> team, List<Slot> slots,
        Map<Reason, Integer> excluded, List<String> flags) {

    public static final String POOL_BELOW_CAP = "POOL_BELOW_CAP";
    public static final String REPAIRED = "REPAIRED";

    public record Slot(boolean officer, List<String> expertise, int eligible, int candidates) {

        JsonObject toJson() {
            return JsonObject.builder().put("officer", officer).put("expertise", MatchingInput.strings(expertise))
                    .put("eligible", eligible).put("candidates", candidates).build();
        }
    }

    public Assignment {
        plans = List.copyOf(plans);
        team = List.copyOf(team);
        slots = List.copyOf(slots);
        excluded = new EnumMap<>(excluded);
        flags = List.copyOf(flags);
    }

    public JsonObject toJson() {
        JsonObject.Builder reasons = JsonObject.builder();
        excluded.forEach((reason, n) -> reasons.put(reason.name(), n));
        return JsonObject.builder().put("entity", entity).put("plans", MatchingInput.strings(plans))
                .put("team", MatchingInput.strings(team))
                .put("slots", new JsonArray(slots.stream().map(s -> (JsonValue) s.toJson()).toList()))
                .put("excluded", reasons.build()).put("flags", MatchingInput.strings(flags)).build();
    }

    /** Reads the entries of a stored record's {@code output.assignments}: entity and team, what a task needs. */
    public static Map<String, List<String>> teams(JsonValue assignments) {
        Map<String, List<String>> teams = new LinkedHashMap<>();
        JsonFields.list(assignments, "output.assignments", (v, p) -> JsonFields.of(v, p)).forEach(f -> teams.put(
                f.string("entity"), JsonFields.list(f.required("team"), "team", (v, p) -> ((JsonString) v).value())));
        return teams;
    }
}
