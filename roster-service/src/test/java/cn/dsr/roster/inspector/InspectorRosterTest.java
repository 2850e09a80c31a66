package cn.dsr.roster.inspector;

import static org.assertj.core.api.Assertions.assertThat;

import cn.dsr.roster.entity.RosterServiceTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class InspectorRosterTest extends RosterServiceTest {

    static final String HUAIYANG = "411626";

    @BeforeEach
    void orgUnits() {
        districts(HUAIYANG);
        post(cityCoordinator(), "/api/roster/org-units",
                "{\"code\":\"" + HUAIYANG + "-ZF\",\"name\":\"执法股\",\"kind\":\"DEPARTMENT\",\"parentCode\":\"" + HUAIYANG + "\"}");
    }

    static String officer(String name, String certificate, String until, String status) {
        return """
                {"name":"%s","unit":"%s","department":"%s-ZF","certificateNo":"%s","certificateValidFrom":"2021-01-01",
                 "certificateValidUntil":"%s","post":"科员","kind":"OFFICER","expertise":["大气","固废"],"status":"%s","homeDistrict":"%s"}"""
                .formatted(name, HUAIYANG, HUAIYANG, certificate, until, status, HUAIYANG);
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> created(String json) {
        return post(operator(HUAIYANG), "/api/roster/inspectors", json).expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody();
    }

    @Test
    void an_officer_is_added_recorded_and_published_as_a_state_event_that_conforms() {
        Map<String, Object> i = created(officer("赵强", "4116260001", "2027-12-31", "IN_POST"));
        assertThat(i).containsEntry("tenant", HUAIYANG).containsEntry("department", HUAIYANG + "-ZF");
        put(operator(HUAIYANG), "/api/roster/inspectors/" + i.get("id"),
                officer("赵强", "4116260001", "2027-12-31", "TRANSFERRED").replace("}", ",\"reason\":\"调往市支队\"}"))
                .expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("TRANSFERRED");
        get(operator(HUAIYANG), "/api/roster/inspectors/" + i.get("id") + "/history").expectBody()
                .jsonPath("$[1].reason").isEqualTo("调往市支队").jsonPath("$[1].actor").isEqualTo("op." + HUAIYANG);

        var records = consume("roster.inspectors.v1", List.of((String) i.get("id")));
        assertConforms(records, "cn.gov.mee.dsr.roster.inspector.state.v1");
    }

    @Test
    void a_certificate_held_by_another_inspector_is_a_conflict() {
        created(officer("钱亮", "4116260002", "2027-12-31", "IN_POST"));
        post(operator(HUAIYANG), "/api/roster/inspectors", officer("孙伟", "4116260002", "2027-12-31", "IN_POST"))
                .expectStatus().isEqualTo(409);
    }

    static String linked(String officer, String account) {
        return officer.replace("}", ",\"account\":\"" + account + "\"}");
    }

    @Test
    void an_inspector_linked_to_a_sign_in_account_is_stored_recorded_and_published_with_it() {
        String account = "hy.inspector" + System.nanoTime();
        Map<String, Object> i = created(linked(officer("陈刚", "4116260007", "2027-12-31", "IN_POST"), account));
        assertThat(i).containsEntry("account", account);
        get(operator(HUAIYANG), "/api/roster/inspectors/" + i.get("id") + "/history").expectBody()
                .jsonPath("$[0].state.account").isEqualTo(account);

        var records = consume("roster.inspectors.v1", List.of((String) i.get("id")));
        assertThat(new String(records.get(records.size() - 1).value())).contains("\"account\":\"" + account + "\"");
        assertConforms(records, "cn.gov.mee.dsr.roster.inspector.state.v1");
    }

    @Test
    void a_sign_in_account_links_one_person_of_the_tenant_and_moves_only_once_freed() {
        String account = "hy.inspector" + System.nanoTime();
        Map<String, Object> first = created(linked(officer("林峰", "4116260008", "2027-12-31", "IN_POST"), account));
        post(operator(HUAIYANG), "/api/roster/inspectors", linked(officer("何静", "4116260009", "2027-12-31", "IN_POST"), account))
                .expectStatus().isEqualTo(409);
        Map<String, Object> second = created(officer("何静", "4116260009", "2027-12-31", "IN_POST"));
        put(operator(HUAIYANG), "/api/roster/inspectors/" + second.get("id"),
                linked(officer("何静", "4116260009", "2027-12-31", "IN_POST"), account).replace("}", ",\"reason\":\"账号交接\"}"))
                .expectStatus().isEqualTo(409);

        put(operator(HUAIYANG), "/api/roster/inspectors/" + first.get("id"),
                officer("林峰", "4116260008", "2027-12-31", "RETIRED").replace("}", ",\"reason\":\"退休，账号收回\"}"))
                .expectStatus().isOk().expectBody().jsonPath("$.account").value(a -> assertThat(a).isNull());
        put(operator(HUAIYANG), "/api/roster/inspectors/" + second.get("id"),
                linked(officer("何静", "4116260009", "2027-12-31", "IN_POST"), account).replace("}", ",\"reason\":\"账号交接\"}"))
                .expectStatus().isOk().expectBody().jsonPath("$.account").isEqualTo(account);
    }

    @Test
    void a_malformed_sign_in_account_is_refused_naming_the_field() throws Exception {
        long before = count("SELECT count(*) FROM inspector");
        post(operator(HUAIYANG), "/api/roster/inspectors", linked(officer("郭鹏", "4116260010", "2027-12-31", "IN_POST"), "xh inspector/1"))
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("account");
        assertThat(count("SELECT count(*) FROM inspector")).isEqualTo(before);
    }

    @Test
    void bad_input_names_the_field_and_writes_nothing() throws Exception {
        long before = count("SELECT count(*) FROM inspector");
        post(operator(HUAIYANG), "/api/roster/inspectors", officer("周杰", "", "2027-12-31", "IN_POST"))
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("certificateNo");
        post(operator(HUAIYANG), "/api/roster/inspectors", officer("周杰", "4116260003", "2027-12-31", "IN_POST").replace("\"unit\":\"411626\"", "\"unit\":\"411699\"")
                        .replace(HUAIYANG + "-ZF", "411699-ZF"))
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("unit");
        post(operator(HUAIYANG), "/api/roster/inspectors", officer("周杰", "4116260003", "2027-12-31", "ON_DUTY"))
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("status");
        assertThat(count("SELECT count(*) FROM inspector")).isEqualTo(before);
    }

    @Test
    @SuppressWarnings("unchecked")
    void only_those_in_post_with_a_valid_certificate_are_available_on_a_day() {
        Map<String, Object> valid = created(officer("吴敏", "4116260004", "2027-12-31", "IN_POST"));
        Map<String, Object> expired = created(officer("郑浩", "4116260005", "2024-06-30", "IN_POST"));
        Map<String, Object> onLeave = created(officer("冯雪", "4116260006", "2027-12-31", "LEAVE"));
        get(operator(HUAIYANG), "/api/roster/inspectors?availableOn=2024-07-01&expertise=固废").expectBody()
                .jsonPath("$[*].id").value(ids -> assertThat((List<Object>) ids)
                        .contains(valid.get("id")).doesNotContain(expired.get("id"), onLeave.get("id")));
    }

    @Test
    void the_in_post_count_of_the_year_is_stated_with_a_reason_and_published() {
        put(head(HUAIYANG), "/api/roster/in-post-counts/2024", "{\"count\":12}").expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("reason");
        put(head(HUAIYANG), "/api/roster/in-post-counts/2024", "{\"count\":12,\"reason\":\"2024 年 1 月人事科核定\"}").expectStatus().isOk()
                .expectBody().jsonPath("$.count").isEqualTo(12).jsonPath("$.setBy").isEqualTo("head." + HUAIYANG);
        get(operator(HUAIYANG), "/api/roster/in-post-counts/2024").expectStatus().isOk().expectBody()
                .jsonPath("$.stated.count").isEqualTo(12)
                .jsonPath("$.officersInPostOnRoster").isNumber();
        var records = consume("roster.in-post-counts.v1", List.of(HUAIYANG + ":2024"));
        assertConforms(records, "cn.gov.mee.dsr.roster.in-post-count.state.v1");
    }
}
