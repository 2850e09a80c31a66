package cn.dsr.roster.entity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

class EntityRosterTest extends RosterServiceTest {

    static final String XIHUA = "411622";
    static final String SHANGSHUI = "411623";
    static final String TAIKANG = "411627";

    @BeforeEach
    void orgUnits() {
        districts(XIHUA, SHANGSHUI, TAIKANG);
    }

    static String entity(String uscc, String district, String name, String tags) {
        return """
                {"uscc":"%s","name":"%s","address":"工业园区纬一路 8 号","district":"%s","legalRepresentative":"张伟",
                 "industry":"C2614","status":"ACTIVE","registrationDate":"2015-03-01","tags":%s}""".formatted(uscc, name, district, tags);
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> created(String token, String json) {
        return post(token, "/api/roster/entities", json).expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody();
    }

    @Test
    void an_entity_is_added_with_its_derived_category_and_published_as_a_state_event_that_conforms() {
        Map<String, Object> e = created(operator(XIHUA), entity(newUscc(XIHUA), XIHUA, "西华县某化工有限公司",
                "{\"permitClass\":\"KEY\",\"pollutantKinds\":[\"COD\",\"氨氮\"],\"creditRisk\":\"HIGHER\"}"));
        assertThat(e).containsEntry("tenant", XIHUA).containsEntry("category", "KEY").containsEntry("categorySource", "RULE")
                .containsEntry("categoryRule", "002-key-permit");
        assertThat((String) e.get("categoryExplanation")).contains("PERMIT_CLASS=KEY").contains("排污许可重点管理");
        assertThat(((Number) e.get("rosterRevision")).longValue()).isPositive();

        var records = consume("roster.entities.v1", List.of((String) e.get("id")));
        assertConforms(records, "cn.gov.mee.dsr.roster.entity.state.v1");
        assertThat(new String(records.get(0).value())).contains("\"rosterRevision\":" + e.get("rosterRevision"));
    }

    @Test
    void an_invalid_code_is_refused_naming_the_field_and_why_and_nothing_is_written() throws Exception {
        long outbox = count("SELECT count(*) FROM outbox");
        long changes = count("SELECT count(*) FROM roster_change");
        post(operator(XIHUA), "/api/roster/entities", entity("91350100M000100Y44", XIHUA, "某公司", "{}"))
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.errors[0].field").isEqualTo("uscc")
                .jsonPath("$.errors[0].message").value(m -> assertThat((String) m).contains("check character"));
        post(operator(XIHUA), "/api/roster/entities", entity(newUscc(XIHUA), XIHUA, "某公司", "{\"permitClass\":\"重点\"}"))
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("tags.permitClass");
        post(operator(XIHUA), "/api/roster/entities", entity(newUscc(XIHUA), XIHUA, "", "{}").replace("C2614", "2614"))
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[*].field").value(f -> assertThat((List<Object>) f).containsExactly("name", "industry"));
        assertThat(count("SELECT count(*) FROM outbox")).isEqualTo(outbox);
        assertThat(count("SELECT count(*) FROM roster_change")).isEqualTo(changes);
    }

    @Test
    void a_code_already_in_the_tenant_is_a_conflict_but_another_district_may_hold_it() {
        String uscc = newUscc(XIHUA);
        created(operator(XIHUA), entity(uscc, XIHUA, "甲公司", "{}"));
        post(operator(XIHUA), "/api/roster/entities", entity(uscc.toLowerCase(), XIHUA, "甲公司（重复）", "{}"))
                .expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.detail").value(d -> assertThat((String) d).contains(uscc));
        created(operator(SHANGSHUI), entity(uscc, SHANGSHUI, "甲公司商水分厂", "{}"));
    }

    @Test
    void an_unknown_district_or_one_of_another_tenant_is_refused() {
        post(operator(XIHUA), "/api/roster/entities", entity(newUscc(XIHUA), "419999", "某公司", "{}"))
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("district");
        post(operator(XIHUA), "/api/roster/entities", entity(newUscc(XIHUA), SHANGSHUI, "某公司", "{}"))
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("district");
    }

    @Test
    void every_change_is_recorded_with_who_when_what_and_why() {
        Map<String, Object> e = created(operator(XIHUA), entity(newUscc(XIHUA), XIHUA, "乙公司", "{}"));
        String uri = "/api/roster/entities/" + e.get("id");
        String closed = entity((String) e.get("uscc"), XIHUA, "乙公司", "{}").replace("ACTIVE", "CLOSED");
        put(operator(XIHUA), uri, closed).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("reason");
        put(operator(XIHUA), uri, closed.replace("}}", "},\"reason\":\"2024-05 停产关闭\"}")).expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("CLOSED");
        get(operator(XIHUA), uri + "/history").expectStatus().isOk().expectBody()
                .jsonPath("$.length()").isEqualTo(2)
                .jsonPath("$[0].action").isEqualTo("CREATED")
                .jsonPath("$[1].action").isEqualTo("UPDATED")
                .jsonPath("$[1].actor").isEqualTo("op." + XIHUA)
                .jsonPath("$[1].reason").isEqualTo("2024-05 停产关闭")
                .jsonPath("$[1].changedAt").exists()
                .jsonPath("$[1].state.status").isEqualTo("CLOSED");
    }

    @Test
    void the_roster_reads_as_of_a_revision_and_as_of_a_date() {
        Map<String, Object> e = created(operator(XIHUA), entity(newUscc(XIHUA), XIHUA, "丙公司", "{}"));
        long createdAt = ((Number) e.get("rosterRevision")).longValue();
        String uri = "/api/roster/entities/" + e.get("id");
        put(operator(XIHUA), uri, entity((String) e.get("uscc"), XIHUA, "丙公司（更名）", "{}").replace("}}", "},\"reason\":\"更名\"}"))
                .expectStatus().isOk();

        get(operator(XIHUA), uri + "?asOfRevision=" + createdAt).expectStatus().isOk()
                .expectBody().jsonPath("$.name").isEqualTo("丙公司").jsonPath("$.rosterRevision").isEqualTo(createdAt);
        get(operator(XIHUA), uri).expectStatus().isOk().expectBody().jsonPath("$.name").isEqualTo("丙公司（更名）");
        get(operator(XIHUA), uri + "?asOfRevision=" + (createdAt - 1)).expectStatus().isNotFound();
        get(operator(XIHUA), uri + "?asOf=" + LocalDate.now(AsOf.CHINA).minusDays(1)).expectStatus().isNotFound();
        get(operator(XIHUA), uri + "?asOf=" + LocalDate.now(AsOf.CHINA)).expectStatus().isOk()
                .expectBody().jsonPath("$.name").isEqualTo("丙公司（更名）");
        get(operator(XIHUA), "/api/roster/entities?asOfRevision=" + createdAt + "&uscc=" + e.get("uscc")).expectStatus().isOk()
                .expectBody().jsonPath("$[0].name").isEqualTo("丙公司").jsonPath("$.length()").isEqualTo(1);
        get(operator(XIHUA), uri + "?asOf=yesterday").expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("asOf");
        get(cityCoordinator(), "/api/roster/entities?asOfRevision=1").expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("tenant");
    }

    @Test
    void a_manual_override_needs_a_reason_is_recorded_and_can_be_removed() {
        Map<String, Object> e = created(operator(XIHUA), entity(newUscc(XIHUA), XIHUA, "丁公司", "{\"permitClass\":\"KEY\"}"));
        String uri = "/api/roster/entities/" + e.get("id") + "/category-override";
        put(head(XIHUA), uri, "{\"category\":\"SPECIAL\"}").expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("reason");
        put(head(XIHUA), uri, "{\"category\":\"SPECIAL\",\"reason\":\"市局挂牌督办通知（2024）3 号\"}").expectStatus().isOk()
                .expectBody()
                .jsonPath("$.category").isEqualTo("SPECIAL")
                .jsonPath("$.categorySource").isEqualTo("OVERRIDE")
                .jsonPath("$.override.by").isEqualTo("head." + XIHUA)
                .jsonPath("$.categoryExplanation").value(x -> assertThat((String) x).contains("the rules give KEY"));
        web.delete().uri(uri + "?reason=督办已解除").headers(h -> h.setBearerAuth(head(XIHUA))).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.category").isEqualTo("KEY").jsonPath("$.override").isEmpty();
        get(operator(XIHUA), "/api/roster/entities/" + e.get("id") + "/history").expectBody()
                .jsonPath("$[1].action").isEqualTo("CATEGORY_OVERRIDDEN")
                .jsonPath("$[1].reason").isEqualTo("市局挂牌督办通知（2024）3 号")
                .jsonPath("$[2].action").isEqualTo("CATEGORY_OVERRIDE_REMOVED");
    }

    @Test
    void adopting_the_003_preset_reclassifies_the_tenant_so_positive_list_beats_key_permit() {
        Map<String, Object> e = created(operator(TAIKANG), entity(newUscc(TAIKANG), TAIKANG, "戊公司",
                "{\"permitClass\":\"KEY\",\"positiveList\":true}"));
        assertThat(e).containsEntry("category", "KEY");
        put(operator(TAIKANG), "/api/roster/category-rules", "{\"preset\":\"seed-003\",\"reason\":\"按市局方案\"}")
                .expectStatus().isForbidden();
        put(head(TAIKANG), "/api/roster/category-rules", "{\"preset\":\"seed-009\",\"reason\":\"x\"}")
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("preset");
        put(head(TAIKANG), "/api/roster/category-rules", "{\"preset\":\"seed-003\",\"reason\":\"按 2024 年市局实施方案\"}")
                .expectStatus().isOk()
                .expectBody().jsonPath("$.reclassified").isEqualTo(1).jsonPath("$.rules.name").isEqualTo("seed-003");
        get(operator(TAIKANG), "/api/roster/entities/" + e.get("id")).expectBody()
                .jsonPath("$.category").isEqualTo("GENERAL")
                .jsonPath("$.offSite").isEqualTo(true)
                .jsonPath("$.categoryRule").isEqualTo("003-general-positive-list");
        get(operator(TAIKANG), "/api/roster/category-rules").expectBody().jsonPath("$.precedence[0]").isEqualTo("SPECIAL");
        get(operator(XIHUA), "/api/roster/category-rules").expectBody().jsonPath("$.name").isEqualTo("seed-002");
    }

    @Test
    void custom_rules_with_gaps_are_refused_field_by_field() {
        put(head(TAIKANG), "/api/roster/category-rules", """
                {"reason":"试行","rules":{"name":"custom","precedence":["KEY","SPECIAL"],"otherwise":"GENERAL",
                 "rules":[{"name":"r1","category":"KEY","when":[{"tag":"PERMIT_CLASS","anyOf":["重点管理"]}]}]}}""")
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[*].field").value(f -> assertThat((List<Object>) f)
                        .containsExactly("precedence", "rules[0].when[0].anyOf"));
    }

    @Test
    void a_district_sees_only_its_own_entities_and_the_city_sees_all() {
        Map<String, Object> x = created(operator(XIHUA), entity(newUscc(XIHUA), XIHUA, "己公司", "{}"));
        Map<String, Object> s = created(operator(SHANGSHUI), entity(newUscc(SHANGSHUI), SHANGSHUI, "庚公司", "{}"));
        get(operator(SHANGSHUI), "/api/roster/entities/" + x.get("id")).expectStatus().isNotFound();
        get(operator(SHANGSHUI), "/api/roster/entities").expectBody()
                .jsonPath("$[*].tenant").value(t -> assertThat((List<Object>) t).containsOnly(SHANGSHUI));
        get(cityCoordinator(), "/api/roster/entities").expectBody()
                .jsonPath("$[*].id").value(ids -> assertThat((List<Object>) ids).contains(x.get("id"), s.get("id")));
    }
}
