package cn.dsr.draw.core.draw;

import java.util.List;
import java.util.function.Function;

/** Shared refusals for the identifiers and sorted lists of a draw document. */
public final class Identifiers {

    private Identifiers() {
    }

    /**
     * Refuses empty identifiers and NUL characters: ranks hash ids joined by 0x00, so a NUL
     * inside an id would let two different (stratum, entity) pairs hash the same bytes.
     */
    public static String require(String value, String what) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(what + " must not be empty");
        }
        if (value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException(what + " must not contain NUL: \"" + value.replace("\0", "\\u0000") + "\"");
        }
        return value;
    }

    /** Refuses a list not strictly ascending by key (UTF-16 code units, as JCS sorts member names). */
    public static <T> void requireStrictlyAscending(List<T> items, Function<T, String> key, String what) {
        for (int i = 1; i < items.size(); i++) {
            int c = key.apply(items.get(i - 1)).compareTo(key.apply(items.get(i)));
            if (c == 0) {
                throw new IllegalArgumentException(what + " lists \"" + key.apply(items.get(i)) + "\" twice");
            }
            if (c > 0) {
                throw new IllegalArgumentException(what + " is not sorted: \"" + key.apply(items.get(i))
                        + "\" comes after \"" + key.apply(items.get(i - 1)) + "\"");
            }
        }
    }
}
