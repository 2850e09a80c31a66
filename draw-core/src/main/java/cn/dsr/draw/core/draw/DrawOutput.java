package cn.dsr.draw.core.draw;

import cn.dsr.draw.core.Hashes;
import cn.dsr.draw.core.json.JsonArray;
import cn.dsr.draw.core.json.JsonObject;
import cn.dsr.draw.core.json.JsonValue;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The draw output: selections in input stratum order, each stratum in selection order.
 *
 * @param assignments the inspector-matching output, opaque here; absent for an entity-only draw
 */
public record DrawOutput(String drawId, String inputDigest, String seed, List<Selected> selected,
        Optional<JsonValue> assignments) {

    public DrawOutput {
        Identifiers.require(drawId, "drawId");
        if (!Hashes.isLowerHex(inputDigest, 64) || !Hashes.isLowerHex(seed, 64)) {
            throw new IllegalArgumentException("inputDigest and seed are 64 lowercase hex digits");
        }
        selected = List.copyOf(selected);
        Objects.requireNonNull(assignments, "assignments");
    }

    /** {@code resultDigest = hex(H(JCS(output)))}. */
    public String digest() {
        return Hashes.digestOf(toJson());
    }

    public JsonObject toJson() {
        JsonObject.Builder b = JsonObject.builder()
                .put("format", DrawInput.FORMAT)
                .put("drawId", drawId)
                .put("inputDigest", inputDigest)
                .put("seed", seed)
                .put("selected", new JsonArray(selected.stream().map(s -> (JsonValue) s.toJson()).toList()));
        assignments.ifPresent(a -> b.put("assignments", a));
        return b.build();
    }
}
