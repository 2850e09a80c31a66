package cn.dsr.draw.core.json;

/**
 * An integer with |n| < 2^53: exactly the integers every JSON implementation (including
 * IEEE-754 doubles, as RFC 8785 assumes) represents without loss.
 */
public record JsonNumber(long value) implements JsonValue {

    public static final long MAX_MAGNITUDE = (1L << 53) - 1;

    public JsonNumber {
        if (value > MAX_MAGNITUDE || value < -MAX_MAGNITUDE) {
            throw new IllegalArgumentException("integer " + value + " out of range: |n| must be < 2^53");
        }
    }

    @Override
    public String typeName() {
        return "integer";
    }
}
