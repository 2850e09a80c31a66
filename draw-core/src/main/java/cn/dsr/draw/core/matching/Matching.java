package cn.dsr.draw.core.matching;

import cn.dsr.draw.core.Hashes;
import cn.dsr.draw.core.draw.InspectorMatching;
import cn.dsr.draw.core.draw.Selected;
import cn.dsr.draw.core.json.JsonArray;
import cn.dsr.draw.core.json.JsonValue;
import cn.dsr.draw.core.matching.MatchingInput.EntityFacts;
import cn.dsr.draw.core.matching.MatchingInput.Inspector;
import cn.dsr.draw.core.matching.MatchingInput.PlanSettings;

import java.nio.charset.StandardCharsets;
import java.security.DigestException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The inspector matching of dsr-draw/1 (docs/draw-format.md §14): eligibility with reason
 * codes, uniform seed-derived picks, completion by augmenting paths (max-flow), refusal when no
 * complete assignment exists, and the replacement draw. One instance per draw; not thread-safe.
 */
public final class Matching {

    /** The plug-in the draw and the verifier use. */
    public static final InspectorMatching DSR = (input, seed, selected) ->
            new JsonArray(new Matching(MatchingInput.of(input), seed, selected).assign().stream()
                    .map(a -> (JsonValue) a.toJson()).toList());

    private static final long TWO_48 = 1L << 48;
    private static final Reason[] REASONS = Reason.values();
    /** The search of §14.5a gives up (SEARCH_LIMIT) after this many failed layouts. */
    static final int FAILED_LAYOUTS = 10_000;
    private static final int DONE = 0;
    private static final int EXHAUSTED = 1;
    private static final int LIMIT = 2;

    private final byte[] seed;
    private final MessageDigest md = Hashes.sha256();

    // The roster, as arrays indexed by inspector position (ascending id).
    private final int n;
    private final String[] ids;
    private final Map<String, Integer> index = new HashMap<>();
    private final byte[] base;          // 0, or 1 + ordinal of an inspector-level reason
    private final boolean[] officer;
    private final int[] district;
    private final int[] capacity;
    private final int words;
    private final long[] skills;        // words per inspector
    private final Map<String, Integer> districts = new HashMap<>();

    private final List<Visit> visits = new ArrayList<>();      // record order
    private final Map<String, Visit> byEntity = new HashMap<>();

    // The flow: slots are numbered in processing order, then slot order.
    private Visit[] processing;
    private int[] holder;
    private int[] used;
    private int[][] held;               // per inspector: its slots, ascending
    private int[] heldCount;

    // The search for augmenting paths: marks are epochs, so nothing is cleared between searches.
    private int epoch;
    private int[] parentSlot;
    private int[] parentInspector;
    private int[] slotMark;
    private boolean[] deadSlot;
    private int[] queue;
    private int[] inspectorMark;
    private boolean[] deadInspector;
    private int[] reached;
    private int[] memberOf;
    private int[] slotType;
    private Visit[] visitOf;
    private int[] logSlot;              // the search's undo log: slot and its previous holder
    private int[] logHolder;
    private int logSize;
    private final Map<String, Integer> types = new HashMap<>();
    private final List<Boolean> typeOfficer = new ArrayList<>();
    private final List<Integer> typeDistrict = new ArrayList<>();
    private final List<long[]> typeNeed = new ArrayList<>();
    private int[][] typeLists;
    private int[] typeEpoch;
    private int[][] skipped;
    private int[] skippedCount;

    /** One visit (§14.2) and what its draw recorded. */
    private static final class Visit {
        final String entity;
        final List<String> plans = new ArrayList<>();
        int teamSize;
        int capBp = Integer.MAX_VALUE;
        final TreeSet<String> expertise = new TreeSet<>();
        boolean rotation;
        boolean cross;
        final EntityFacts facts;
        int district;
        int[] conflicts;
        int[] previous;
        String[] tags;                  // E(v), sorted
        int[] tagBits;
        long[] slotSkills;
        List<List<String>> slotExpertise;
        int first;                      // its first slot in processing numbering
        int[] eligible;
        int[] candidates;
        final int[] excluded = new int[REASONS.length];
        boolean repaired;

        Visit(String entity, EntityFacts facts) {
            this.entity = entity;
            this.facts = facts;
        }
    }

    public Matching(MatchingInput input, byte[] seed, List<Selected> selected) {
        if (seed.length != Hashes.SHA256_BYTES) {
            throw new IllegalArgumentException("a seed is 32 bytes, got " + seed.length);
        }
        this.seed = seed.clone();
        Map<String, Integer> skillBits = new HashMap<>();
        for (PlanSettings p : input.plans()) {
            p.expertise().forEach(e -> skillBits.putIfAbsent(e, skillBits.size()));
        }
        List<Inspector> roster = input.inspectors();
        for (Inspector i : roster) {
            i.expertise().forEach(e -> skillBits.putIfAbsent(e, skillBits.size()));
        }
        n = roster.size();
        words = Math.max(1, (skillBits.size() + 63) / 64);
        ids = new String[n];
        base = new byte[n];
        officer = new boolean[n];
        district = new int[n];
        capacity = new int[n];
        skills = new long[n * words];
        for (int i = 0; i < n; i++) {
            Inspector in = roster.get(i);
            ids[i] = in.inspector();
            index.put(in.inspector(), i);
            officer[i] = in.officer();
            district[i] = districtCode(in.district());
            capacity[i] = in.capacity();
            for (String e : in.expertise()) {
                int bit = skillBits.get(e);
                skills[i * words + bit / 64] |= 1L << (bit % 64);
            }
            Reason r = !MatchingInput.IN_POST.equals(in.status()) ? Reason.NOT_IN_POST
                    : in.officer() && in.certificateValidUntil().map(d -> d.compareTo(input.validThrough()) < 0).orElse(true)
                            ? Reason.CERTIFICATE
                            : in.capacity() == 0 ? Reason.NO_CAPACITY : null;
            base[i] = r == null ? 0 : (byte) (r.ordinal() + 1);
        }
        buildVisits(input, selected, skillBits);
    }

    private int districtCode(String d) {
        return districts.computeIfAbsent(d, k -> districts.size());
    }

    private void buildVisits(MatchingInput input, List<Selected> selected, Map<String, Integer> skillBits) {
        Map<String, PlanSettings> planOfStratum = new HashMap<>();
        input.plans().forEach(p -> p.strata().forEach(s -> planOfStratum.put(s, p)));
        Map<String, EntityFacts> facts = new HashMap<>();
        input.entities().forEach(e -> facts.put(e.entity(), e));
        for (Selected s : selected) {
            PlanSettings plan = planOfStratum.get(s.stratum());
            if (plan == null) {
                continue;
            }
            Visit v = byEntity.get(s.entity());
            if (v == null) {
                EntityFacts f = facts.get(s.entity());
                if (f == null) {
                    throw new IllegalArgumentException("input.matching.entities does not list drawn entity " + s.entity());
                }
                v = new Visit(s.entity(), f);
                byEntity.put(s.entity(), v);
                visits.add(v);
            }
            if (!v.plans.contains(plan.plan())) {
                v.plans.add(plan.plan());
                v.teamSize = Math.max(v.teamSize, plan.teamSize());
                v.capBp = Math.min(v.capBp, plan.capBp());
                v.expertise.addAll(plan.expertise());
                v.rotation |= plan.rotation();
                v.cross |= plan.crossDistrict();
            }
        }
        for (Visit v : visits) {
            v.district = districtCode(v.facts.district());
            v.conflicts = positions(v.facts.conflicts());
            v.previous = v.rotation ? positions(v.facts.previous()) : new int[0];
            int t = v.teamSize;
            v.tags = v.expertise.toArray(String[]::new);
            v.tagBits = v.expertise.stream().mapToInt(skillBits::get).toArray();
            layOut(v, Layouts.spread(v.tags.length, t));
            v.eligible = new int[t];
            v.candidates = new int[t];
        }
    }

    /** Gives tag k of E(v) to slot {@code slotOf[k]}: a slot's member must have all its slot's tags. */
    private void layOut(Visit v, int[] slotOf) {
        int t = v.teamSize;
        v.slotSkills = new long[t * words];
        v.slotExpertise = new ArrayList<>();
        for (int s = 0; s < t; s++) {
            v.slotExpertise.add(new ArrayList<>());
        }
        for (int k = 0; k < slotOf.length; k++) {
            int s = slotOf[k];
            v.slotExpertise.get(s).add(v.tags[k]);
            v.slotSkills[s * words + v.tagBits[k] / 64] |= 1L << (v.tagBits[k] % 64);
        }
    }

    /** Roster positions of the ids that are on the roster, ascending (ids are sorted, and so are positions). */
    private int[] positions(List<String> inspectorIds) {
        return inspectorIds.stream().map(index::get).filter(i -> i != null).mapToInt(Integer::intValue).toArray();
    }

    // ---- eligibility (§14.3)

    /** The reason inspector i may not fill slot s of the visit to {@code entity}, or null when eligible. */
    public Reason reason(String inspector, String entity, int slot) {
        Integer i = index.get(inspector);
        Visit v = byEntity.get(entity);
        if (i == null || v == null || slot < 0 || slot >= v.teamSize) {
            throw new IllegalArgumentException("no slot " + slot + " of a visit to " + entity + " for inspector " + inspector);
        }
        int r = visitReason(i, v);
        return r != 0 ? REASONS[r - 1] : slotReason(i, v, slot);
    }

    private int visitReason(int i, Visit v) {
        if (base[i] != 0) {
            return base[i];
        }
        if (Arrays.binarySearch(v.conflicts, i) >= 0) {
            return Reason.CONFLICT.ordinal() + 1;
        }
        if (Arrays.binarySearch(v.previous, i) >= 0) {
            return Reason.ROTATION.ordinal() + 1;
        }
        return v.cross && district[i] == v.district ? Reason.SAME_DISTRICT.ordinal() + 1 : 0;
    }

    private Reason slotReason(int i, Visit v, int s) {
        if (s < 2 && !officer[i]) {
            return Reason.NOT_OFFICER;
        }
        return covers(i, v, s) ? null : Reason.EXPERTISE;
    }

    private boolean covers(int i, Visit v, int s) {
        for (int w = 0; w < words; w++) {
            long need = v.slotSkills[s * words + w];
            if ((skills[i * words + w] & need) != need) {
                return false;
            }
        }
        return true;
    }

    private boolean eligible(int i, Visit v, int s) {
        return visitReason(i, v) == 0 && (s >= 2 || officer[i]) && covers(i, v, s);
    }

    // ---- the draw (§14.4–14.7)

    /** The assignments in record order; throws when no complete assignment exists. */
    public List<Assignment> assign() {
        order();
        int[][] lists = new int[MatchingInput.MAX_TEAM][n];
        int[] sizes = new int[MatchingInput.MAX_TEAM];
        byte[] pair = new byte[n];
        for (Visit v : processing) {
            scan(v, lists, sizes, pair);
            for (int s = 0; s < v.teamSize; s++) {
                pick(v, s, lists[s], sizes[s]);
            }
        }
        if (!complete()) {
            relay();
        }
        List<Assignment> result = new ArrayList<>(visits.size());
        for (Visit v : visits) {
            result.add(assignment(v));
        }
        return result;
    }

    /** Processing order: by {@code H(seed ‖ "match" ‖ 0 ‖ "order" ‖ 0 ‖ entity)}, ties by entity. */
    private void order() {
        byte[] prefix = prefix("order");
        Map<Visit, byte[]> rank = new HashMap<>();
        for (Visit v : visits) {
            md.update(prefix);
            md.update(v.entity.getBytes(StandardCharsets.UTF_8));
            rank.put(v, md.digest());
        }
        processing = visits.toArray(new Visit[0]);
        Arrays.sort(processing, Comparator.<Visit, byte[]>comparing(rank::get, Arrays::compareUnsigned)
                .thenComparing(v -> v.entity));
        int slots = 0;
        for (Visit v : processing) {
            v.first = slots;
            slots += v.teamSize;
        }
        holder = new int[slots];
        Arrays.fill(holder, -1);
        used = new int[n];
        held = new int[n][];
        heldCount = new int[n];
    }

    /**
     * Counts the visit's exclusions and each slot's eligible inspectors, and lists those of them
     * still below capacity, ascending: the slot's candidates but for the visit's own members.
     */
    private void scan(Visit v, int[][] lists, int[] sizes, byte[] pair) {
        for (int c : v.conflicts) {
            pair[c] = (byte) (Reason.CONFLICT.ordinal() + 1);
        }
        for (int p : v.previous) {
            if (pair[p] == 0) {
                pair[p] = (byte) (Reason.ROTATION.ordinal() + 1);
            }
        }
        byte sameDistrict = (byte) (Reason.SAME_DISTRICT.ordinal() + 1);
        int t = v.teamSize;
        Arrays.fill(sizes, 0, t, 0);
        for (int i = 0; i < n; i++) {
            int r = base[i];
            if (r == 0) {
                r = pair[i];
                if (r == 0 && v.cross && district[i] == v.district) {
                    r = sameDistrict;
                }
            }
            if (r != 0) {
                v.excluded[r - 1]++;
                continue;
            }
            boolean free = used[i] < capacity[i];
            for (int s = 0; s < t; s++) {
                if ((s >= 2 || officer[i]) && covers(i, v, s)) {
                    v.eligible[s]++;
                    if (free) {
                        lists[s][sizes[s]++] = i;
                    }
                }
            }
        }
        for (int c : v.conflicts) {
            pair[c] = 0;
        }
        for (int p : v.previous) {
            pair[p] = 0;
        }
    }

    /**
     * Picks slot s among {@code free[0..size)} without the members the visit already has: the
     * j-th candidate is found by stepping over the members' positions, not by walking the list.
     */
    private void pick(Visit v, int s, int[] free, int size) {
        int[] members = new int[s];
        int n = 0;
        for (int t = 0; t < s; t++) {
            int at = holder[v.first + t] < 0 ? -1 : Arrays.binarySearch(free, 0, size, holder[v.first + t]);
            if (at >= 0) {
                members[n++] = at;
            }
        }
        Arrays.sort(members, 0, n);
        int m = size - n;
        v.candidates[s] = m;
        if (m == 0) {
            return;
        }
        int at = uniform(m, prefix("pick", v.entity, Integer.toString(s)));
        for (int k = 0; k < n; k++) {
            if (members[k] <= at) {
                at++;
            }
        }
        setHolder(v.first + s, free[at]);
    }

    private void addHeld(int i, int slot) {
        int[] h = held[i];
        if (h == null) {
            h = held[i] = new int[Math.max(4, Math.min(capacity[i], 64))];
        } else if (heldCount[i] == h.length) {
            h = held[i] = Arrays.copyOf(h, h.length * 2);
        }
        int at = heldCount[i]++;
        while (at > 0 && h[at - 1] > slot) {
            h[at] = h[at - 1];
            at--;
        }
        h[at] = slot;
    }

    private void removeHeld(int i, int slot) {
        int[] h = held[i];
        int at = 0;
        while (h[at] != slot) {
            at++;
        }
        System.arraycopy(h, at + 1, h, at, heldCount[i] - at - 1);
        heldCount[i]--;
    }

    // ---- completion by augmenting paths (§14.5)

    /** Fills open slots by augmenting paths; false when slots stay open (the slot model's flow is not complete). */
    private boolean complete() {
        if (Arrays.stream(holder).allMatch(h -> h >= 0)) {
            return true;
        }
        int slots = holder.length;
        parentSlot = new int[slots];
        parentInspector = new int[slots];
        slotMark = new int[slots];
        deadSlot = new boolean[slots];
        queue = new int[slots];
        inspectorMark = new int[n];
        deadInspector = new boolean[n];
        reached = new int[n];
        memberOf = new int[n];
        Arrays.fill(memberOf, -1);
        Visit[] visitOf = new Visit[slots];
        slotType = new int[slots];
        for (Visit v : processing) {
            for (int s = 0; s < v.teamSize; s++) {
                visitOf[v.first + s] = v;
                slotType[v.first + s] = typeOf(v, s);
            }
        }
        typeLists = new int[types.size()][];
        typeEpoch = new int[types.size()];
        skipped = new int[types.size()][];
        skippedCount = new int[types.size()];
        boolean open = true;
        for (boolean progress = true; progress && open; ) {
            progress = false;
            open = false;
            for (int slot = 0; slot < holder.length; slot++) {
                if (holder[slot] < 0) {
                    if (augment(slot, visitOf)) {
                        progress = true;
                    } else {
                        open = true;
                    }
                }
            }
        }
        this.visitOf = visitOf;
        return !open;
    }

    /**
     * Breadth-first search for an augmenting path from an open slot (§14.5), finding exactly the
     * path the text describes while scanning far less. Slots and inspectors a failed search
     * reached can never reach a free inspector later (an augmentation only reverses edges of its
     * own path, which such nodes could not reach), so they are marked dead and skipped. An
     * inspector already seen contributes nothing unless it is on the visit. And slots share a
     * <em>type</em> (officer or not, expertise, excluded district): the first slot of a type
     * scans the type's inspectors, later ones only those the first left unseen (pair-level
     * exclusions, visit members) and their own visit's members.
     */
    private boolean augment(int start, Visit[] visitOf) {
        epoch++;
        int head = 0;
        int tail = 0;
        int seenInspectors = 0;
        queue[tail++] = start;
        slotMark[start] = epoch;
        int[] members = new int[MatchingInput.MAX_TEAM];
        while (head < tail) {
            int slot = queue[head++];
            Visit w = visitOf[slot];
            int type = slotType[slot];
            int[] list;
            int size;
            int m = 0;
            for (int s = 0; s < w.teamSize; s++) {
                int h = holder[w.first + s];
                if (h >= 0) {
                    memberOf[h] = w.first + s;
                    if (typeEligible(h, type)) {
                        members[m++] = h;
                    }
                }
            }
            Arrays.sort(members, 0, m);
            boolean first = typeEpoch[type] != epoch;
            if (first) {
                typeEpoch[type] = epoch;
                list = typeList(type);
                size = list.length;
                m = 0;      // every member is in the type's list
            } else {
                list = skipped[type];
                size = skippedCount[type];
            }
            int kept = 0;
            int[] keep = first ? skippedBuffer(type, size) : list;
            int found = -1;
            int a = 0;
            int b = 0;
            while ((a < size || b < m) && found < 0) {
                int i;
                boolean listed = b >= m || a < size && list[a] <= members[b];
                if (listed) {
                    i = list[a++];
                    if (b < m && members[b] == i) {
                        b++;
                    }
                } else {
                    i = members[b++];
                }
                int other = memberOf[i];
                if (other < 0 && (inspectorMark[i] == epoch || deadInspector[i])) {
                    continue;
                }
                if (i == holder[slot] || pairExcluded(i, w)) {
                    if (listed) {
                        keep[kept++] = i;
                    }
                    continue;
                }
                if (other >= 0) {
                    if (listed) {
                        keep[kept++] = i;
                    }
                    if (slotMark[other] != epoch && !deadSlot[other]) {
                        reach(other, slot, i);
                        queue[tail++] = other;
                    }
                } else if (used[i] < capacity[i]) {
                    found = i;
                } else {
                    inspectorMark[i] = epoch;
                    reached[seenInspectors++] = i;
                    for (int k = 0; k < heldCount[i]; k++) {
                        int h = held[i][k];
                        if (slotMark[h] != epoch && !deadSlot[h]) {
                            reach(h, slot, i);
                            queue[tail++] = h;
                        }
                    }
                }
            }
            skippedCount[type] = kept;
            for (int s = 0; s < w.teamSize; s++) {
                if (holder[w.first + s] >= 0) {
                    memberOf[holder[w.first + s]] = -1;
                }
            }
            if (found >= 0) {
                apply(start, slot, found, visitOf);
                return true;
            }
        }
        for (int k = 0; k < tail; k++) {
            deadSlot[queue[k]] = true;
        }
        for (int k = 0; k < seenInspectors; k++) {
            deadInspector[reached[k]] = true;
        }
        return false;
    }

    private boolean pairExcluded(int i, Visit v) {
        return Arrays.binarySearch(v.conflicts, i) >= 0 || Arrays.binarySearch(v.previous, i) >= 0;
    }

    /** A slot's type: whether it needs an officer, its expertise, and the district excluded (cross-district), if any. */
    private int typeOf(Visit v, int s) {
        long[] need = Arrays.copyOfRange(v.slotSkills, s * words, (s + 1) * words);
        String key = (s < 2 ? "O" : "A") + (v.cross ? v.district : -1) + Arrays.toString(need);
        return types.computeIfAbsent(key, k -> {
            typeOfficer.add(s < 2);
            typeDistrict.add(v.cross ? v.district : -1);
            typeNeed.add(need);
            return typeNeed.size() - 1;
        });
    }

    /** Eligible for every slot of the type but for pair-level exclusions (conflict, rotation). */
    private boolean typeEligible(int i, int type) {
        if (base[i] != 0 || typeOfficer.get(type) && !officer[i] || district[i] == typeDistrict.get(type)) {
            return false;
        }
        long[] need = typeNeed.get(type);
        for (int w = 0; w < words; w++) {
            if ((skills[i * words + w] & need[w]) != need[w]) {
                return false;
            }
        }
        return true;
    }

    private int[] typeList(int type) {
        if (typeLists[type] == null) {
            int[] list = new int[n];
            int size = 0;
            for (int i = 0; i < n; i++) {
                if (typeEligible(i, type)) {
                    list[size++] = i;
                }
            }
            typeLists[type] = Arrays.copyOf(list, size);
        }
        return typeLists[type];
    }

    private int[] skippedBuffer(int type, int size) {
        if (skipped[type] == null || skipped[type].length < size) {
            skipped[type] = new int[size];
        }
        return skipped[type];
    }

    private void reach(int slot, int from, int mover) {
        slotMark[slot] = epoch;
        parentSlot[slot] = from;
        parentInspector[slot] = mover;
    }

    /** The end slot takes the free inspector; back along the path each leaver takes its parent slot. */
    private void apply(int start, int end, int free, Visit[] visitOf) {
        int leaving = holder[end];
        holder[end] = free;
        used[free]++;
        addHeld(free, end);
        visitOf[end].repaired = true;
        int slot = end;
        while (slot != start) {
            int parent = parentSlot[slot];
            int mover = parentInspector[slot];
            if (mover != leaving) {
                throw new IllegalStateException("augmenting path out of step at slot " + slot);
            }
            removeHeld(mover, slot);
            leaving = holder[parent];
            holder[parent] = mover;
            addHeld(mover, parent);
            visitOf[parent].repaired = true;
            slot = parent;
        }
    }

    // ---- other layouts (§14.5a)

    /**
     * The slot model left slots open. The open slots are reported unless a search over the
     * visits' layouts finds a complete assignment: a visit with no lawful team of its own is
     * refused at once (NO_ELIGIBLE or TEAM); otherwise the draw is redone visit by visit.
     */
    private void relay() {
        List<Unstaffed> unstaffed = new ArrayList<>();
        boolean alone = true;
        for (int slot = 0; slot < holder.length; slot++) {
            if (holder[slot] < 0) {
                Visit v = visitOf[slot];
                int s = slot - v.first;
                String constraint = staffableAlone(v) ? Unstaffed.CAPACITY
                        : v.eligible[s] == 0 ? Unstaffed.NO_ELIGIBLE : Unstaffed.TEAM;
                alone &= constraint.equals(Unstaffed.CAPACITY);
                unstaffed.add(new Unstaffed(v.entity, s, s < 2, v.slotExpertise.get(s), v.eligible[s], constraint,
                        excluded(v)));
            }
        }
        if (!alone) {
            throw new MatchingInfeasibleException(unstaffed);
        }
        int outcome = search();
        if (outcome == EXHAUSTED) {
            throw new MatchingInfeasibleException(unstaffed);
        }
        if (outcome == LIMIT) {
            throw new MatchingInfeasibleException(unstaffed.stream().map(u -> new Unstaffed(u.entity(), u.slot(),
                    u.officerSlot(), u.expertise(), u.eligible(), Unstaffed.SEARCH_LIMIT, u.excluded())).toList());
        }
    }

    /** Whether some layout has a lawful team for the visit alone: every slot matched to a distinct eligible inspector. */
    private boolean staffableAlone(Visit v) {
        List<int[]> layouts = Layouts.of(v.tags.length, v.teamSize, FAILED_LAYOUTS);
        boolean found = layouts.size() > FAILED_LAYOUTS;    // too many to try: left to the search and its limit
        for (int k = 0; k < layouts.size() && !found; k++) {
            layOut(v, layouts.get(k));
            Map<Integer, Integer> slotOf = new HashMap<>();
            found = true;
            for (int s = 0; s < v.teamSize && found; s++) {
                found = matchSlot(v, s, new boolean[n], slotOf);
            }
        }
        layOut(v, Layouts.spread(v.tags.length, v.teamSize));
        return found;
    }

    /** Kuhn's augmenting path for one slot of one visit, capacity aside. */
    private boolean matchSlot(Visit v, int s, boolean[] visited, Map<Integer, Integer> slotOf) {
        for (int i = 0; i < n; i++) {
            if (!visited[i] && eligible(i, v, s)) {
                visited[i] = true;
                Integer other = slotOf.get(i);
                if (other == null || matchSlot(v, other, visited, slotOf)) {
                    slotOf.put(i, s);
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Depth-first over the visits in processing order: a visit takes its layouts in the order of
     * {@link Layouts#of}; under one it is picked as in §14.4 and its open slots are filled by
     * augmenting paths among the visits placed so far (a maximum flow for fixed layouts, so a
     * failure means no completion of this prefix exists); on failure the next layout is tried, and
     * when a visit has none left the search backs up to the previous visit's next layout.
     */
    private int search() {
        Arrays.fill(holder, -1);
        Arrays.fill(used, 0);
        Arrays.fill(heldCount, 0);
        logSlot = new int[64];
        logHolder = new int[64];
        logSize = 0;
        int[] picked = new int[holder.length];
        int[][] lists = new int[MatchingInput.MAX_TEAM][n];
        int[] sizes = new int[MatchingInput.MAX_TEAM];
        byte[] pair = new byte[n];
        int count = processing.length;
        List<List<int[]>> layouts = new ArrayList<>(count);
        int[] tried = new int[count];
        int[] mark = new int[count];
        int failed = 0;
        for (int j = 0; j < count; ) {
            Visit v = processing[j];
            if (layouts.size() == j) {
                layouts.add(Layouts.of(v.tags.length, v.teamSize, FAILED_LAYOUTS));
            }
            if (tried[j] == layouts.get(j).size()) {
                tried[j] = 0;
                layouts.remove(j);
                if (--j < 0) {
                    return EXHAUSTED;
                }
                undo(mark[j]);
                tried[j]++;
                continue;
            }
            layOut(v, layouts.get(j).get(tried[j]));
            mark[j] = logSize;
            Arrays.fill(v.excluded, 0);
            Arrays.fill(v.eligible, 0);
            scan(v, lists, sizes, pair);
            boolean full = true;
            for (int s = 0; s < v.teamSize; s++) {
                pick(v, s, lists[s], sizes[s]);
            }
            for (int s = 0; s < v.teamSize; s++) {
                picked[v.first + s] = holder[v.first + s];
            }
            for (int s = 0; s < v.teamSize && full; s++) {
                full = holder[v.first + s] >= 0 || augmentPlain(v.first + s);
            }
            if (full) {
                j++;
            } else {
                undo(mark[j]);
                tried[j]++;
                if (++failed > FAILED_LAYOUTS) {
                    return LIMIT;
                }
            }
        }
        for (Visit v : processing) {
            v.repaired = false;
            for (int s = 0; s < v.teamSize; s++) {
                v.repaired |= holder[v.first + s] != picked[v.first + s];
            }
        }
        return DONE;
    }

    /** §14.5's breadth-first search as written, without the shortcuts of {@link #augment}: layouts change here. */
    private boolean augmentPlain(int start) {
        epoch++;
        int head = 0;
        int tail = 0;
        queue[tail++] = start;
        slotMark[start] = epoch;
        while (head < tail) {
            int slot = queue[head++];
            Visit w = visitOf[slot];
            int t = slot - w.first;
            for (int i = 0; i < n; i++) {
                if (i == holder[slot] || !eligible(i, w, t)) {
                    continue;
                }
                int other = -1;
                for (int s = 0; s < w.teamSize; s++) {
                    if (holder[w.first + s] == i) {
                        other = w.first + s;
                    }
                }
                if (other >= 0) {
                    if (slotMark[other] != epoch) {
                        reach(other, slot, i);
                        queue[tail++] = other;
                    }
                } else if (used[i] < capacity[i]) {
                    for (int at = slot, incoming = i; ; incoming = parentInspector[at], at = parentSlot[at]) {
                        setHolder(at, incoming);
                        if (at == start) {
                            return true;
                        }
                    }
                } else if (inspectorMark[i] != epoch) {
                    inspectorMark[i] = epoch;
                    for (int k = 0; k < heldCount[i]; k++) {
                        int h = held[i][k];
                        if (slotMark[h] != epoch) {
                            reach(h, slot, i);
                            queue[tail++] = h;
                        }
                    }
                }
            }
        }
        return false;
    }

    /** Changes a slot's holder, logged while the search runs so that a failed layout can be undone. */
    private void setHolder(int slot, int i) {
        if (logHolder != null) {
            if (logSize == logSlot.length) {
                logSlot = Arrays.copyOf(logSlot, logSize * 2);
                logHolder = Arrays.copyOf(logHolder, logSize * 2);
            }
            logSlot[logSize] = slot;
            logHolder[logSize++] = holder[slot];
        }
        swapHolder(slot, i);
    }

    private void swapHolder(int slot, int i) {
        int old = holder[slot];
        if (old >= 0) {
            used[old]--;
            removeHeld(old, slot);
        }
        holder[slot] = i;
        if (i >= 0) {
            used[i]++;
            addHeld(i, slot);
        }
    }

    private void undo(int mark) {
        while (logSize > mark) {
            logSize--;
            swapHolder(logSlot[logSize], logHolder[logSize]);
        }
    }

    private Map<Reason, Integer> excluded(Visit v) {
        Map<Reason, Integer> counts = new EnumMap<>(Reason.class);
        for (Reason r : REASONS) {
            if (v.excluded[r.ordinal()] > 0) {
                counts.put(r, v.excluded[r.ordinal()]);
            }
        }
        return counts;
    }

    private Assignment assignment(Visit v) {
        List<String> team = new ArrayList<>(v.teamSize);
        List<Assignment.Slot> slots = new ArrayList<>(v.teamSize);
        int fewest = Integer.MAX_VALUE;
        for (int s = 0; s < v.teamSize; s++) {
            team.add(ids[holder[v.first + s]]);
            slots.add(new Assignment.Slot(s < 2, v.slotExpertise.get(s), v.eligible[s], v.candidates[s]));
            fewest = Math.min(fewest, v.candidates[s]);
        }
        List<String> flags = new ArrayList<>();
        if (10_000L * v.teamSize > (long) v.capBp * fewest) {
            flags.add(Assignment.POOL_BELOW_CAP);
        }
        if (v.repaired) {
            flags.add(Assignment.REPAIRED);
        }
        return new Assignment(v.entity, v.plans, team, slots, excluded(v), flags);
    }

    // ---- replacement (§14.8)

    /** A substitute drawn for a replacement, and how many candidates it was drawn from. */
    public record Substitute(String inspector, int slot, int candidates) {}

    /**
     * Draws the substitute of replacement number {@code n} of the draw.
     *
     * @param teams   every visit's current team by slot (entity → inspector ids)
     * @param removed the inspectors ever taken off this visit, the one replaced now included
     */
    public Substitute replace(int number, String entity, String replaced, Map<String, List<String>> teams,
            Set<String> removed) {
        Visit v = byEntity.get(entity);
        if (v == null) {
            throw new IllegalArgumentException("the draw has no matched visit to " + entity);
        }
        List<String> team = teams.get(entity);
        int slot = team == null ? -1 : team.indexOf(replaced);
        if (slot < 0) {
            throw new IllegalArgumentException(replaced + " is not on the team of " + entity);
        }
        int[] taken = new int[n];
        teams.values().forEach(t -> t.forEach(id -> {
            Integer i = index.get(id);
            if (i != null) {
                taken[i]++;
            }
        }));
        List<Integer> candidates = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (eligible(i, v, slot) && !team.contains(ids[i]) && !removed.contains(ids[i]) && taken[i] < capacity[i]) {
                candidates.add(i);
            }
        }
        if (candidates.isEmpty()) {
            throw new MatchingInfeasibleException(List.of(new Unstaffed(entity, slot, slot < 2,
                    v.slotExpertise.get(slot), 0, Unstaffed.NO_ELIGIBLE, Map.of())));
        }
        int j = uniform(candidates.size(), prefix("replace", entity, Integer.toString(number)));
        return new Substitute(ids[candidates.get(j)], slot, candidates.size());
    }

    // ---- seed derivations

    /** {@code seed ‖ u8("match") ‖ 0x00 ‖ part₁ ‖ 0x00 ‖ … ‖ partₖ ‖ 0x00}. */
    private byte[] prefix(String... parts) {
        byte[][] encoded = new byte[parts.length][];
        int length = seed.length + 6;
        for (int k = 0; k < parts.length; k++) {
            encoded[k] = parts[k].getBytes(StandardCharsets.UTF_8);
            length += encoded[k].length + 1;
        }
        byte[] prefix = Arrays.copyOf(seed, length);
        int at = seed.length;
        for (byte b : "match".getBytes(StandardCharsets.UTF_8)) {
            prefix[at++] = b;
        }
        at++;
        for (byte[] part : encoded) {
            System.arraycopy(part, 0, prefix, at, part.length);
            at += part.length + 1;
        }
        return prefix;
    }

    /** Exactly uniform on 0..m−1: 48-bit draws {@code H(prefix ‖ dec(k))}, rejecting the biased tail. */
    private int uniform(int m, byte[] prefix) {
        long limit = TWO_48 - TWO_48 % m;
        byte[] h = new byte[Hashes.SHA256_BYTES];
        for (int k = 0; ; k++) {
            md.update(prefix);
            md.update(Integer.toString(k).getBytes(StandardCharsets.UTF_8));
            try {
                md.digest(h, 0, h.length);
            } catch (DigestException e) {
                throw new IllegalStateException("a 32-byte buffer always fits SHA-256", e);
            }
            long u = 0;
            for (int b = 0; b < 6; b++) {
                u = (u << 8) | (h[b] & 0xff);
            }
            if (u < limit) {
                return (int) (u % m);
            }
        }
    }
}
