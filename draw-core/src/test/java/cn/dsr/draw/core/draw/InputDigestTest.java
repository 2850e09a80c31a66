package cn.dsr.draw.core.draw;

import cn.dsr.draw.core.Hashes;
import cn.dsr.draw.core.example.WorkedExample;
import cn.dsr.draw.core.json.JsonArray;
import cn.dsr.draw.core.json.JsonBoolean;
import cn.dsr.draw.core.json.JsonNumber;
import cn.dsr.draw.core.json.JsonObject;
import cn.dsr.draw.core.json.JsonString;
import cn.dsr.draw.core.json.JsonValue;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/** The input digest is a commitment: whatever changes in the input, the digest changes. */
class InputDigestTest {

    private final JsonValue input = WorkedExample.input().toJson();

    @Test
    void changing_any_single_field_changes_the_input_digest() {
        List<JsonValue> variants = new ArrayList<>();
        mutations(input, Function.identity(), variants);
        assertThat(variants).hasSizeGreaterThan(100);
        Set<String> digests = new HashSet<>();
        digests.add(Hashes.digestOf(input));
        for (JsonValue v : variants) {
            assertThat(digests.add(Hashes.digestOf(v))).as("a variant with an unchanged or repeated digest").isTrue();
        }
    }

    @Test
    void reordering_members_does_not_change_it_since_the_canonical_form_sorts_them() {
        JsonObject o = (JsonObject) input;
        Map<String, JsonValue> reversed = new LinkedHashMap<>();
        List<String> keys = new ArrayList<>(o.members().keySet());
        Collections.reverse(keys);
        keys.forEach(k -> reversed.put(k, o.members().get(k)));
        assertThat(Hashes.digestOf(new JsonObject(reversed))).isEqualTo(Hashes.digestOf(input));
    }

    @Test
    void the_model_digest_is_the_digest_of_its_json() {
        assertThat(WorkedExample.input().digest()).isEqualTo(Hashes.digestOf(input));
    }

    /**
     * Every tree that differs from {@code value} in one place — a leaf changed, an array element
     * dropped, a member dropped — rebuilt into the whole document by {@code rebuild}.
     */
    private static void mutations(JsonValue value, Function<JsonValue, JsonValue> rebuild, List<JsonValue> out) {
        if (value instanceof JsonObject o) {
            for (String key : o.members().keySet()) {
                Map<String, JsonValue> without = new LinkedHashMap<>(o.members());
                without.remove(key);
                out.add(rebuild.apply(new JsonObject(without)));
                mutations(o.members().get(key), v -> {
                    Map<String, JsonValue> changed = new LinkedHashMap<>(o.members());
                    changed.put(key, v);
                    return rebuild.apply(new JsonObject(changed));
                }, out);
            }
        } else if (value instanceof JsonArray a) {
            for (int i = 0; i < a.elements().size(); i++) {
                final int index = i;
                List<JsonValue> without = new ArrayList<>(a.elements());
                without.remove(index);
                out.add(rebuild.apply(new JsonArray(without)));
                mutations(a.elements().get(i), v -> {
                    List<JsonValue> changed = new ArrayList<>(a.elements());
                    changed.set(index, v);
                    return rebuild.apply(new JsonArray(changed));
                }, out);
            }
        } else if (value instanceof JsonString s) {
            out.add(rebuild.apply(new JsonString(s.value() + "x")));
        } else if (value instanceof JsonNumber n) {
            out.add(rebuild.apply(new JsonNumber(n.value() + 1)));
        } else if (value instanceof JsonBoolean b) {
            out.add(rebuild.apply(JsonBoolean.of(!b.value())));
        }
    }
}
