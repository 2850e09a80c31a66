package cn.dsr.draw.core.draw;

import cn.dsr.draw.core.Hashes;
import cn.dsr.draw.core.json.JsonFields;
import cn.dsr.draw.core.json.JsonObject;
import cn.dsr.draw.core.json.JsonValue;

/** One collected random value: a party's revealed secret (64 hex digits) or a published public value. */
public record RandomnessValue(String source, String value) {

    public RandomnessValue {
        SourceNames.require(source);
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("randomness " + source + " has no value");
        }
        if (SourceNames.partyId(source).isPresent() && !Hashes.isLowerHex(value, 64)) {
            throw new IllegalArgumentException("randomness " + source
                    + ": a party reveals its 32-byte secret as 64 lowercase hex digits");
        }
    }

    public static RandomnessValue partySecret(String partyId, String secretHex) {
        return new RandomnessValue(SourceNames.PARTY + partyId, secretHex);
    }

    JsonObject toJson() {
        return JsonObject.builder().put("source", source).put("value", value).build();
    }

    static RandomnessValue fromJson(JsonValue value, String path) {
        JsonFields f = JsonFields.of(value, path).allowOnly("source", "value");
        return new RandomnessValue(f.string("source"), f.string("value"));
    }
}
