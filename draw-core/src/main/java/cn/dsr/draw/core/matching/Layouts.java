package cn.dsr.draw.core.matching;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Layouts of a visit's required expertise over its slots (§14.5a): {@code slotOf[k]} is the slot
 * that must cover tag k. Only normal forms are listed — slots of one class (officer slots 0–1,
 * other slots 2…) are first used in ascending order — since swapping two slots of a class changes
 * no lawful team, only the order of its members.
 */
final class Layouts {

    private Layouts() {
    }

    /** The slot model's layout: tag k to slot k mod T. */
    static int[] spread(int tags, int teamSize) {
        int[] slotOf = new int[tags];
        for (int k = 0; k < tags; k++) {
            slotOf[k] = k % teamSize;
        }
        return slotOf;
    }

    /**
     * The spread layout first, then every other normal form in lexicographic order of
     * (slotOf[0], slotOf[1], …); at most {@code limit + 1} of them, so a caller can tell the list was cut.
     */
    static List<int[]> of(int tags, int teamSize, int limit) {
        int[] spread = spread(tags, teamSize);
        List<int[]> all = new ArrayList<>();
        all.add(spread);
        list(new int[tags], 0, -1, 1, teamSize, spread, all, limit + 1);
        return all;
    }

    private static void list(int[] slotOf, int k, int lastOfficer, int lastOther, int teamSize, int[] spread,
            List<int[]> out, int cap) {
        if (out.size() >= cap) {
            return;
        }
        if (k == slotOf.length) {
            if (!Arrays.equals(slotOf, spread)) {
                out.add(slotOf.clone());
            }
            return;
        }
        for (int s = 0; s < teamSize; s++) {
            boolean officerSlot = s < 2;
            if (officerSlot ? s > lastOfficer + 1 : s > lastOther + 1) {
                continue;
            }
            slotOf[k] = s;
            list(slotOf, k + 1, officerSlot ? Math.max(lastOfficer, s) : lastOfficer,
                    officerSlot ? lastOther : Math.max(lastOther, s), teamSize, spread, out, cap);
        }
    }
}
