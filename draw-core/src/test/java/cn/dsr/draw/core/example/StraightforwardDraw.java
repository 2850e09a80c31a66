package cn.dsr.draw.core.example;

import cn.dsr.draw.core.example.WorkedExample.ExampleExclusion;
import cn.dsr.draw.core.example.WorkedExample.ExampleParty;
import cn.dsr.draw.core.example.WorkedExample.ExampleStratum;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A second, deliberately naive implementation of dsr-draw/1 written from DRAW-SPEC alone:
 * canonical JSON by hand-ordered string building, ranks as hex strings, whole sorts. It shares
 * no code with draw-core, so the two can only agree by both being right.
 */
public final class StraightforwardDraw {

    /** Strings the hand-written canonical form may embed without escaping. */
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9:/_.-]+");

    private StraightforwardDraw() {
    }

    public static String sha256Hex(byte[] bytes) {
        try {
            return String.format("%064x", new BigInteger(1, MessageDigest.getInstance("SHA-256").digest(bytes)));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    static byte[] unhex(String hex) {
        byte[] out = new byte[hex.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
        }
        return out;
    }

    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    static byte[] u8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String str(String s) {
        if (!PLAIN.matcher(s).matches()) {
            throw new IllegalArgumentException("the naive writer only handles plain strings: " + s);
        }
        return "\"" + s + "\"";
    }

    public static String commitment(ExampleParty p) {
        return sha256Hex(concat(u8(p.id()), new byte[] {0}, unhex(p.secretHex())));
    }

    /** Members written in code-unit order by hand: drawId, excluded, format, period, periodsLeftInYear, … */
    public static String canonicalInput() {
        StringBuilder s = new StringBuilder("{");
        s.append("\"drawId\":").append(str(WorkedExample.DRAW_ID));
        s.append(",\"excluded\":[");
        List<String> excluded = new ArrayList<>();
        for (ExampleExclusion x : WorkedExample.EXCLUDED) {
            excluded.add("{\"entity\":" + str(x.entity()) + ",\"reason\":" + str(x.reason()) + "}");
        }
        s.append(String.join(",", excluded)).append("]");
        s.append(",\"format\":\"dsr-draw/1\"");
        s.append(",\"period\":").append(str(WorkedExample.PERIOD));
        s.append(",\"periodsLeftInYear\":").append(WorkedExample.PERIODS_LEFT_IN_YEAR);
        s.append(",\"rosterRevision\":").append(str(WorkedExample.ROSTER_REVISION));
        // "lottery:…" sorts before "party:…".
        List<String> sources = new ArrayList<>();
        sources.add("{\"source\":" + str(WorkedExample.LOTTERY_SOURCE) + "}");
        for (ExampleParty p : WorkedExample.PARTIES) {
            sources.add("{\"commitment\":" + str(commitment(p)) + ",\"source\":" + str("party:" + p.id()) + "}");
        }
        s.append(",\"sources\":[").append(String.join(",", sources)).append("]");
        List<String> strata = new ArrayList<>();
        for (ExampleStratum st : WorkedExample.STRATA) {
            List<String> population = new ArrayList<>();
            for (String e : st.entities()) {
                population.add("{\"covered\":" + st.covered().contains(e) + ",\"entity\":" + str(e) + "}");
            }
            strata.add("{\"coverage\":" + st.coverage() + ",\"id\":" + str(st.id()) + ",\"minCount\":" + st.minCount()
                    + ",\"population\":[" + String.join(",", population) + "],\"ratioBp\":" + st.ratioBp() + "}");
        }
        s.append(",\"strata\":[").append(String.join(",", strata)).append("]");
        s.append(",\"tenant\":").append(str(WorkedExample.TENANT));
        return s.append("}").toString();
    }

    public static String canonicalSeedDocument(String inputDigest) {
        List<String> randomness = new ArrayList<>();
        randomness.add("{\"source\":" + str(WorkedExample.LOTTERY_SOURCE) + ",\"value\":"
                + str(WorkedExample.LOTTERY_VALUE) + "}");
        for (ExampleParty p : WorkedExample.PARTIES) {
            randomness.add("{\"source\":" + str("party:" + p.id()) + ",\"value\":" + str(p.secretHex()) + "}");
        }
        return "{\"format\":\"dsr-draw/1\",\"inputDigest\":" + str(inputDigest) + ",\"randomness\":["
                + String.join(",", randomness) + "]}";
    }

    public static String rankHex(byte[] seed, String stratumId, String entity) {
        return sha256Hex(concat(seed, u8("entity"), new byte[] {0}, u8(stratumId), new byte[] {0}, u8(entity)));
    }

    /** The spec's §3 as written: whole sorts by (rank, entity), quota by integer ceiling. */
    public static List<String> selectStratum(byte[] seed, ExampleStratum s, int periodsLeftInYear) {
        Map<String, String> rank = new HashMap<>();
        s.entities().forEach(e -> rank.put(e, rankHex(seed, s.id(), e)));
        Comparator<String> byRank = Comparator.comparing((String e) -> rank.get(e)).thenComparing(Comparator.naturalOrder());
        int n = s.entities().size();
        long product = (long) n * s.ratioBp();
        long ceil = product / 10000 + (product % 10000 == 0 ? 0 : 1);
        int quota = (int) Math.min(n, Math.max(s.minCount(), ceil));
        List<String> s1 = new ArrayList<>();
        int m = 0;
        if (s.coverage()) {
            List<String> u = s.entities().stream().filter(e -> !s.covered().contains(e)).sorted(byRank).toList();
            m = Math.min(u.size(), (u.size() + periodsLeftInYear - 1) / periodsLeftInYear);
            s1.addAll(u.subList(0, m));
        }
        Set<String> inS1 = new HashSet<>(s1);
        List<String> r = s.entities().stream().filter(e -> !inS1.contains(e)).sorted(byRank).toList();
        List<String> selected = new ArrayList<>(s1);
        selected.addAll(r.subList(0, Math.max(0, quota - m)));
        return selected;
    }

    public static String canonicalOutput(String inputDigest, byte[] seed) {
        List<String> selected = new ArrayList<>();
        for (ExampleStratum s : WorkedExample.STRATA) {
            for (String e : selectStratum(seed, s, WorkedExample.PERIODS_LEFT_IN_YEAR)) {
                selected.add("{\"entity\":" + str(e) + ",\"stratum\":" + str(s.id()) + "}");
            }
        }
        return "{\"drawId\":" + str(WorkedExample.DRAW_ID) + ",\"format\":\"dsr-draw/1\",\"inputDigest\":"
                + str(inputDigest) + ",\"seed\":" + str(String.format("%064x", new BigInteger(1, seed)))
                + ",\"selected\":[" + String.join(",", selected) + "]}";
    }
}
