package cn.dsr.draw.core.draw;

import cn.dsr.draw.core.json.JsonObject;

/** The published draw record {@code {input, randomness, output, resultDigest}}. */
public record DrawRecord(DrawInput input, Randomness randomness, DrawOutput output) {

    public DrawRecord {
        if (!input.drawId().equals(output.drawId())) {
            throw new IllegalArgumentException("output of draw " + output.drawId() + " paired with input of " + input.drawId());
        }
    }

    public String resultDigest() {
        return output.digest();
    }

    public JsonObject toJson() {
        return JsonObject.builder()
                .put("input", input.toJson())
                .put("randomness", randomness.toJson())
                .put("output", output.toJson())
                .put("resultDigest", resultDigest())
                .build();
    }
}
