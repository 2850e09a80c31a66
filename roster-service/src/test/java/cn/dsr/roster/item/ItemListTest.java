package cn.dsr.roster.item;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.dsr.roster.entity.RosterServiceTest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ItemListTest extends RosterServiceTest {

    static final String DANCHENG = "411625";

    static final String ENVIRONMENTAL_IMPACT = """
            {"category":"污染源日常环境监督管理","name":"建设项目环评、批复、“三同时”制度落实情况","targetType":"排污单位",
             "itemClass":"GENERAL","methods":["ON_SITE"],"responsibleBody":"郸城县分局",
             "legalBasis":[{"law":"《中华人民共和国环境影响评价法》","article":"第二十四条"}],
             "ratioAndFrequency":"每季度报告书类抽查10%，报告表类抽查5%","content":"环评批复落实情况"}""";
    static final String RADIATION = """
            {"category":"核与辐射安全日常监督管理","name":"辐射环境管理情况","targetType":"核与辐射利用单位",
             "itemClass":"KEY","methods":["ON_SITE","ONLINE"],"responsibleBody":"郸城县分局",
             "legalBasis":[{"law":"《放射性同位素与射线装置安全条例》","article":"第四十三条"}],"requiredExpertise":["辐射"]}""";

    @BeforeEach
    void orgUnits() {
        districts(DANCHENG);
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> body(org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec spec) {
        return spec.expectBody(Map.class).returnResult().getResponseBody();
    }

    String draft(int year) {
        return (String) body(post(operator(DANCHENG), "/api/roster/item-lists", "{\"year\":" + year + "}").expectStatus().isCreated()).get("id");
    }

    @Test
    @SuppressWarnings("unchecked")
    void a_published_version_is_immutable_and_a_change_is_a_new_version_that_supersedes_it() {
        String v1 = draft(2024);
        String itemUri = "/api/roster/item-lists/" + v1 + "/items";
        String eia = (String) body(post(operator(DANCHENG), itemUri, ENVIRONMENTAL_IMPACT).expectStatus().isCreated()).get("id");
        post(operator(DANCHENG), itemUri, RADIATION).expectStatus().isCreated().expectBody().jsonPath("$.seq").isEqualTo(2);
        post(operator(DANCHENG), "/api/roster/item-lists/" + v1 + "/publish", "{}").expectStatus().isForbidden();
        post(head(DANCHENG), "/api/roster/item-lists/" + v1 + "/publish", "{\"reason\":\"2024 年度清单\"}").expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("PUBLISHED").jsonPath("$.version").isEqualTo(1);

        post(operator(DANCHENG), itemUri, RADIATION).expectStatus().isEqualTo(409);
        put(operator(DANCHENG), itemUri + "/" + eia, ENVIRONMENTAL_IMPACT).expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.detail").value(d -> assertThat((String) d).contains("create a new version"));

        Map<String, Object> v2 = body(post(operator(DANCHENG), "/api/roster/item-lists", "{\"year\":2024}").expectStatus().isCreated());
        assertThat(v2).containsEntry("version", 2).containsEntry("basedOn", v1);
        List<Map<String, Object>> copied = (List<Map<String, Object>>) v2.get("items");
        assertThat(copied).extracting(i -> i.get("name")).containsExactly("建设项目环评、批复、“三同时”制度落实情况", "辐射环境管理情况");
        assertThat(copied).extracting(i -> i.get("id")).doesNotContain(eia);
        put(operator(DANCHENG), "/api/roster/item-lists/" + v2.get("id") + "/items/" + copied.get(0).get("id"),
                ENVIRONMENTAL_IMPACT.replace("第二十四条", "第二十四条、第二十五条")).expectStatus().isOk();
        post(head(DANCHENG), "/api/roster/item-lists/" + v2.get("id") + "/publish", "{\"reason\":\"法律修订后调整\"}").expectStatus().isOk();

        get(operator(DANCHENG), "/api/roster/item-lists/" + v1).expectBody().jsonPath("$.status").isEqualTo("SUPERSEDED");

        List<String> ids = List.of(eia, (String) copied.get(0).get("id"));
        List<ConsumerRecord<String, byte[]>> records = consume("roster.items.v1", ids);
        assertConforms(records, "cn.gov.mee.dsr.roster.item.state.v1");
        assertThat(records).filteredOn(r -> r.key().equals(eia)).extracting(r -> new String(r.value()))
                .anyMatch(v -> v.contains("\"status\":\"PUBLISHED\""))
                .anyMatch(v -> v.contains("\"status\":\"SUPERSEDED\""));
    }

    @Test
    void the_public_read_the_version_in_force_and_earlier_ones_without_a_token_but_never_a_draft() {
        String v1 = draft(2023);
        post(operator(DANCHENG), "/api/roster/item-lists/" + v1 + "/items", RADIATION).expectStatus().isCreated();
        post(head(DANCHENG), "/api/roster/item-lists/" + v1 + "/publish", "{}").expectStatus().isOk();
        String v2 = draft(2023);

        web.get().uri("/public/roster/items/" + DANCHENG + "/2023").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.version").isEqualTo(1)
                .jsonPath("$.items[0].requiredExpertise[0]").isEqualTo("辐射")
                .jsonPath("$.items[0].legalBasis[0].article").isEqualTo("第四十三条")
                .jsonPath("$.createdBy").doesNotExist();
        web.get().uri("/public/roster/items/" + DANCHENG + "/2023/versions/2").exchange().expectStatus().isNotFound();
        web.get().uri("/public/roster/items/41AB25/2023").exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("tenant");
        get(operator(DANCHENG), "/api/roster/item-lists/" + v2).expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("DRAFT");
    }

    @Test
    void an_item_without_legal_basis_or_method_is_refused_naming_the_fields_and_nothing_is_written() throws Exception {
        String list = draft(2025);
        long items = count("SELECT count(*) FROM check_item");
        post(operator(DANCHENG), "/api/roster/item-lists/" + list + "/items",
                ENVIRONMENTAL_IMPACT.replace("\"ON_SITE\"", "").replace("{\"law\":\"《中华人民共和国环境影响评价法》\",\"article\":\"第二十四条\"}", ""))
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[*].field").value(f -> assertThat((List<Object>) f).containsExactly("methods", "legalBasis"));
        post(operator(DANCHENG), "/api/roster/item-lists/" + list + "/items", ENVIRONMENTAL_IMPACT.replace("ON_SITE", "DRONE"))
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").value(f -> assertThat((String) f).startsWith("methods"));
        assertThat(count("SELECT count(*) FROM check_item")).isEqualTo(items);
        post(head(DANCHENG), "/api/roster/item-lists/" + list + "/publish", "{}").expectStatus().isEqualTo(409);
        post(operator(DANCHENG), "/api/roster/item-lists", "{\"year\":2025}").expectStatus().isEqualTo(409);
    }

    @Test
    void a_tenant_without_a_bureau_org_unit_cannot_keep_a_list() {
        post(infra.issuer().token("op.x", "419901", "DISTRICT_OPERATOR"), "/api/roster/item-lists", "{\"year\":2024}")
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("tenant");
    }

    @Test
    void the_database_itself_refuses_to_change_a_published_item() throws Exception {
        String list = draft(2022);
        post(operator(DANCHENG), "/api/roster/item-lists/" + list + "/items", RADIATION).expectStatus().isCreated();
        post(head(DANCHENG), "/api/roster/item-lists/" + list + "/publish", "{}").expectStatus().isOk();
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.appUser(), db.appPassword()); Statement st = c.createStatement()) {
            c.setAutoCommit(false);
            st.execute("SELECT set_config('app.tenant', '" + DANCHENG + "', true)");
            assertThatThrownBy(() -> st.executeUpdate("UPDATE check_item SET seq = 99 WHERE list_id = '" + list + "'"))
                    .hasMessageContaining("immutable");
            c.rollback();
        }
    }
}
