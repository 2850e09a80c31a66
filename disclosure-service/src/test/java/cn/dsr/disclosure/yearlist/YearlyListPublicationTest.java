package cn.dsr.disclosure.yearlist;

import static org.assertj.core.api.Assertions.assertThat;

import cn.dsr.disclosure.ServiceTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class YearlyListPublicationTest extends ServiceTest {

    static final int YEAR = java.time.LocalDate.now(cn.dsr.disclosure.Quarter.CHINA).getYear();

    @Test
    void a_bureau_publishes_its_yearly_list_of_entities_in_operation_once() {
        String district = district(), active = uscc(district), renamed = uscc(district), closed = uscc(district);
        entityState(district, active, "某食品有限公司", "GENERAL", "ACTIVE", 1);
        entityState(district, renamed, "某旧名有限公司", "KEY", "ACTIVE", 1);
        entityState(district, renamed, "某新名有限公司", "KEY", "ACTIVE", 3);
        entityState(district, renamed, "某旧名有限公司", "KEY", "ACTIVE", 2); // late, older revision: ignored
        entityState(district, closed, "某关停厂", "GENERAL", "CLOSED", 1);
        awaitCount("SELECT count(*) FROM roster_entity WHERE tenant = '" + district + "' AND revision = CASE uscc WHEN '" + renamed + "' THEN 3 ELSE 1 END", 3);

        JsonNode list = JSON.readTree(web.post().uri("/api/disclosure/yearly-lists/" + YEAR).headers(h -> h.setBearerAuth(operator(district)))
                .exchange().expectStatus().isOk().expectBody().returnResult().getResponseBody());
        assertThat(list.path("due").asString()).isEqualTo(YEAR + "-01-31");
        assertThat(list.path("entities").size()).isEqualTo(2);

        JsonNode read = getJson("/public/disclosure/yearly-lists/" + district + "/" + YEAR);
        assertThat(read.path("entities").findValuesAsString("uscc")).containsExactlyInAnyOrder(active, renamed);
        assertThat(read.path("entities").findValuesAsString("name")).contains("某新名有限公司").doesNotContain("某旧名有限公司");

        web.post().uri("/api/disclosure/yearly-lists/" + YEAR).headers(h -> h.setBearerAuth(operator(district)))
                .exchange().expectStatus().isEqualTo(409);
        web.post().uri("/api/disclosure/yearly-lists/" + YEAR).exchange().expectStatus().isUnauthorized();
        assertThat(status("/public/disclosure/yearly-lists/" + district + "/" + (YEAR - 1))).isEqualTo(404);

        JsonNode status = getJson(operator(district), "/api/disclosure/yearly-lists/" + YEAR + "/status");
        assertThat(status.size()).isEqualTo(1);
        assertThat(status.get(0).path("district").asString()).isEqualTo(district);
        assertThat(status.get(0).path("overdue").asBoolean()).isFalse();
        JsonNode next = getJson(operator(district), "/api/disclosure/yearly-lists/" + (YEAR + 1) + "/status");
        assertThat(next.get(0).path("publishedAt").isNull()).isTrue();
    }

    @Test
    void a_list_is_published_for_this_year_or_the_next_and_never_empty() {
        String district = district();
        web.post().uri("/api/disclosure/yearly-lists/" + (YEAR - 1)).headers(h -> h.setBearerAuth(operator(district)))
                .exchange().expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("year");
        web.post().uri("/api/disclosure/yearly-lists/" + YEAR).headers(h -> h.setBearerAuth(operator(district)))
                .exchange().expectStatus().isEqualTo(409);
        assertThat(count("SELECT count(*) FROM public_yearly_list WHERE tenant = '" + district + "'")).isZero();
    }
}
