package cn.dsr.roster.report;

import static org.assertj.core.api.Assertions.assertThat;

import cn.dsr.roster.bulk.Xlsx;
import cn.dsr.roster.entity.AsOf;
import cn.dsr.roster.entity.RosterServiceTest;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QuarterlyReportTest extends RosterServiceTest {

    static final String XIANGCHENG = "411681";

    @Test
    @SuppressWarnings("unchecked")
    void the_quarter_report_lists_each_districts_new_reclassified_closed_and_positive_list_entities_as_json_and_xlsx() {
        districts(XIANGCHENG);
        String body = """
                {"uscc":"%s","name":"%s","address":"项城市某地","district":"%s","status":"%s","tags":{"permitClass":"%s","positiveList":%s}%s}""";
        String uscc = newUscc(XIANGCHENG);
        Map<String, Object> e = post(operator(XIANGCHENG), "/api/roster/entities",
                body.formatted(uscc, "项城某制革厂", XIANGCHENG, "ACTIVE", "SIMPLIFIED", "false", "")).expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody();
        put(operator(XIANGCHENG), "/api/roster/entities/" + e.get("id"),
                body.formatted(uscc, "项城某制革厂", XIANGCHENG, "CLOSED", "KEY", "true", ",\"reason\":\"停产\"")).expectStatus().isOk();

        LocalDate today = LocalDate.now(AsOf.CHINA);
        Quarter q = Quarter.of(today);
        String uri = "/api/roster/reports/quarterly?year=" + q.year() + "&quarter=" + q.quarter();
        get(operator(XIANGCHENG), uri).expectStatus().isOk().expectBody()
                .jsonPath("$.from").isEqualTo(q.firstDay().toString())
                .jsonPath("$.districts[0].district").isEqualTo(XIANGCHENG)
                .jsonPath("$.districts[0].added[0].uscc").isEqualTo(uscc)
                .jsonPath("$.districts[0].closed[0].uscc").isEqualTo(uscc)
                .jsonPath("$.districts[0].positiveListJoined[0].uscc").isEqualTo(uscc)
                .jsonPath("$.districts[0].categoryChanged.length()").isEqualTo(0);
        get(cityCoordinator(), uri).expectStatus().isOk().expectBody()
                .jsonPath("$.districts[*].district").value(d -> assertThat((List<Object>) d).contains(XIANGCHENG));

        byte[] xlsx = get(operator(XIANGCHENG), uri + "&format=xlsx").expectStatus().isOk()
                .expectBody(byte[].class).returnResult().getResponseBody();
        var summary = Xlsx.read(xlsx, 100);
        assertThat(summary.header()).containsExactly("区县", "新增企业", "抽查类型变更", "消亡企业", "正面清单调入", "正面清单调出");
        assertThat(summary.rows().get(0).cells()).containsExactly(XIANGCHENG, "1", "0", "1", "1", "0");
        get(operator(XIANGCHENG), "/api/roster/reports/quarterly?year=2024&quarter=5").expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("quarter");
    }
}
