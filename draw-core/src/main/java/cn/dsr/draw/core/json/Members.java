package cn.dsr.draw.core.json;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * The immutable members of a {@link JsonObject}: two arrays in insertion order. A draw input
 * holds a million two-member objects, so this keeps each far smaller than a LinkedHashMap;
 * larger objects get a hash index so lookups stay constant-time on hostile input.
 */
final class Members extends AbstractMap<String, JsonValue> {

    private static final int INDEX_ABOVE = 8;

    private final String[] keys;
    private final JsonValue[] values;
    private final Map<String, Integer> index;

    /** Takes ownership of the arrays; keys must be distinct and nothing null. */
    Members(String[] keys, JsonValue[] values) {
        this.keys = keys;
        this.values = values;
        if (keys.length > INDEX_ABOVE) {
            index = new HashMap<>(keys.length * 2);
            for (int i = 0; i < keys.length; i++) {
                index.put(keys[i], i);
            }
        } else {
            index = null;
        }
    }

    static Members of(Map<String, JsonValue> members) {
        if (members instanceof Members m) {
            return m;
        }
        String[] keys = new String[members.size()];
        JsonValue[] values = new JsonValue[members.size()];
        int i = 0;
        for (Map.Entry<String, JsonValue> e : members.entrySet()) {
            if (e.getKey() == null || e.getValue() == null) {
                throw new IllegalArgumentException("JSON object members need a key and a value");
            }
            keys[i] = e.getKey();
            values[i++] = e.getValue();
        }
        return new Members(keys, values);
    }

    private int find(Object key) {
        if (index != null) {
            Integer i = index.get(key);
            return i == null ? -1 : i;
        }
        for (int i = 0; i < keys.length; i++) {
            if (keys[i].equals(key)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public int size() {
        return keys.length;
    }

    @Override
    public boolean containsKey(Object key) {
        return find(key) >= 0;
    }

    @Override
    public JsonValue get(Object key) {
        int i = find(key);
        return i < 0 ? null : values[i];
    }

    @Override
    public Set<Map.Entry<String, JsonValue>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public int size() {
                return keys.length;
            }

            @Override
            public Iterator<Map.Entry<String, JsonValue>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < keys.length;
                    }

                    @Override
                    public Map.Entry<String, JsonValue> next() {
                        if (next >= keys.length) {
                            throw new NoSuchElementException();
                        }
                        int i = next++;
                        return new SimpleImmutableEntry<>(keys[i], values[i]);
                    }
                };
            }
        };
    }
}
