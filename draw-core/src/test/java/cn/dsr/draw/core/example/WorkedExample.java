package cn.dsr.draw.core.example;

import cn.dsr.draw.core.Hashes;
import cn.dsr.draw.core.draw.DeclaredSource;
import cn.dsr.draw.core.draw.DrawInput;
import cn.dsr.draw.core.draw.DrawRecord;
import cn.dsr.draw.core.draw.EntityDraw;
import cn.dsr.draw.core.draw.Exclusion;
import cn.dsr.draw.core.draw.PopulationEntry;
import cn.dsr.draw.core.draw.Randomness;
import cn.dsr.draw.core.draw.RandomnessValue;
import cn.dsr.draw.core.draw.Stratum;
import cn.dsr.draw.core.json.Jcs;
import cn.dsr.draw.core.json.PrettyJson;
import cn.dsr.draw.core.verify.VerifyDrawCli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The worked example of docs/draw-format.md: fictitious entities of Xihua county (411622) with
 * GB 32100 check characters, two commit-reveal parties with fixed secrets, one lottery value.
 * {@link #main} regenerates the record resource and prints the doc's value blocks.
 */
public final class WorkedExample {

    /** A stratum of the example as plain data, so an independent implementation can read it too. */
    public record ExampleStratum(String id, int ratioBp, int minCount, boolean coverage, List<String> entities,
            Set<String> covered) {
    }

    public record ExampleExclusion(String entity, String reason) {
    }

    public record ExampleParty(String id, String secretHex) {
    }

    public static final String DRAW_ID = "411622-2025Q2-001";
    public static final String TENANT = "411622";
    public static final String PERIOD = "2025Q2";
    public static final int PERIODS_LEFT_IN_YEAR = 3;
    public static final String ROSTER_REVISION = "411622-roster-r1842";

    public static final List<ExampleStratum> STRATA = List.of(
            new ExampleStratum("2025-07/KEY", 3000, 1, true, List.of(
                    "91411622MA41G2358H", "91411622MA4A9AGB1N", "91411622MA4BTUAM8M", "91411622MA4CCDKL5F",
                    "91411622MA4FXT8E2T", "91411622MA4KD6F804", "91411622MA4QL31N50", "91411622MA4TGH370P"),
                    Set.of("91411622MA4CCDKL5F", "91411622MA4KD6F804")),
            new ExampleStratum("2025-07/GENERAL/LOW", 500, 2, false, List.of(
                    "91411622MA48PBUC77", "91411622MA4AQQRY66", "91411622MA4BC0UF31", "91411622MA4CCAWX1R",
                    "91411622MA4D5HDTX7", "91411622MA4G8PTT2P", "91411622MA4HPFG5XR", "91411622MA4L9K8E2A",
                    "91411622MA4RCJXB6P", "91411622MA4UDJJJ0T"),
                    Set.of("91411622MA4D5HDTX7")),
            new ExampleStratum("2025-07/SPECIAL", 5000, 0, false, List.of(
                    "91411622MA499C2L95", "91411622MA4F3MJ3XE", "91411622MA4Y9MRH5F"),
                    Set.of()));

    public static final List<ExampleExclusion> EXCLUDED = List.of(
            new ExampleExclusion("91411622MA4Q5DWK8K", "ANNUAL_CAP"),
            new ExampleExclusion("91411622MA4REWW06E", "HIGHER_LEVEL_CHECKED"),
            new ExampleExclusion("91411622MA4XP87R8N", "OFF_SITE"));

    public static final List<ExampleParty> PARTIES = List.of(
            new ExampleParty("bureau", "3c1f6a0e9b4d2785f0a1c3e5b7d90246a8ce13f57b9d02468ace13579bdf0246"),
            new ExampleParty("observer", "e7b2d4f6081a3c5e70921b4d6f8a0c2e4f6a8b0c1d2e3f405162738495a6b7c8"));

    public static final String LOTTERY_SOURCE = "lottery:fc3d:2025-03-27";
    public static final String LOTTERY_VALUE = "508";

    public static final Path RECORD = Path.of("src/test/resources/examples/worked-example.record.json");

    private WorkedExample() {
    }

    public static DrawInput input() {
        List<DeclaredSource> sources = new ArrayList<>();
        PARTIES.forEach(p -> sources.add(DeclaredSource.party(p.id(), Hashes.commitment(p.id(), p.secretHex()))));
        sources.add(DeclaredSource.publicValue(LOTTERY_SOURCE));
        sources.sort(Comparator.comparing(DeclaredSource::source));
        return DrawInput.entityOnly(DRAW_ID, TENANT, PERIOD, PERIODS_LEFT_IN_YEAR, ROSTER_REVISION, sources,
                STRATA.stream().map(s -> new Stratum(s.id(), s.ratioBp(), s.minCount(), s.coverage(),
                        s.entities().stream().map(e -> new PopulationEntry(e, s.covered().contains(e))).toList()))
                        .toList(),
                EXCLUDED.stream().map(x -> new Exclusion(x.entity(), x.reason())).toList());
    }

    public static Randomness randomness() {
        List<RandomnessValue> values = new ArrayList<>();
        // Revealed out of order on purpose: the seed sorts them by source.
        values.add(new RandomnessValue(LOTTERY_SOURCE, LOTTERY_VALUE));
        PARTIES.forEach(p -> values.add(RandomnessValue.partySecret(p.id(), p.secretHex())));
        return new Randomness(values);
    }

    public static DrawRecord record() {
        return EntityDraw.execute(input(), randomness());
    }

    /** Every labelled value the doc prints, computed with draw-core. */
    public static Map<String, String> values() {
        DrawInput input = input();
        Randomness randomness = randomness();
        DrawRecord record = EntityDraw.execute(input, randomness);
        byte[] seed = Hashes.fromHex(record.output().seed());
        Map<String, String> v = new LinkedHashMap<>();
        v.put("len(JCS(input))", Integer.toString(Jcs.canonicalBytes(input.toJson()).length));
        v.put("inputDigest", input.digest());
        for (ExampleParty p : PARTIES) {
            byte[] id = p.id().getBytes(StandardCharsets.UTF_8);
            ByteArrayOutputStream preimage = new ByteArrayOutputStream();
            preimage.writeBytes(id);
            preimage.write(0);
            preimage.writeBytes(Hashes.fromHex(p.secretHex()));
            v.put("commitment-preimage(party:" + p.id() + ")", Hashes.hex(preimage.toByteArray()));
            v.put("commitment(party:" + p.id() + ")", Hashes.commitment(p.id(), p.secretHex()));
        }
        v.put("seed", Hashes.hex(seed));
        for (Stratum s : input.strata()) {
            String id = s.id();
            v.put("N(" + id + ")", Integer.toString(s.population().size()));
            v.put("quota(" + id + ")", Integer.toString(s.quota()));
            if (s.coverage()) {
                v.put("|U|(" + id + ")", Integer.toString(s.uncovered()));
                v.put("m(" + id + ")", Integer.toString(s.coverageCount(input.periodsLeftInYear())));
                String first = s.population().get(0).entity();
                ByteArrayOutputStream preimage = new ByteArrayOutputStream();
                preimage.writeBytes(seed);
                preimage.writeBytes("entity".getBytes(StandardCharsets.UTF_8));
                preimage.write(0);
                preimage.writeBytes(id.getBytes(StandardCharsets.UTF_8));
                preimage.write(0);
                preimage.writeBytes(first.getBytes(StandardCharsets.UTF_8));
                v.put("rank-preimage(" + id + "," + first + ")", Hashes.hex(preimage.toByteArray()));
                for (PopulationEntry e : s.population()) {
                    v.put("rank(" + id + "," + e.entity() + ")", Hashes.hex(EntityDraw.rank(seed, id, e.entity())));
                }
            }
            List<PopulationEntry> byRank = s.population().stream()
                    .sorted(Comparator.comparing((PopulationEntry e) -> EntityDraw.rank(seed, id, e.entity()),
                            Arrays::compareUnsigned))
                    .toList();
            if (s.coverage()) {
                List<String> u = byRank.stream().filter(e -> !e.covered()).map(PopulationEntry::entity).toList();
                int m = s.coverageCount(input.periodsLeftInYear());
                v.put("U-by-rank(" + id + ")", String.join(",", u));
                v.put("S1(" + id + ")", String.join(",", u.subList(0, m)));
                Set<String> s1 = Set.copyOf(u.subList(0, m));
                List<String> r = byRank.stream().map(PopulationEntry::entity).filter(e -> !s1.contains(e)).toList();
                v.put("R-by-rank(" + id + ")", String.join(",", r));
                v.put("S2(" + id + ")", String.join(",", r.subList(0, Math.max(0, s.quota() - m))));
            } else {
                v.put("by-rank(" + id + ")", byRank.stream().map(PopulationEntry::entity).collect(Collectors.joining(",")));
            }
            v.put("selected(" + id + ")", record.output().selected().stream()
                    .filter(x -> x.stratum().equals(id)).map(x -> x.entity()).collect(Collectors.joining(",")));
        }
        v.put("resultDigest", record.resultDigest());
        return v;
    }

    /** The canonical documents the doc prints: input, seed document, output. */
    public static List<String> canonicalDocuments() {
        DrawRecord record = record();
        return List.of(
                Jcs.canonical(record.input().toJson()),
                Jcs.canonical(record.randomness().seedDocument(record.output().inputDigest())),
                Jcs.canonical(record.output().toJson()));
    }

    public static String valuesBlock() {
        Map<String, String> v = values();
        int width = v.keySet().stream().mapToInt(String::length).max().orElse(0);
        StringBuilder out = new StringBuilder("```values\n");
        v.forEach((label, value) -> out.append(String.format("%-" + width + "s = %s%n", label, value)));
        return out.append("```\n").toString();
    }

    /** Regenerates the record resource (run from draw-core/) and prints the doc's blocks, to paste in. */
    public static void main(String[] args) throws IOException {
        Files.writeString(RECORD, PrettyJson.print(record().toJson()), StandardCharsets.UTF_8);
        System.out.println(valuesBlock());
        for (String doc : canonicalDocuments()) {
            System.out.println("```jcs\n" + doc + "\n```\n");
        }
        System.out.println("```cli\n$ draw-service/verify-draw --verbose draw-core/" + RECORD);
        VerifyDrawCli.run(new String[] {"--verbose", RECORD.toString()}, System.in, System.out, System.err);
        System.out.println("```");
    }
}
