package cn.dsr.draw.core.example;

import cn.dsr.draw.core.Hashes;
import cn.dsr.draw.core.example.WorkedExample.ExampleParty;
import cn.dsr.draw.core.example.WorkedExample.ExampleStratum;
import cn.dsr.draw.core.json.Jcs;
import cn.dsr.draw.core.json.JsonParser;
import cn.dsr.draw.core.verify.Check;
import cn.dsr.draw.core.verify.VerificationReport;
import cn.dsr.draw.core.verify.VerifyDrawCli;
import cn.dsr.draw.core.verify.Verifier;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The worked example of docs/draw-format.md is the code's output: every printed value is
 * recomputed here, by draw-core and by an independent naive implementation. When the code
 * changes the format on purpose, regenerate with {@code WorkedExample.main} and update the doc.
 */
class WorkedExampleTest {

    private static final Path DOC = Path.of("../docs/draw-format.md");
    private static final String REGENERATE = "doc and code diverge; regenerate with "
            + "`java -cp target/test-classes:target/classes cn.dsr.draw.core.example.WorkedExample` (from draw-core/) "
            + "and paste its blocks into docs/draw-format.md";

    private final Map<String, String> values = WorkedExample.values();

    @Test
    void the_committed_record_is_what_the_code_produces() throws IOException {
        assertThat(JsonParser.parse(Files.readString(WorkedExample.RECORD)))
                .isEqualTo(WorkedExample.record().toJson());
    }

    @Test
    void the_committed_record_verifies_check_by_check() throws IOException {
        VerificationReport report = Verifier.verify(Files.readString(WorkedExample.RECORD));
        assertThat(report.ok()).isTrue();
        assertThat(report.checks()).extracting(Check::name, Check::outcome).containsExactly(
                tuple("inputDigest", Check.Outcome.PASS),
                tuple("commitments", Check.Outcome.PASS),
                tuple("seed", Check.Outcome.PASS),
                tuple("selection", Check.Outcome.PASS),
                tuple("assignments", Check.Outcome.NOT_APPLICABLE),
                tuple("output", Check.Outcome.PASS),
                tuple("resultDigest", Check.Outcome.PASS));
    }

    @Test
    void the_doc_prints_exactly_the_recomputed_values() throws IOException {
        Map<String, String> printed = new LinkedHashMap<>();
        for (String block : fencedBlocks("values")) {
            for (String line : block.split("\n")) {
                String[] parts = line.trim().split("\\s+=\\s+", 2);
                assertThat(parts).as("line of a values block: " + line).hasSize(2);
                assertThat(printed.put(parts[0], parts[1])).as("printed twice: " + parts[0]).isNull();
            }
        }
        assertThat(printed).as(REGENERATE).isEqualTo(values);
    }

    @Test
    void the_doc_prints_the_canonical_input_seed_document_and_output() throws IOException {
        assertThat(fencedBlocks("jcs")).as(REGENERATE).isEqualTo(WorkedExample.canonicalDocuments());
    }

    @Test
    void the_doc_shows_what_the_verifier_prints_for_the_record() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String command = "draw-service/verify-draw --verbose draw-core/" + WorkedExample.RECORD;
        int exit = VerifyDrawCli.run(new String[] {"--verbose", WorkedExample.RECORD.toString()},
                InputStream.nullInputStream(), new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
        assertThat(exit).isZero();
        assertThat(fencedBlocks("cli")).as(REGENERATE)
                .containsExactly("$ " + command + "\n" + out.toString(StandardCharsets.UTF_8).stripTrailing());
    }

    @Test
    void an_independent_implementation_agrees_on_every_value() {
        String canonicalInput = StraightforwardDraw.canonicalInput();
        assertThat(canonicalInput).isEqualTo(Jcs.canonical(WorkedExample.input().toJson()));
        assertThat(Integer.toString(canonicalInput.getBytes(StandardCharsets.UTF_8).length))
                .isEqualTo(values.get("len(JCS(input))"));
        String inputDigest = StraightforwardDraw.sha256Hex(canonicalInput.getBytes(StandardCharsets.UTF_8));
        assertThat(inputDigest).isEqualTo(values.get("inputDigest"));
        for (ExampleParty p : WorkedExample.PARTIES) {
            assertThat(StraightforwardDraw.commitment(p)).isEqualTo(values.get("commitment(party:" + p.id() + ")"));
        }
        String seedHex = StraightforwardDraw.sha256Hex(
                StraightforwardDraw.canonicalSeedDocument(inputDigest).getBytes(StandardCharsets.UTF_8));
        assertThat(seedHex).isEqualTo(values.get("seed"));
        byte[] seed = StraightforwardDraw.unhex(seedHex);
        for (ExampleStratum s : WorkedExample.STRATA) {
            for (String e : s.entities()) {
                String printed = values.get("rank(" + s.id() + "," + e + ")");
                if (printed != null) {
                    assertThat(StraightforwardDraw.rankHex(seed, s.id(), e)).isEqualTo(printed);
                }
            }
            assertThat(String.join(",", StraightforwardDraw.selectStratum(seed, s, WorkedExample.PERIODS_LEFT_IN_YEAR)))
                    .isEqualTo(values.get("selected(" + s.id() + ")"));
        }
        assertThat(StraightforwardDraw.sha256Hex(StraightforwardDraw.canonicalOutput(inputDigest, seed)
                .getBytes(StandardCharsets.UTF_8))).isEqualTo(values.get("resultDigest"));
    }

    @Test
    void the_example_entities_are_shaped_like_unified_social_credit_codes() {
        Stream.concat(WorkedExample.STRATA.stream().flatMap(s -> s.entities().stream()),
                        WorkedExample.EXCLUDED.stream().map(WorkedExample.ExampleExclusion::entity))
                .forEach(uscc -> assertThat(Gb32100.isValid(uscc)).as(uscc).isTrue());
    }

    @Test
    void the_party_secrets_are_32_bytes() {
        WorkedExample.PARTIES.forEach(p -> assertThat(Hashes.fromHex(p.secretHex())).hasSize(32));
    }

    static List<String> fencedBlocks(String language) throws IOException {
        List<String> blocks = new ArrayList<>();
        String[] lines = Files.readString(DOC).split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].equals("```" + language)) {
                StringBuilder block = new StringBuilder();
                for (i++; !lines[i].equals("```"); i++) {
                    block.append(block.length() == 0 ? "" : "\n").append(lines[i]);
                }
                blocks.add(block.toString());
            }
        }
        return blocks;
    }
}
