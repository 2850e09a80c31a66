package cn.dsr.draw.core.example;

import cn.dsr.draw.core.Hashes;
import cn.dsr.draw.core.draw.DrawInput;
import cn.dsr.draw.core.draw.DrawRecord;
import cn.dsr.draw.core.draw.EntityDraw;
import cn.dsr.draw.core.draw.PopulationEntry;
import cn.dsr.draw.core.draw.Randomness;
import cn.dsr.draw.core.draw.RandomnessValue;
import cn.dsr.draw.core.draw.Stratum;
import cn.dsr.draw.core.json.Jcs;
import cn.dsr.draw.core.json.JsonValue;
import cn.dsr.draw.core.json.PrettyJson;
import cn.dsr.draw.core.matching.Assignment;
import cn.dsr.draw.core.matching.MatchingInput;
import cn.dsr.draw.core.matching.MatchingInput.EntityFacts;
import cn.dsr.draw.core.matching.MatchingInput.Inspector;
import cn.dsr.draw.core.matching.MatchingInput.PlanSettings;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The matching's worked example of docs/draw-format.md §14.12: three visits of three (every
 * entity of the stratum is drawn, so the example is about the teams), seven
 * inspectors, one conflict, one rotation, one on leave, one lapsed certificate. Every pick is
 * recomputed here from §14.3–14.4 with a naive candidate list, and must name the member the
 * engine chose. {@link #main} regenerates the record resource and prints the doc's blocks.
 */
public final class MatchingWorkedExample {

    public static final Path RECORD = Path.of("src/test/resources/examples/worked-example-matching.record.json");
    static final String STRATUM = "2025-08/KEY";
    static final List<String> ENTITIES = List.of("91411622MA41G2358H", "91411622MA4A9AGB1N", "91411622MA4BTUAM8M");

    private MatchingWorkedExample() {
    }

    static Inspector officer(String id, String status, String certificate, List<String> expertise) {
        return new Inspector(id, "OFFICER", status, Optional.of(certificate), expertise, "411622", 2);
    }

    public static MatchingInput matching() {
        return new MatchingInput("2025-06-30",
                List.of(new PlanSettings("2025-08", List.of(STRATUM), 3, 5000, List.of("WATER"), true, false)),
                List.of(officer("insp-01", "IN_POST", "2027-12-31", List.of("WATER")),
                        officer("insp-02", "IN_POST", "2026-06-30", List.of("AIR", "WATER")),
                        officer("insp-03", "IN_POST", "2025-05-31", List.of("WATER")),
                        officer("insp-04", "LEAVE", "2027-12-31", List.of("AIR")),
                        officer("insp-05", "IN_POST", "2028-03-31", List.of("AIR")),
                        officer("insp-06", "IN_POST", "2027-12-31", List.of()),
                        new Inspector("insp-07", "EXPERT", "IN_POST", Optional.empty(), List.of("WATER"), "411622", 3)),
                ENTITIES.stream().map(e -> new EntityFacts(e, "411622",
                        e.equals(ENTITIES.get(0)) ? List.of("insp-06") : List.of(),
                        e.equals(ENTITIES.get(1)) ? List.of("insp-02", "insp-05") : List.of())).toList());
    }

    public static DrawInput input() {
        List<PopulationEntry> population = ENTITIES.stream().map(e -> new PopulationEntry(e, false)).toList();
        return new DrawInput("411622-2025Q2-002", "411622", "2025Q2", 3, "411622-roster-r1842", List.of(),
                List.of(new Stratum(STRATUM, 10_000, 0, false, population)), List.of(), Optional.of(matching().toJson()));
    }

    public static Randomness randomness() {
        return new Randomness(List.of(new RandomnessValue("lottery:fc3d:2025-03-28", "731")));
    }

    public static DrawRecord record() {
        return EntityDraw.execute(input(), randomness());
    }

    /** Every value the doc prints, recomputed: processing order, each pick's hash, u, m, j and member. */
    public static Map<String, String> values() {
        DrawRecord record = record();
        byte[] seed = Hashes.fromHex(record.output().seed());
        MatchingInput m = matching();
        JsonValue json = record.output().assignments().orElseThrow();
        Map<String, List<String>> teams = Assignment.teams(json);
        Map<String, String> v = new LinkedHashMap<>();
        v.put("seed", record.output().seed());
        v.put("visits", String.join(",", teams.keySet()));
        Map<String, byte[]> order = new HashMap<>();
        for (String e : teams.keySet()) {
            order.put(e, hash(seed, "order", e));
            v.put("order(" + e + ")", Hashes.hex(order.get(e)));
        }
        List<String> processing = teams.keySet().stream()
                .sorted(Comparator.<String, byte[]>comparing(order::get, Arrays::compareUnsigned)).toList();
        v.put("processing", String.join(",", processing));
        Map<String, Integer> used = new HashMap<>();
        for (String e : processing) {
            EntityFacts facts = m.entities().stream().filter(f -> f.entity().equals(e)).findFirst().orElseThrow();
            List<String> team = new ArrayList<>();
            for (int s = 0; s < 3; s++) {
                List<String> candidates = new ArrayList<>();
                for (Inspector i : m.inspectors()) {
                    boolean eligible = i.status().equals("IN_POST")
                            && (!i.officer() || i.certificateValidUntil().orElseThrow().compareTo(m.validThrough()) >= 0)
                            && !facts.conflicts().contains(i.inspector()) && !facts.previous().contains(i.inspector())
                            && (s >= 2 || i.officer()) && (s != 0 || i.expertise().contains("WATER"));
                    if (eligible && !team.contains(i.inspector()) && used.getOrDefault(i.inspector(), 0) < i.capacity()) {
                        candidates.add(i.inspector());
                    }
                }
                byte[] h = hash(seed, "pick", e, Integer.toString(s), "0");
                long u = 0;
                for (int b = 0; b < 6; b++) {
                    u = (u << 8) | (h[b] & 0xff);
                }
                long limit = (1L << 48) - (1L << 48) % candidates.size();
                if (u >= limit) {
                    throw new IllegalStateException("the example should not need a second draw k = 1");
                }
                int j = (int) (u % candidates.size());
                String key = "(" + e + "," + s + ")";
                if (!v.containsKey("first-pick")) {
                    v.put("first-pick", key);
                    v.put("pick-preimage" + key + ",k=0", Hashes.hex(preimage(seed, "pick", e, Integer.toString(s), "0")));
                }
                v.put("candidates" + key, String.join(",", candidates));
                v.put("pick" + key + ",k=0", Hashes.hex(h));
                v.put("u,m,j" + key, u + "," + candidates.size() + "," + j);
                String member = candidates.get(j);
                if (!member.equals(teams.get(e).get(s))) {
                    throw new IllegalStateException("the engine chose " + teams.get(e).get(s) + " for " + key + ", the text " + member);
                }
                team.add(member);
                used.merge(member, 1, Integer::sum);
            }
        }
        v.put("resultDigest", record.resultDigest());
        return v;
    }

    private static byte[] preimage(byte[] seed, String... parts) {
        StringBuilder text = new StringBuilder("match");
        for (String p : parts) {
            text.append('\0').append(p);
        }
        byte[] tail = text.toString().getBytes(StandardCharsets.UTF_8);
        byte[] out = Arrays.copyOf(seed, seed.length + tail.length);
        System.arraycopy(tail, 0, out, seed.length, tail.length);
        return out;
    }

    /** {@code H(seed ‖ "match" ‖ 0x00 ‖ part ‖ 0x00 ‖ …)}, separators between parts, none after the last. */
    private static byte[] hash(byte[] seed, String... parts) {
        return Hashes.sha256(preimage(seed, parts));
    }

    public static void main(String[] args) throws IOException {
        DrawRecord record = record();
        Files.writeString(RECORD, PrettyJson.print(record.toJson()) + "\n", StandardCharsets.UTF_8);
        System.out.println("```matchvalues");
        int width = values().keySet().stream().mapToInt(String::length).max().orElse(0);
        values().forEach((k, val) -> System.out.println(String.format("%-" + width + "s = %s", k, val)));
        System.out.println("```");
        System.out.println("```matchjcs");
        System.out.println(Jcs.canonical(record.output().assignments().orElseThrow()));
        System.out.println("```");
    }
}
