package cn.dsr.roster.conflict;

import static org.assertj.core.api.Assertions.assertThat;

import cn.dsr.roster.entity.RosterServiceTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ConflictsTest extends RosterServiceTest {

    static final String LUYI = "411628";

    String inspectorId;
    String entityId;

    @BeforeEach
    @SuppressWarnings("unchecked")
    void rosters() {
        districts(LUYI);
        inspectorId = (String) post(operator(LUYI), "/api/roster/inspectors", """
                {"name":"陈静","unit":"%s","certificateNo":"C%s","certificateValidUntil":"2028-12-31","kind":"OFFICER",
                 "status":"IN_POST","homeDistrict":"%s"}""".formatted(LUYI, System.nanoTime() % 1_000_000_000L, LUYI))
                .expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody().get("id");
        entityId = (String) post(operator(LUYI), "/api/roster/entities", """
                {"uscc":"%s","name":"鹿邑县某酒业有限公司","address":"鹿邑县产业集聚区","district":"%s","status":"ACTIVE"}"""
                .formatted(newUscc(LUYI), LUYI))
                .expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody().get("id");
    }

    String declaration(String relation) {
        return """
                {"inspectorId":"%s","entityId":"%s","relation":"%s","note":"配偶在该公司任财务","validFrom":"2024-01-01","validUntil":"2026-12-31"}"""
                .formatted(inspectorId, entityId, relation);
    }

    @Test
    @SuppressWarnings("unchecked")
    void a_conflict_is_declared_approved_by_the_head_and_revoked_each_step_recorded_and_published() {
        Map<String, Object> c = post(operator(LUYI), "/api/roster/conflicts", declaration("RELATIVE")).expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody();
        assertThat(c).containsEntry("status", "DECLARED").containsEntry("declaredBy", "op." + LUYI).containsEntry("tenant", LUYI);
        String uri = "/api/roster/conflicts/" + c.get("id");
        post(operator(LUYI), uri + "/approve", "{}").expectStatus().isForbidden();
        post(head(LUYI), uri + "/approve", "{}").expectStatus().isOk().expectBody()
                .jsonPath("$.status").isEqualTo("APPROVED").jsonPath("$.approvedBy").isEqualTo("head." + LUYI);
        get(operator(LUYI), "/api/roster/conflicts?inspectorId=" + inspectorId + "&bindingOn=2024-06-01").expectBody()
                .jsonPath("$[*].id").value(ids -> assertThat((List<Object>) ids).containsExactly(c.get("id")));
        get(operator(LUYI), "/api/roster/conflicts?inspectorId=" + inspectorId + "&bindingOn=2027-01-01").expectBody()
                .jsonPath("$.length()").isEqualTo(0);
        post(head(LUYI), uri + "/revoke", "{}").expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("reason");
        post(head(LUYI), uri + "/revoke", "{\"reason\":\"已离婚\"}").expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("REVOKED");

        var records = consume("roster.conflicts.v1", List.of((String) c.get("id")));
        assertConforms(records, "cn.gov.mee.dsr.roster.conflict.state.v1");
    }

    @Test
    void an_inspector_declares_a_conflict_of_their_own_but_not_of_a_colleague() {
        String self = infra.issuer().tokenFor("chen.jing").tenant(LUYI).roles("INSPECTOR").claim("inspector_id", inspectorId).sign();
        post(self, "/api/roster/conflicts", declaration("FORMER_EMPLOYER")).expectStatus().isCreated();
        String colleague = infra.issuer().tokenFor("li.lei").tenant(LUYI).roles("INSPECTOR").claim("inspector_id", "00000000-0000-0000-0000-000000000001").sign();
        post(colleague, "/api/roster/conflicts", declaration("SHAREHOLDER")).expectStatus().isForbidden();
    }

    @Test
    void the_head_cannot_approve_a_declaration_of_their_own_nor_declare_the_same_relation_twice() {
        @SuppressWarnings("unchecked")
        Map<String, Object> c = post(head(LUYI), "/api/roster/conflicts", declaration("SHAREHOLDER")).expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody();
        post(head(LUYI), "/api/roster/conflicts/" + c.get("id") + "/approve", "{}").expectStatus().isEqualTo(409);
        post(operator(LUYI), "/api/roster/conflicts", declaration("SHAREHOLDER")).expectStatus().isEqualTo(409);
    }

    @Test
    void an_unknown_entity_or_a_relation_without_the_facts_is_refused_naming_the_field() {
        post(operator(LUYI), "/api/roster/conflicts", declaration("RELATIVE").replace(entityId, "00000000-0000-0000-0000-000000000002"))
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("entityId");
        post(operator(LUYI), "/api/roster/conflicts", declaration("OTHER").replace("配偶在该公司任财务", ""))
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("note");
        post(operator(LUYI), "/api/roster/conflicts", declaration("COUSIN"))
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("relation");
    }
}
