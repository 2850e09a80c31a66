package cn.dsr.draw.core.draw;

import cn.dsr.draw.core.json.JsonValue;

import java.util.List;

/**
 * The inspector matching, plugged into the draw and the verifier alike: verifying it means
 * recomputing it. Its inputs come from {@code input.matching}; it may draw only from the seed.
 * The format's own is {@code cn.dsr.draw.core.matching.Matching.DSR}.
 */
@FunctionalInterface
public interface InspectorMatching {

    /** The {@code output.assignments} for this input (which has a matching), seed and entity selection. */
    JsonValue assign(DrawInput input, byte[] seed, List<Selected> selected);
}
