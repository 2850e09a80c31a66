package cn.dsr.roster.org;

import static org.assertj.core.api.Assertions.assertThat;

import cn.dsr.contracts.EventContracts;
import cn.dsr.infra.ServiceDatabase;
import cn.dsr.testinfra.TestInfra;
import cn.dsr.testinfra.TopicReader;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient(timeout = "PT30S") // generous: CI shares 2 cores with PostgreSQL and Kafka
class OrgUnitsTest {

    static final TestInfra infra = TestInfra.get();
    static final ServiceDatabase db = infra.newDatabase("roster");

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        infra.springProperties(db).forEach((k, v) -> registry.add(k, () -> v));
    }

    @Autowired
    WebTestClient web;

    String cityCoordinator() {
        return infra.issuer().token("city.coord", "411600", "CITY_COORDINATOR");
    }

    WebTestClient.ResponseSpec create(String token, String json) {
        return web.post().uri("/api/roster/org-units").headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(json).exchange();
    }

    void cityAndDistricts() {
        create(cityCoordinator(), "{\"code\":\"411600\",\"name\":\"周口市生态环境综合行政执法支队\",\"kind\":\"CITY\"}");
        create(cityCoordinator(), "{\"code\":\"411622\",\"name\":\"西华县分局\",\"kind\":\"DISTRICT\",\"parentCode\":\"411600\"}");
        create(cityCoordinator(), "{\"code\":\"411623\",\"name\":\"商水县分局\",\"kind\":\"DISTRICT\",\"parentCode\":\"411600\"}");
    }

    @Test
    void a_new_district_is_published_as_a_state_event_that_conforms_to_its_contract() throws Exception {
        cityAndDistricts();
        long first = create(cityCoordinator(), "{\"code\":\"411622-ZF\",\"name\":\"执法股\",\"kind\":\"DEPARTMENT\",\"parentCode\":\"411622\"}")
                .expectStatus().isCreated()
                .expectHeader().valueEquals("Location", "/api/roster/org-units/411622-ZF")
                .expectBody(OrgUnitService.OrgUnitState.class).returnResult().getResponseBody().rosterRevision();
        OrgUnitService.OrgUnitState second = create(cityCoordinator(), "{\"code\":\"411622-FG\",\"name\":\"法规股\",\"kind\":\"DEPARTMENT\",\"parentCode\":\"411622\"}")
                .expectStatus().isCreated()
                .expectBody(OrgUnitService.OrgUnitState.class).returnResult().getResponseBody();
        assertThat(second.tenant()).isEqualTo("411622");
        assertThat(second.rosterRevision()).as("every change moves the tenant's roster revision by one").isEqualTo(first + 1);

        List<ConsumerRecord<String, byte[]>> records = TopicReader.readKeys(infra.kafkaBootstrap(), "roster.org-units.v1", "411600", "411622", "411623", "411622-ZF", "411622-FG");
        assertThat(records).extracting(ConsumerRecord::key).contains("411600", "411622", "411623", "411622-ZF", "411622-FG");
        for (ConsumerRecord<String, byte[]> record : records) {
            String type = new String(record.headers().lastHeader("ce_type").value());
            assertThat(type).isEqualTo("cn.gov.mee.dsr.roster.org-unit.state.v1");
            assertThat(EventContracts.violations(type, record.value())).isEmpty();
            assertThat(record.headers().lastHeader("ce_tenant")).isNotNull();
        }
    }

    @Test
    void the_callers_correlation_id_travels_with_the_event() {
        cityAndDistricts();
        web.post().uri("/api/roster/org-units").headers(h -> {
                    h.setBearerAuth(cityCoordinator());
                    h.set("X-Correlation-Id", "trace-411622-CORR");
                })
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"code\":\"411622-CORR\",\"name\":\"督查股\",\"kind\":\"DEPARTMENT\",\"parentCode\":\"411622\"}")
                .exchange().expectStatus().isCreated()
                .expectHeader().valueEquals("X-Correlation-Id", "trace-411622-CORR");
        ConsumerRecord<String, byte[]> event = TopicReader.readKeys(infra.kafkaBootstrap(), "roster.org-units.v1", "411622-CORR").stream()
                .filter(r -> "411622-CORR".equals(r.key())).findFirst().orElseThrow();
        assertThat(new String(event.headers().lastHeader("ce_correlationid").value())).isEqualTo("trace-411622-CORR");
    }

    @Test
    void health_metrics_and_the_api_description_are_served() {
        web.get().uri("/actuator/health").exchange().expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("UP");
        web.get().uri("/actuator/prometheus").exchange().expectStatus().isOk();
        web.get().uri("/v3/api-docs").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.paths['/api/roster/org-units']").exists();
    }

    @Test
    void an_invalid_code_is_refused_naming_the_field_and_nothing_is_written() {
        long before = count("SELECT count(*) FROM outbox");
        create(cityCoordinator(), "{\"code\":\"4116AB\",\"name\":\"x\",\"kind\":\"DISTRICT\",\"parentCode\":\"411600\"}")
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.errors[0].field").isEqualTo("code")
                .jsonPath("$.trace").doesNotExist();
        create(cityCoordinator(), "{\"code\":\"411699\",\"name\":\"\",\"kind\":\"DISTRICT\",\"parentCode\":\"411600\"}")
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("name");
        create(cityCoordinator(), "{\"code\":\"411699\",\"name\":\"x\",\"kind\":\"PROVINCE\"}")
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("kind");
        assertThat(count("SELECT count(*) FROM outbox")).isEqualTo(before);
        assertThat(count("SELECT count(*) FROM org_unit WHERE code IN ('4116AB', '411699')")).isZero();
    }

    @Test
    void a_duplicate_code_is_a_conflict() {
        cityAndDistricts();
        create(cityCoordinator(), "{\"code\":\"411622\",\"name\":\"again\",\"kind\":\"DISTRICT\",\"parentCode\":\"411600\"}")
                .expectStatus().isEqualTo(409);
    }

    @Test
    @SuppressWarnings("unchecked")
    void a_district_sees_only_its_own_units_and_the_city_sees_all_of_them() {
        cityAndDistricts();
        String shangshui = infra.issuer().token("ss.operator", "411623", "DISTRICT_OPERATOR");
        web.get().uri("/api/roster/org-units").headers(h -> h.setBearerAuth(shangshui)).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$[*].tenant").value(tenants -> assertThat((List<Object>) tenants).containsOnly("411623"));
        web.get().uri("/api/roster/org-units").headers(h -> h.setBearerAuth(cityCoordinator())).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$[*].code").value(codes -> assertThat((List<Object>) codes).contains("411600", "411622", "411623"));
        web.get().uri("/api/roster/org-units/411622").headers(h -> h.setBearerAuth(shangshui)).exchange()
                .expectStatus().isNotFound();
    }

    @Test
    void a_district_operator_cannot_create_a_district_and_an_anonymous_caller_is_unauthorized() {
        String xihua = infra.issuer().token("xh.operator", "411622", "DISTRICT_OPERATOR");
        create(xihua, "{\"code\":\"411624\",\"name\":\"x\",\"kind\":\"DISTRICT\",\"parentCode\":\"411600\"}")
                .expectStatus().isForbidden();
        web.get().uri("/api/roster/org-units").exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void the_service_role_cannot_see_rows_without_a_tenant_nor_bypass_row_level_security() throws Exception {
        cityAndDistricts();
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.appUser(), db.appPassword());
             Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM org_unit")) {
                rs.next();
                assertThat(rs.getLong(1)).isZero();
            }
            try (ResultSet rs = st.executeQuery("SELECT rolbypassrls OR rolsuper FROM pg_roles WHERE rolname = current_user")) {
                rs.next();
                assertThat(rs.getBoolean(1)).isFalse();
            }
        }
    }

    long count(String sql) {
        return db.countAsOwner(sql);
    }
}
