package cn.dsr.disclosure.result;

import static org.assertj.core.api.Assertions.assertThat;

import cn.dsr.disclosure.ServiceTest;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import tools.jackson.databind.JsonNode;

/** Results from inspection events to the public API: confidentiality, wording, redaction, amendments, follow-up. */
class ResultsDisclosureTest extends ServiceTest {

    static final LocalDate INSPECTED = LocalDate.of(2026, 4, 20);

    @Test
    void an_entity_drawn_for_inspection_stays_unpublished_until_its_visit_happened() {
        String district = district(), drawId = id("D"), visitId = id("V"), uscc = uscc(district);
        drawExecuted(drawId, district, "2026Q2", new DrawnVisit(visitId, uscc, "某印染有限公司", district, "P-1", "P-1/KEY", false));
        awaitCount("SELECT count(*) FROM drawn_visit WHERE visit_id = '" + visitId + "'", 1);

        assertThat(status("/public/disclosure/entities/" + uscc)).as("drawn but not yet inspected: confidential").isEqualTo(404);
        assertThat(getJson("/public/disclosure/results?uscc=" + uscc).path("results").size()).isZero();
        assertThat(getJson("/public/disclosure/periods/2026Q2/results?district=" + district).path("results").size()).isZero();

        recorded(new Record(visitId, drawId, district, uscc, "某印染有限公司", INSPECTED, "NO_PROBLEM"));
        JsonNode shown = awaitHistory(uscc, 1).path("results").get(0);
        assertThat(shown.path("state").asString()).isEqualTo("PUBLISHED");
        JsonNode doc = shown.path("document");
        assertThat(doc.path("wording").asString()).isEqualTo("未发现问题");
        assertThat(doc.path("inspectionDate").asString()).isEqualTo("2026-04-20");
        assertThat(doc.path("due").asString()).as("20 working days after the inspection").isEqualTo("2026-05-20");
        assertThat(doc.path("period").asString()).as("the draw's quarter").isEqualTo("2026Q2");
        assertThat(doc.path("items").get(0).path("itemName").asString()).as("named as drawn").isEqualTo("危险废物规范化管理");
    }

    @Test
    void a_result_is_worded_from_its_conclusion() {
        String district = district();
        record Case(String conclusion, String wording) {}
        for (Case c : new Case[]{new Case("RECTIFICATION_ORDERED", "发现问题已责令整改"), new Case("CASE_OPENED", "发现违法行为已立案调查"),
                new Case("CLOSED_OR_NOT_OPERATING", "检查对象已关闭或未生产经营"), new Case("UNREACHABLE", "通过登记的住所无法联系")}) {
            String uscc = uscc(district);
            recorded(new Record(id("V"), id("D"), district, uscc, "某企业 " + c.conclusion(), INSPECTED, c.conclusion()));
            assertThat(awaitHistory(uscc, 1).path("results").get(0).path("document").path("wording").asString()).isEqualTo(c.wording());
        }
        assertThat(getJson("/public/disclosure/results?district=" + district + "&conclusion=CASE_OPENED").path("results").size()).isEqualTo(1);
    }

    @Test
    void commercial_secrets_withhold_the_details_and_a_national_secret_withholds_the_record_but_is_counted() {
        String district = district(), secret = uscc(district), national = uscc(district);
        recorded(new Record(id("V"), id("D"), district, secret, "某精细化工有限公司", INSPECTED, "RECTIFICATION_ORDERED", "COMMERCIAL_SECRET"));
        recorded(new Record(id("V"), id("D"), district, national, "某军工配套企业", INSPECTED, "CASE_OPENED", "NATIONAL_SECRET"));

        JsonNode doc = awaitHistory(secret, 1).path("results").get(0).path("document");
        assertThat(doc.path("wording").asString()).as("the fact of the inspection stays").isEqualTo("发现问题已责令整改");
        assertThat(doc.path("withheld").get(0).asString()).isEqualTo("COMMERCIAL_SECRET");
        assertThat(doc.path("items").get(0).path("finding").asString()).isEqualTo("PROBLEM_FOUND");
        assertThat(doc.path("items").get(0).path("description").isNull()).isTrue();
        assertThat(doc.path("items").get(0).path("provision").isNull()).isTrue();

        JsonNode period = await("/public/disclosure/periods/2026Q2/results?district=" + district, p -> p.path("withheld").asLong() == 1);
        assertThat(period.path("results").size()).isEqualTo(1);
        assertThat(status("/public/disclosure/entities/" + national)).isEqualTo(404);
        assertThat(count("SELECT count(*) FROM result_version WHERE uscc = '" + national + "' AND state = 'WITHHELD'")).isEqualTo(1);
    }

    @Test
    void an_amendment_publishes_a_new_version_and_keeps_the_old_one_visible_as_superseded() {
        Record first = published(district(), "某建材有限公司", INSPECTED, "NO_PROBLEM");
        String uscc = first.uscc();
        recorded(first.amended(2, "RECTIFICATION_ORDERED"));

        JsonNode history = awaitHistory(uscc, 2).path("results");
        assertThat(history.get(0).path("state").asString()).isEqualTo("PUBLISHED");
        assertThat(history.get(0).path("document").path("version").asInt()).isEqualTo(2);
        assertThat(history.get(0).path("document").path("supersedes").asInt()).isEqualTo(1);
        assertThat(history.get(0).path("document").path("wording").asString()).isEqualTo("发现问题已责令整改");
        assertThat(history.get(1).path("state").asString()).isEqualTo("SUPERSEDED");
        assertThat(history.get(1).path("document").path("wording").asString()).isEqualTo("未发现问题");
        assertThat(getJson("/public/disclosure/results?uscc=" + uscc).path("results").size()).as("search shows the current version").isEqualTo(1);

        recorded(first.amended(2, "RECTIFICATION_ORDERED")); // redelivered under a new event id
        recorded(first.amended(3, "RECTIFICATION_ORDERED", "NATIONAL_SECRET"));
        await("/public/disclosure/results?uscc=" + uscc, r -> r.path("results").isEmpty());
        assertThat(getJson("/public/disclosure/entities/" + uscc).path("results").size())
                .as("a national secret declared later withdraws the public version; the superseded one stays").isEqualTo(1);
        assertThat(count("SELECT count(*) FROM result_version WHERE uscc = '" + uscc + "'")).as("every version kept internally").isEqualTo(3);
    }

    @Test
    void rectification_status_and_case_reference_follow_the_published_result() {
        Record r = published(district(), "某电镀有限公司", INSPECTED, "CASE_OPENED");
        String uscc = r.uscc();
        rectificationUpdated(r, "OPENED", "OPEN", LocalDate.of(2026, 7, 20));
        caseOpened(r, "周环罚立〔2026〕12号");

        JsonNode doc = await("/public/disclosure/entities/" + uscc, h -> h.path("results").get(0).path("document").path("caseNumber").isString()
                && h.path("results").get(0).path("document").path("rectification").isObject()).path("results").get(0).path("document");
        assertThat(doc.path("rectification").path("wording").asString()).isEqualTo("整改中");
        assertThat(doc.path("rectification").path("deadline").asString()).isEqualTo("2026-07-20");
        assertThat(doc.path("caseNumber").asString()).isEqualTo("周环罚立〔2026〕12号");

        rectificationUpdated(r, "COMPLETED", "COMPLETED", LocalDate.of(2026, 7, 20));
        await("/public/disclosure/entities/" + uscc, h -> h.path("results").get(0).path("document").path("rectification").path("wording").asString().equals("已完成整改"));
    }

    @Test
    void shared_caches_may_keep_the_portals_search_for_two_seconds_but_entity_pages_periods_and_the_change_feed_stay_exact() {
        Record r = published(district(), "某造纸有限公司", INSPECTED, "NO_PROBLEM");
        web.get().uri("/public/disclosure/results?uscc=" + r.uscc()).exchange().expectStatus().isOk()
                .expectHeader().valueEquals(HttpHeaders.CACHE_CONTROL, "public, max-age=2")
                // Spring Security adds its no-cache headers only when none of them is set
                .expectHeader().doesNotExist(HttpHeaders.PRAGMA)
                .expectHeader().doesNotExist(HttpHeaders.EXPIRES);
        for (String exact : List.of("/public/disclosure/entities/" + r.uscc(), "/public/disclosure/periods/2026Q2/results?district=" + r.tenant(),
                "/public/disclosure/changes?limit=1")) {
            web.get().uri(exact).exchange().expectStatus().isOk()
                    .expectHeader().value(HttpHeaders.CACHE_CONTROL, value -> assertThat(value).as(exact).doesNotContain("public").contains("no-store"));
        }
    }
}
