package cn.dsr.draw.core.example;

import static org.assertj.core.api.Assertions.assertThat;

import cn.dsr.draw.core.json.Jcs;
import cn.dsr.draw.core.json.JsonParser;
import cn.dsr.draw.core.verify.Check;
import cn.dsr.draw.core.verify.VerificationReport;
import cn.dsr.draw.core.verify.Verifier;

import java.io.IOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * The matching's worked example (docs/draw-format.md §14.12) is the code's output, and each of
 * its picks names the member a naive reading of §14.3–14.4 names too.
 */
class MatchingWorkedExampleTest {

    private static final String REGENERATE = "doc and code diverge; regenerate with `java -cp target/test-classes:target/classes "
            + "cn.dsr.draw.core.example.MatchingWorkedExample` (from draw-core/) and paste its blocks into docs/draw-format.md";

    @Test
    void the_committed_record_is_what_the_code_produces_and_verifies_with_its_teams() throws IOException {
        String committed = Files.readString(MatchingWorkedExample.RECORD);
        assertThat(JsonParser.parse(committed)).isEqualTo(MatchingWorkedExample.record().toJson());
        VerificationReport report = Verifier.verify(committed);
        assertThat(report.ok()).isTrue();
        assertThat(report.check("assignments").orElseThrow().outcome()).isEqualTo(Check.Outcome.PASS);
    }

    @Test
    void the_doc_prints_exactly_the_recomputed_picks_and_assignments() throws IOException {
        Map<String, String> printed = new LinkedHashMap<>();
        for (String block : WorkedExampleTest.fencedBlocks("matchvalues")) {
            for (String line : block.split("\n")) {
                String[] parts = line.trim().split("\\s+=\\s+", 2);
                assertThat(printed.put(parts[0], parts[1])).as("printed twice: " + parts[0]).isNull();
            }
        }
        assertThat(printed).as(REGENERATE).isEqualTo(MatchingWorkedExample.values());
        assertThat(WorkedExampleTest.fencedBlocks("matchjcs")).as(REGENERATE)
                .isEqualTo(List.of(Jcs.canonical(MatchingWorkedExample.record().output().assignments().orElseThrow())));
    }
}
