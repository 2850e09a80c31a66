package cn.dsr.draw.core.draw;

import cn.dsr.draw.core.Hashes;
import cn.dsr.draw.core.json.Jcs;
import cn.dsr.draw.core.json.JsonArray;
import cn.dsr.draw.core.json.JsonFields;
import cn.dsr.draw.core.json.JsonObject;
import cn.dsr.draw.core.json.JsonValue;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The randomness collected after the commitment. Values arrive in any order (reveals, a lottery
 * result), and the seed is defined over them sorted by source, so this list is normalised by
 * sorting; a source given twice is refused. At least one value is required: without one the
 * seed would follow from the published input alone.
 */
public record Randomness(List<RandomnessValue> values) {

    public Randomness {
        values = values.stream().sorted(Comparator.comparing(RandomnessValue::source)).toList();
        if (values.isEmpty()) {
            throw new IllegalArgumentException("a draw needs at least one randomness value");
        }
        Identifiers.requireStrictlyAscending(values, RandomnessValue::source, "randomness");
    }

    public Optional<RandomnessValue> get(String source) {
        return values.stream().filter(v -> v.source().equals(source)).findFirst();
    }

    /** {@code {"format": "dsr-draw/1", "inputDigest": <hex>, "randomness": [...sorted by source]}}. */
    public JsonObject seedDocument(String inputDigest) {
        return JsonObject.builder()
                .put("format", DrawInput.FORMAT)
                .put("inputDigest", inputDigest)
                .put("randomness", toJson())
                .build();
    }

    /** {@code seed = H(JCS(seed document))}, 32 raw bytes. */
    public byte[] seed(String inputDigest) {
        return Hashes.sha256(Jcs.canonicalBytes(seedDocument(inputDigest)));
    }

    public JsonArray toJson() {
        return new JsonArray(values.stream().map(v -> (JsonValue) v.toJson()).toList());
    }

    public static Randomness fromJson(JsonValue value, String path) {
        return new Randomness(JsonFields.list(value, path, RandomnessValue::fromJson));
    }
}
