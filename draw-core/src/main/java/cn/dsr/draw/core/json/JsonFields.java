package cn.dsr.draw.core.json;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;

/**
 * Typed, path-aware reading of one JSON object, so that a malformed document is refused with
 * the exact place of the problem ("input.strata[2].ratioBp: expected an integer, found string").
 */
public final class JsonFields {

    private final JsonObject object;
    private final String path;

    private JsonFields(JsonObject object, String path) {
        this.object = object;
        this.path = path;
    }

    /** Reads {@code value} as an object found at {@code path}. */
    public static JsonFields of(JsonValue value, String path) {
        if (value instanceof JsonObject o) {
            return new JsonFields(o, path);
        }
        throw new JsonException(path + ": expected an object, found " + value.typeName());
    }

    /** Refuses members other than {@code allowed}: unknown keys would be hashed but never checked. */
    public JsonFields allowOnly(String... allowed) {
        List<String> allowedKeys = Arrays.asList(allowed);
        // Only a failure builds a set: a million population entries pass through here.
        for (String key : object.members().keySet()) {
            if (!allowedKeys.contains(key)) {
                Set<String> unknown = new TreeSet<>(object.members().keySet());
                allowedKeys.forEach(unknown::remove);
                throw new JsonException(path + ": unknown member(s) " + unknown);
            }
        }
        return this;
    }

    public Optional<JsonValue> optional(String key) {
        return Optional.ofNullable(object.members().get(key));
    }

    public JsonValue required(String key) {
        JsonValue value = object.members().get(key);
        if (value == null) {
            throw new JsonException(path(key) + ": missing");
        }
        return value;
    }

    public String string(String key) {
        return as(key, JsonString.class, "a string").value();
    }

    public Optional<String> optionalString(String key) {
        return object.members().containsKey(key) ? Optional.of(string(key)) : Optional.empty();
    }

    public boolean bool(String key) {
        return as(key, JsonBoolean.class, "a boolean").value();
    }

    public int intValue(String key) {
        long value = as(key, JsonNumber.class, "an integer").value();
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw new JsonException(path(key) + ": " + value + " is too large");
        }
        return (int) value;
    }

    /** Reads an array member, converting each element with its own path ({@code key[i]}). */
    public <T> List<T> list(String key, BiFunction<JsonValue, String, T> element) {
        return list(as(key, JsonArray.class, "an array"), path(key), element);
    }

    public static <T> List<T> list(JsonValue value, String path, BiFunction<JsonValue, String, T> element) {
        if (!(value instanceof JsonArray array)) {
            throw new JsonException(path + ": expected an array, found " + value.typeName());
        }
        List<T> result = new ArrayList<>(array.elements().size());
        for (int i = 0; i < array.elements().size(); i++) {
            result.add(element.apply(array.elements().get(i), path + "[" + i + "]"));
        }
        return result;
    }

    public String path(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    private <T extends JsonValue> T as(String key, Class<T> type, String expected) {
        JsonValue value = required(key);
        if (!type.isInstance(value)) {
            throw new JsonException(path(key) + ": expected " + expected + ", found " + value.typeName());
        }
        return type.cast(value);
    }
}
