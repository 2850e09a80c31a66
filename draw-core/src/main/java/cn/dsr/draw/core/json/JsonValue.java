package cn.dsr.draw.core.json;

/**
 * A JSON value as draw documents use it: no floating point, integers within ±(2^53 − 1).
 * Records give structural equality, so two trees compare equal exactly when their canonical
 * forms are equal.
 */
public sealed interface JsonValue permits JsonObject, JsonArray, JsonString, JsonNumber, JsonBoolean, JsonNull {

    /** A short name of the JSON type, for error messages. */
    String typeName();
}
