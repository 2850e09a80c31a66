package cn.dsr.draw.core.draw;

import cn.dsr.draw.core.json.JsonFields;
import cn.dsr.draw.core.json.JsonObject;
import cn.dsr.draw.core.json.JsonValue;

import java.util.regex.Pattern;

/**
 * An entity left out of the draw and why. The reason is an upper-snake code; the codes the
 * project assigns are those of {@code cn.dsr.draw.core.eligibility.ExclusionReason}, but a
 * record is readable whatever code it carries.
 */
public record Exclusion(String entity, String reason) {

    private static final Pattern REASON = Pattern.compile("[A-Z][A-Z0-9_]*");

    public Exclusion {
        Identifiers.require(entity, "excluded entity");
        if (reason == null || !REASON.matcher(reason).matches()) {
            throw new IllegalArgumentException("exclusion reason of " + entity + " must be an UPPER_SNAKE code, got " + reason);
        }
    }

    JsonObject toJson() {
        return JsonObject.builder().put("entity", entity).put("reason", reason).build();
    }

    static Exclusion fromJson(JsonValue value, String path) {
        JsonFields f = JsonFields.of(value, path).allowOnly("entity", "reason");
        return new Exclusion(f.string("entity"), f.string("reason"));
    }
}
