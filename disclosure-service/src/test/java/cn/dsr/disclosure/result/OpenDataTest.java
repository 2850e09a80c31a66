package cn.dsr.disclosure.result;

import static org.assertj.core.api.Assertions.assertThat;

import cn.dsr.disclosure.ServiceTest;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Open data: a period's results in bulk, as CSV and JSON Lines. */
class OpenDataTest extends ServiceTest {

    @Test
    void a_periods_results_export_as_csv_and_json_lines_with_superseded_versions_marked() {
        String district = district(), uscc = uscc(district);
        Record r = new Record(id("V"), id("D"), district, uscc, "某塑料制品厂,东区", LocalDate.of(2025, 11, 3), "NO_PROBLEM");
        recorded(r);
        awaitHistory(uscc, 1);
        recorded(r.amended(2, "RECTIFICATION_ORDERED"));
        awaitHistory(uscc, 2);

        String csv = new String(web.get().uri("/public/disclosure/export/2025Q4.csv").exchange().expectStatus().isOk()
                .expectHeader().valueMatches("Content-Disposition", ".*results-2025Q4.csv.*")
                .expectBody().returnResult().getResponseBody(), StandardCharsets.UTF_8);
        assertThat(csv).startsWith("\uFEFFresult_id,version,state,");
        List<String> lines = csv.lines().filter(l -> l.contains(uscc)).toList();
        assertThat(lines).hasSize(2);
        assertThat(lines).anySatisfy(l -> assertThat(l).contains(",1,SUPERSEDED,").contains("\"某塑料制品厂,东区\"").contains("未发现问题"));
        assertThat(lines).anySatisfy(l -> assertThat(l).contains(",2,PUBLISHED,").contains("发现问题已责令整改"));

        String jsonl = new String(web.get().uri("/public/disclosure/export/2025Q4.jsonl").exchange().expectStatus().isOk()
                .expectBody().returnResult().getResponseBody(), StandardCharsets.UTF_8);
        List<JsonNode> mine = jsonl.lines().map(JSON::readTree).filter(n -> n.path("document").path("entity").path("uscc").asString().equals(uscc)).toList();
        assertThat(mine).extracting(n -> n.path("state").asString()).containsExactlyInAnyOrder("SUPERSEDED", "PUBLISHED");

        web.get().uri("/public/disclosure/export/2025Q9.csv").exchange().expectStatus().isBadRequest();
    }
}
