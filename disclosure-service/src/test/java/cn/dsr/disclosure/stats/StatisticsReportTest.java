package cn.dsr.disclosure.stats;

import static org.assertj.core.api.Assertions.assertThat;

import cn.dsr.disclosure.ServiceTest;
import java.io.ByteArrayInputStream;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A known quarter of two districts of a city of their own (4119xx), fed through the events, and
 * the figures the detachment reads: per district, the city view, the overdue list, the .xlsx table.
 */
class StatisticsReportTest extends ServiceTest {

    static final String CITY = "411900", D1 = "411901", D2 = "411902", Q = "2026Q2";

    @Test
    void the_quarters_figures_per_district_and_for_the_city_are_counted_from_what_happened() throws Exception {
        String k1 = uscc(D1), k2 = uscc(D1), k3 = uscc(D1), g1 = uscc(D1), s1 = uscc(D2);
        entityState(D1, k1, "某热电有限公司", "KEY", "ACTIVE", 1);
        entityState(D1, k2, "某焦化有限公司", "KEY", "ACTIVE", 1);
        entityState(D1, k3, "某铸造有限公司", "KEY", "ACTIVE", 1);
        entityState(D1, g1, "某汽修厂", "GENERAL", "ACTIVE", 1);
        entityState(D2, s1, "某危废处置中心", "SPECIAL", "ACTIVE", 1);
        planPublished(id("P"), D1, Q, id("D"), null, 4);
        String d1 = id("D"), d2 = id("D"), v1 = id("V"), v2 = id("V"), v3 = id("V"), v4 = id("V");
        drawExecuted(d1, D1, Q, new DrawnVisit(v1, k1, "某热电有限公司", D1, "P", "P/KEY", true),
                new DrawnVisit(v2, k2, "某焦化有限公司", D1, "P", "P/KEY/HIGH", false),
                new DrawnVisit(v3, k3, "某铸造有限公司", D1, "P", "P/KEY", false));
        drawExecuted(d2, D2, Q, new DrawnVisit(v4, s1, "某危废处置中心", D2, "P", "P/SPECIAL", false));
        awaitCount("SELECT count(*) FROM drawn_visit WHERE draw_id IN ('" + d1 + "', '" + d2 + "')", 4);
        awaitCount("SELECT count(*) FROM roster_entity WHERE tenant IN ('" + D1 + "', '" + D2 + "')", 5);

        // v1: inspected two days ago, entered and published in time; v2: inspected in May, entered late,
        // published now, after its deadline; v3: not inspected yet; v4: a national secret
        recorded(new Record(v1, d1, D1, k1, "某热电有限公司", today().minusDays(2), "NO_PROBLEM"));
        Record late = new Record(v2, d1, D1, k2, "某焦化有限公司", LocalDate.of(2026, 5, 11), "RECTIFICATION_ORDERED");
        recorded(new Record(late.taskId(), d1, D1, k2, late.name(), late.inspectionDate(), late.conclusion(), List.of(), 1,
                LocalDate.of(2026, 5, 20), OffsetDateTime.parse("2026-05-25T02:00:00Z")));
        recorded(new Record(v4, d2, D2, s1, "某危废处置中心", LocalDate.of(2026, 6, 2), "CASE_OPENED", "NATIONAL_SECRET"));
        awaitCount("SELECT count(*) FROM result_version WHERE result_id IN ('" + v1 + "', '" + v2 + "', '" + v4 + "')", 3);

        JsonNode report = getJson(coordinator(CITY), "/api/disclosure/statistics?period=" + Q);
        Map<String, JsonNode> byDistrict = report.path("districts").valueStream()
                .collect(Collectors.toMap(f -> f.path("district").asString(), Function.identity()));
        assertThat(report.path("districts").findValuesAsString("district")).as("districts in code order").containsExactly(D1, D2);

        JsonNode f1 = byDistrict.get(D1);
        assertThat(f1.path("keyEntities").asInt()).isEqualTo(3);
        assertThat(f1.path("generalEntities").asInt()).isEqualTo(1);
        assertThat(f1.path("planned").asInt()).isEqualTo(4);
        assertThat(f1.path("drawn").asInt()).isEqualTo(3);
        assertThat(f1.path("inspected").asInt()).isEqualTo(2);
        assertThat(f1.path("inspectedOnTime").asInt()).isEqualTo(1);
        assertThat(f1.path("problemsFound").asInt()).isEqualTo(1);
        assertThat(f1.path("problemRate").decimalValue()).isEqualByComparingTo("50.0");
        assertThat(f1.path("disclosed").asInt()).isEqualTo(2);
        assertThat(f1.path("disclosureRate").decimalValue()).isEqualByComparingTo("100.0");
        assertThat(f1.path("disclosedOnTime").asInt()).isEqualTo(1);
        assertThat(f1.path("disclosureTimeliness").decimalValue()).isEqualByComparingTo("50.0");
        assertThat(f1.path("overdueDisclosures").asInt()).isEqualTo(1);
        assertThat(f1.path("jointShare").decimalValue()).isEqualByComparingTo("33.3");
        assertThat(f1.path("creditRiskVisits").asInt()).isEqualTo(1);

        JsonNode f2 = byDistrict.get(D2);
        assertThat(f2.path("specialEntities").asInt()).isEqualTo(1);
        assertThat(f2.path("withheld").asInt()).isEqualTo(1);
        assertThat(f2.path("disclosureRate").isNull()).as("nothing disclosable").isTrue();
        assertThat(f2.path("overdueDisclosures").asInt()).as("a withheld record is not overdue").isZero();

        JsonNode city = report.path("city");
        assertThat(city.path("district").asString()).isEqualTo(CITY);
        assertThat(city.path("drawn").asInt()).isEqualTo(4);
        assertThat(city.path("inspected").asInt()).isEqualTo(3);
        assertThat(city.path("problemRate").decimalValue()).isEqualByComparingTo("66.7");

        JsonNode district = getJson(operator(D1), "/api/disclosure/statistics?period=" + Q);
        assertThat(district.path("districts").size()).as("a district sees itself only").isEqualTo(1);
        assertThat(district.path("city").isNull()).isTrue();
        assertThat(district.path("districts").get(0)).isEqualTo(f1);

        JsonNode overdue = getJson(coordinator(CITY), "/api/disclosure/statistics/overdue?period=" + Q);
        assertThat(overdue.size()).isEqualTo(1);
        assertThat(overdue.get(0).path("resultId").asString()).isEqualTo(v2);
        assertThat(overdue.get(0).path("due").asString()).isEqualTo("2026-06-08");

        byte[] xlsx = web.get().uri("/api/disclosure/statistics/quarterly.xlsx?period=" + Q).headers(h -> h.setBearerAuth(coordinator(CITY)))
                .exchange().expectStatus().isOk().expectBody().returnResult().getResponseBody();
        try (ReadableWorkbook wb = new ReadableWorkbook(new ByteArrayInputStream(xlsx))) {
            List<Row> rows = wb.getFirstSheet().read();
            assertThat(rows.get(0).getCellText(0)).isEqualTo(QuarterlyWorkbook.TITLE);
            assertThat(rows.get(1).getCellText(0)).contains("411900").contains("2026年第2季度");
            assertThat(rows.get(2).getCellText(2)).isEqualTo("检查对象名录库（户）");
            assertThat(rows.get(3).getCellText(5)).isEqualTo("计划抽查数");
            Row first = rows.get(4);
            assertThat(first.getCellText(1)).isEqualTo(D1);
            assertThat(first.getCellAsNumber(2).orElseThrow()).isEqualByComparingTo("3");
            assertThat(first.getCellAsNumber(6).orElseThrow()).as("drawn").isEqualByComparingTo("3");
            assertThat(first.getCellAsNumber(10).orElseThrow()).as("problem rate").isEqualByComparingTo("50.0");
            Row total = rows.get(6);
            assertThat(total.getCellText(0)).isEqualTo("合计");
            assertThat(total.getCellAsNumber(6).orElseThrow()).isEqualByComparingTo("4");
            List<Row> details = wb.getSheet(1).orElseThrow().read();
            assertThat(details).hasSize(2);
            assertThat(details.get(1).getCellText(1)).isEqualTo(v2);
        }

        // the monthly dispatch table of May: only what was inspected in May, against the quarter's plans and draws
        JsonNode may = getJson(operator(D1), "/api/disclosure/statistics/monthly?month=2026-05").path("districts").get(0);
        assertThat(may.path("inspected").asInt()).isEqualTo(1);
        assertThat(may.path("problemsFound").asInt()).isEqualTo(1);
        assertThat(may.path("drawn").asInt()).isEqualTo(3);
        byte[] monthly = web.get().uri("/api/disclosure/statistics/monthly.xlsx?month=2026-05").headers(h -> h.setBearerAuth(operator(D1)))
                .exchange().expectStatus().isOk().expectBody().returnResult().getResponseBody();
        try (ReadableWorkbook wb = new ReadableWorkbook(new ByteArrayInputStream(monthly))) {
            List<Row> rows = wb.getFirstSheet().read();
            assertThat(rows.get(0).getCellText(0)).isEqualTo(QuarterlyWorkbook.MONTHLY_TITLE);
            assertThat(rows.get(1).getCellText(0)).contains("2026年05月");
            assertThat(rows.get(4).getCellAsNumber(7).orElseThrow()).as("inspected in May").isEqualByComparingTo("1");
        }
        web.get().uri("/api/disclosure/statistics/monthly?month=2026-13").headers(h -> h.setBearerAuth(operator(D1)))
                .exchange().expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("month");

        web.get().uri("/api/disclosure/statistics?period=" + Q).headers(h -> h.setBearerAuth(
                infra.issuer().token("ins", D1, "INSPECTOR"))).exchange().expectStatus().isForbidden();
        web.get().uri("/api/disclosure/statistics?period=2026").headers(h -> h.setBearerAuth(coordinator(CITY)))
                .exchange().expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("period");
    }
}
