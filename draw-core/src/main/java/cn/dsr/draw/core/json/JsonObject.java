package cn.dsr.draw.core.json;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A JSON object; members keep their insertion order (canonical output sorts them anyway). */
public record JsonObject(Map<String, JsonValue> members) implements JsonValue {

    public JsonObject {
        members = Members.of(members);
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String typeName() {
        return "object";
    }

    /** Builds an object in the order members are added, refusing a key given twice. */
    public static final class Builder {
        private static final int HASH_ABOVE = 8;

        private final List<String> keys = new ArrayList<>(4);
        private final List<JsonValue> values = new ArrayList<>(4);
        private Set<String> seen;

        private Builder() {
        }

        /** Whether the key is already present; a hash set only once the object is large. */
        boolean has(String key) {
            if (seen != null) {
                return seen.contains(key);
            }
            return keys.contains(key);
        }

        public Builder put(String key, JsonValue value) {
            if (key == null || value == null) {
                throw new IllegalArgumentException("JSON object members need a key and a value");
            }
            if (has(key)) {
                throw new IllegalArgumentException("duplicate key '" + key + "'");
            }
            keys.add(key);
            values.add(value);
            if (seen != null) {
                seen.add(key);
            } else if (keys.size() > HASH_ABOVE) {
                seen = new HashSet<>(keys);
            }
            return this;
        }

        public Builder put(String key, String value) {
            return put(key, new JsonString(value));
        }

        public Builder put(String key, long value) {
            return put(key, new JsonNumber(value));
        }

        public Builder put(String key, boolean value) {
            return put(key, JsonBoolean.of(value));
        }

        public JsonObject build() {
            return new JsonObject(new Members(keys.toArray(new String[0]), values.toArray(new JsonValue[0])));
        }
    }
}
