package cn.dsr.draw.core.draw;

import cn.dsr.draw.core.json.JsonValue;

import java.util.List;

/**
 * The inspector matching, plugged into the draw and the verifier alike: verifying it means
 * recomputing it. Its inputs come from {@code input.matching}; it may draw only from the seed.
 */
@FunctionalInterface
public interface InspectorMatching {

    /** Until DRAW-SPEC §6 is written there is nothing to compute, so draws with a matching are refused. */
    InspectorMatching UNSPECIFIED = (matchingInput, seed, selected) -> {
        throw new UnsupportedOperationException("the inspector matching of " + DrawInput.FORMAT
                + " is not specified yet (DRAW-SPEC §6)");
    };

    /** The {@code output.assignments} for this matching input, seed and entity selection. */
    JsonValue assign(JsonValue matchingInput, byte[] seed, List<Selected> selected);
}
