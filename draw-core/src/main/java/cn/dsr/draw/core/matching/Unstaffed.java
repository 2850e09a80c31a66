package cn.dsr.draw.core.matching;

import java.util.List;
import java.util.Map;

/**
 * A slot no complete assignment can fill, and the constraint that binds (§14.5).
 *
 * @param constraint {@code NO_ELIGIBLE}, {@code TEAM}, {@code CAPACITY} or {@code SEARCH_LIMIT}
 * @param excluded   the visit's exclusion counts by reason, to show what emptied the pool
 */
public record Unstaffed(String entity, int slot, boolean officerSlot, List<String> expertise, int eligible,
        String constraint, Map<Reason, Integer> excluded) {

    public static final String NO_ELIGIBLE = "NO_ELIGIBLE";
    public static final String TEAM = "TEAM";
    public static final String CAPACITY = "CAPACITY";
    /** The search over layouts (§14.5a) gave up: neither a complete assignment nor its absence was shown. */
    public static final String SEARCH_LIMIT = "SEARCH_LIMIT";

    /** One line for a problem answer: "slot 1 (officer, WATER): NO_ELIGIBLE — 0 eligible; CONFLICT 2, …". */
    public String explain() {
        StringBuilder b = new StringBuilder("slot ").append(slot).append(" (").append(officerSlot ? "officer" : "any kind");
        expertise.forEach(e -> b.append(", ").append(e));
        b.append("): ").append(constraint).append(" — ").append(eligible).append(" eligible");
        excluded.forEach((reason, n) -> b.append("; ").append(reason).append(' ').append(n));
        return b.toString();
    }
}
