package cn.dsr.draw.core.draw;

import cn.dsr.draw.core.Hashes;
import cn.dsr.draw.core.json.JsonValue;
import cn.dsr.draw.core.matching.Matching;

import java.nio.charset.StandardCharsets;
import java.security.DigestException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The entity draw of dsr-draw/1 (DRAW-SPEC §2–4). */
public final class EntityDraw {

    private static final byte[] ENTITY_DOMAIN = "entity".getBytes(StandardCharsets.UTF_8);

    private EntityDraw() {
    }

    /** Runs a draw with the format's own inspector matching (docs/draw-format.md §14). */
    public static DrawRecord execute(DrawInput input, Randomness randomness) {
        return execute(input, randomness, Matching.DSR);
    }

    /** Computes the seed, the selection and, when the input has one, the matching. */
    public static DrawRecord execute(DrawInput input, Randomness randomness, InspectorMatching matching) {
        String inputDigest = input.digest();
        byte[] seed = randomness.seed(inputDigest);
        List<Selected> selected = select(input, seed);
        Optional<JsonValue> assignments =
                input.matching().map(m -> matching.assign(input, seed.clone(), selected));
        return new DrawRecord(input, randomness,
                new DrawOutput(input.drawId(), inputDigest, Hashes.hex(seed), selected, assignments));
    }

    /** Every stratum's selection, strata in input order. */
    public static List<Selected> select(DrawInput input, byte[] seed) {
        List<Selected> selected = new ArrayList<>();
        for (Stratum s : input.strata()) {
            for (String entity : selectStratum(s, seed, input.periodsLeftInYear())) {
                selected.add(new Selected(s.id(), entity));
            }
        }
        return selected;
    }

    /**
     * {@code S1 ‖ S2}: first the {@code m} best-ranked uncovered entities (coverage), then the
     * best-ranked of the rest up to the quota.
     */
    public static List<String> selectStratum(Stratum stratum, byte[] seed, int periodsLeftInYear) {
        List<PopulationEntry> population = stratum.population();
        int m = stratum.coverageCount(periodsLeftInYear);
        int rest = Math.max(0, stratum.quota() - m);
        List<String> s1 = new ArrayList<>(m);
        List<String> s2 = new ArrayList<>(rest);
        if (m + rest == 0) {
            return s1;
        }
        for (int index : RankOrder.of(population.size(), ranks(seed, stratum))) {
            PopulationEntry e = population.get(index);
            if (!e.covered() && s1.size() < m) {
                s1.add(e.entity());
            } else if (s2.size() < rest) {
                s2.add(e.entity());
            }
            if (s1.size() == m && s2.size() == rest) {
                break;
            }
        }
        s1.addAll(s2);
        return s1;
    }

    /** {@code rank(e) = H(seed ‖ u8("entity") ‖ 0x00 ‖ u8(s.id) ‖ 0x00 ‖ u8(e.entity))}. */
    public static byte[] rank(byte[] seed, String stratumId, String entity) {
        MessageDigest md = Hashes.sha256();
        md.update(rankPrefix(seed, stratumId));
        md.update(entity.getBytes(StandardCharsets.UTF_8));
        return md.digest();
    }

    private static RankOrder.Ranks ranks(byte[] seed, Stratum stratum) {
        // One digest reused for the whole stratum, the prefix fed again per entity: with usual ids the
        // prefix is under one 64-byte block, so a cloned prefix state would save no compression
        // while allocating a digest per entity.
        MessageDigest md = Hashes.sha256();
        byte[] prefix = rankPrefix(seed, stratum.id());
        List<PopulationEntry> population = stratum.population();
        return (index, out) -> {
            md.update(prefix);
            md.update(population.get(index).entity().getBytes(StandardCharsets.UTF_8));
            try {
                md.digest(out, 0, Hashes.SHA256_BYTES);
            } catch (DigestException e) {
                throw new IllegalStateException("a 32-byte buffer always fits SHA-256", e);
            }
        };
    }

    private static byte[] rankPrefix(byte[] seed, String stratumId) {
        if (seed.length != Hashes.SHA256_BYTES) {
            throw new IllegalArgumentException("a seed is 32 bytes, got " + seed.length);
        }
        byte[] id = stratumId.getBytes(StandardCharsets.UTF_8);
        byte[] prefix = new byte[seed.length + ENTITY_DOMAIN.length + 1 + id.length + 1];
        System.arraycopy(seed, 0, prefix, 0, seed.length);
        System.arraycopy(ENTITY_DOMAIN, 0, prefix, seed.length, ENTITY_DOMAIN.length);
        System.arraycopy(id, 0, prefix, seed.length + ENTITY_DOMAIN.length + 1, id.length);
        return prefix;
    }
}
