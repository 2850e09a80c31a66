package cn.dsr.draw.core.draw;

import java.util.Optional;

/**
 * Names of randomness sources: {@code party:<id>} (commit-reveal), {@code beacon:<name>:<round>}
 * and {@code lottery:<name>:<date>} (public values).
 */
final class SourceNames {

    static final String PARTY = "party:";

    private SourceNames() {
    }

    static String require(String source) {
        Identifiers.require(source, "randomness source");
        if (source.startsWith(PARTY)) {
            if (source.length() == PARTY.length()) {
                throw new IllegalArgumentException("randomness source \"" + source + "\" names no party");
            }
            return source;
        }
        for (String kind : new String[] {"beacon:", "lottery:"}) {
            if (source.startsWith(kind)) {
                String rest = source.substring(kind.length());
                int colon = rest.lastIndexOf(':');
                if (colon <= 0 || colon == rest.length() - 1) {
                    throw new IllegalArgumentException("randomness source \"" + source + "\" must read " + kind
                            + "<name>:<" + (kind.equals("beacon:") ? "round" : "date") + ">");
                }
                return source;
            }
        }
        throw new IllegalArgumentException("randomness source \"" + source
                + "\" must start with party:, beacon: or lottery:");
    }

    static Optional<String> partyId(String source) {
        return source.startsWith(PARTY) ? Optional.of(source.substring(PARTY.length())) : Optional.empty();
    }
}
