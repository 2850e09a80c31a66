package cn.dsr.draw.core.verify;

import cn.dsr.draw.core.json.JsonArray;
import cn.dsr.draw.core.json.JsonObject;
import cn.dsr.draw.core.json.JsonValue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Rewrites one place of a JSON tree, addressed as {@code output.selected[1].entity}; null removes it. */
final class Tamper {

    private Tamper() {
    }

    static JsonValue set(JsonValue root, String path, JsonValue value) {
        return set(root, path.replace("[", ".[").split("\\."), 0, value);
    }

    private static JsonValue set(JsonValue node, String[] steps, int at, JsonValue value) {
        String step = steps[at];
        boolean last = at == steps.length - 1;
        if (step.startsWith("[")) {
            int index = Integer.parseInt(step.substring(1, step.length() - 1));
            List<JsonValue> elements = new ArrayList<>(((JsonArray) node).elements());
            if (last && value == null) {
                elements.remove(index);
            } else {
                elements.set(index, last ? value : set(elements.get(index), steps, at + 1, value));
            }
            return new JsonArray(elements);
        }
        Map<String, JsonValue> members = new LinkedHashMap<>(((JsonObject) node).members());
        if (last && value == null) {
            members.remove(step);
        } else {
            members.put(step, last ? value : set(members.get(step), steps, at + 1, value));
        }
        return new JsonObject(members);
    }
}
