package cn.dsr.system;

import static cn.dsr.system.Zhoukou.XIHUA;
import static cn.dsr.system.Zhoukou.addEntity;
import static cn.dsr.system.Zhoukou.entity;
import static cn.dsr.system.Zhoukou.expect;
import static cn.dsr.system.Zhoukou.fields;
import static cn.dsr.system.Zhoukou.uscc;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import cn.dsr.draw.core.Hashes;
import cn.dsr.stack.client.Api;
import cn.dsr.stack.demo.DrawRandomness;
import cn.dsr.stack.client.Stack;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

/**
 * 双随机 through the gateway, as 西华县 draws: a plan over its roster, the commitment published
 * before any randomness is known, the reveals, one execution and never a second, the selection
 * read only by staff who say why (and are logged), a cancellation only with the head's approval,
 * and a disclosed record that anyone can verify — by the public endpoint and by verify-draw.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DrawThroughGatewayIT {

    static Api operator;
    static Api head;
    static String label;
    static String itemId;
    static String keyEntity;
    static final List<String> inScope = new ArrayList<>();
    static final List<String> officers = new ArrayList<>();
    static String planId;
    static JsonNode draw;

    /**
     * The roster the draw is made from: one key and three general entities carrying this story's
     * label, three officers to staff the visits, and one of them declared a relative at the key entity.
     */
    @BeforeAll
    static void roster() {
        Zhoukou.orgUnits();
        operator = Stack.as("xh.operator");
        head = Stack.as("xh.head");
        label = Zhoukou.unique("抽查批次");
        String itemName = Zhoukou.unique("大气污染防治设施运行检查-");
        itemId = Zhoukou.itemIds(Zhoukou.publishItems("xh", itemName)).get(itemName);
        for (String name : List.of("钱进", "孙立", "李娜")) officers.add(Zhoukou.officer(operator, XIHUA, name));
        JsonNode key = addEntity(operator, entity(uscc(XIHUA), "西华县恒泰热电有限公司", XIHUA,
                "{\"permitClass\":\"KEY\",\"pollutantKinds\":[\"" + label + "\"]}"));
        keyEntity = key.get("uscc").asString();
        inScope.add(keyEntity);
        for (String name : List.of("西华县安达纸箱厂", "西华县利民砖厂", "西华县顺发铸造厂")) {
            inScope.add(addEntity(operator, entity(uscc(XIHUA), name, XIHUA, "{\"pollutantKinds\":[\"" + label + "\"]}")).get("uscc").asString());
        }
        String conflict = expect(201, operator.post("/api/roster/conflicts", """
                {"inspectorId":"%s","entityId":"%s","relation":"SHAREHOLDER","note":"持有该公司股份","validFrom":"%s"}"""
                .formatted(officers.get(0), key.get("id").asString(), Zhoukou.today()))).body().get("id").asString();
        Zhoukou.replicated(operator, inScope);
        Zhoukou.inDrawReplica("replica_inspector", officers);
        Zhoukou.inDrawReplica("replica_conflict", List.of(conflict));
    }

    static String drawUri() {
        return "/api/draw/draws/" + draw.get("id").asString();
    }

    @Test
    @Order(1)
    void a_plan_is_drafted_over_the_roster_and_one_below_the_rules_is_refused_with_the_reason() {
        Api.Response refused = expect(400, operator.post("/api/draw/plans", """
                {"title":"x","period":"%s","items":["%s"],"directed":false,"method":"ON_SITE",
                 "strata":[{"category":"GENERAL","ratioBp":20000}],"teamSize":1}""".formatted(Zhoukou.quarter(), itemId)));
        assertThat(fields(refused)).contains("strata[0].ratioBp", "teamSize");

        planId = Drawing.plan(operator, "西华县" + Zhoukou.quarter() + "大气专项抽查", "ON_SITE", itemId, label, 5_000);
        JsonNode plan = expect(200, operator.get("/api/draw/plans/" + planId)).body();
        assertThat(plan.get("status").asString()).isEqualTo("DRAFT");
        assertThat(plan.get("tenant").asString()).isEqualTo(XIHUA);
    }

    @Test
    @Order(2)
    void scheduling_freezes_the_input_and_publishes_the_commitment_before_any_randomness_is_known() {
        draw = expect(201, DrawRandomness.schedule(operator, Zhoukou.today().toString(), planId)).body();
        assertThat(draw.get("status").asString()).isEqualTo("SCHEDULED");
        assertThat(draw.get("inputDigest").asString()).matches("[0-9a-f]{64}");
        assertThat(expect(200, operator.get("/api/draw/plans/" + planId)).body().get("status").asString()).isEqualTo("SCHEDULED");

        JsonNode commitment = expect(200, Stack.anonymous().get("/public/draw/draws/" + draw.get("id").asString())).body();
        assertThat(commitment.get("inputDigest").asString()).isEqualTo(draw.get("inputDigest").asString());
        List<String> published = new ArrayList<>();
        commitment.get("sources").forEach(s -> published.add(s.get("source").asString() + "=" + s.path("commitment").asString("")));
        assertThat(published).contains("party:bureau=" + Hashes.commitment("bureau", DrawRandomness.BUREAU_SECRET));
        assertThat(commitment.hasNonNull("record")).as("nothing to verify before execution").isFalse();
        expect(409, operator.get(drawUri() + "/visits?purpose=check"));
    }

    @Test
    @Order(3)
    void the_randomness_is_revealed_against_the_commitments_and_the_draw_executes_exactly_once() {
        Api.Response early = expect(409, operator.post(drawUri() + "/execute", ""));
        assertThat(early.body().get("detail").asString()).contains("randomness is incomplete");
        Api.Response wrongSecret = expect(400, operator.post(drawUri() + "/randomness",
                "{\"source\":\"party:bureau\",\"value\":\"" + DrawRandomness.OBSERVER_SECRET + "\"}"));
        assertThat(fields(wrongSecret)).containsExactly("value");
        expect(403, operator.post(drawUri() + "/randomness", "{\"source\":\"" + DrawRandomness.lottery(draw) + "\",\"value\":\"508\"}"));
        DrawRandomness.reveal(operator, head, draw);

        JsonNode executed = expect(200, operator.post(drawUri() + "/execute", "")).body();
        assertThat(executed.get("status").asString()).isEqualTo("EXECUTED");
        assertThat(executed.get("resultDigest").asString()).matches("[0-9a-f]{64}");
        Api.Response again = expect(409, operator.post(drawUri() + "/execute", ""));
        assertThat(again.body().get("detail").asString()).contains("never executes twice");
        assertThat(Stack.count("draw", "SELECT count(*) FROM draw_record WHERE draw_id = '" + draw.get("id").asString() + "'")).isEqualTo(1);
    }

    @Test
    @Order(4)
    void the_selection_is_read_only_by_authorised_staff_stating_a_purpose_and_every_read_is_logged_for_the_auditor() {
        String drawId = draw.get("id").asString();
        Api auditor = Stack.as("xh.auditor");
        int logged = expect(200, auditor.get("/api/draw/access-log?drawId=" + drawId)).body().size();

        assertThat(fields(expect(400, operator.get(drawUri() + "/visits")))).containsExactly("purpose");
        expect(403, Stack.as("xh.inspector1").get(drawUri() + "/visits?purpose=curious"));
        expect(404, Stack.as("ss.operator").get(drawUri() + "/visits?purpose=curious"));
        JsonNode visits = Drawing.visits(operator, drawId, "安排检查任务");
        List<String> selected = new ArrayList<>();
        visits.forEach(v -> selected.add(v.get("entity").get("uscc").asString()));
        // every key entity, at least one of the three general ones at 50 %, nobody outside the plan's label
        assertThat(selected).contains(keyEntity).hasSizeBetween(2, 3).allSatisfy(u -> assertThat(inScope).contains(u));
        visits.forEach(v -> {
            List<String> team = new ArrayList<>();
            v.get("inspectors").forEach(i -> {
                assertThat(i.get("kind").asString()).isEqualTo("OFFICER");
                team.add(i.get("inspectorId").asString());
            });
            assertThat(team).as("an on-site visit is made by two officers").hasSize(2).doesNotHaveDuplicates();
            if (v.get("entity").get("uscc").asString().equals(keyEntity)) {
                assertThat(team).as("回避: the officer declared a shareholder stays away").doesNotContain(officers.get(0));
            }
        });

        JsonNode log = expect(200, auditor.get("/api/draw/access-log?drawId=" + drawId)).body();
        assertThat(log.size()).isEqualTo(logged + 1);
        JsonNode entry = log.get(log.size() - 1);
        assertThat(entry.get("username").asString()).isEqualTo("xh.operator");
        assertThat(entry.get("purpose").asString()).isEqualTo("安排检查任务");
        assertThat(entry.get("what").asString()).isEqualTo("visits");
        expect(403, operator.get("/api/draw/access-log?drawId=" + drawId));
    }

    @Test
    @Order(5)
    void a_cancellation_states_its_reason_needs_the_heads_approval_and_the_redraw_is_a_new_draw_linked_to_it() {
        String plan = Drawing.plan(operator, "西华县" + Zhoukou.quarter() + "补充抽查", "ON_SITE", itemId, label, 10_000);
        JsonNode scheduled = expect(201, DrawRandomness.schedule(operator, Zhoukou.today().toString(), plan)).body();
        String uri = "/api/draw/draws/" + scheduled.get("id").asString() + "/cancellation";

        assertThat(fields(expect(400, operator.post(uri, "{}")))).containsExactly("reason");
        expect(200, operator.post(uri, "{\"reason\":\"彩票开奖推迟，随机数来源失效\"}"));
        expect(403, operator.post(uri + "/approval", ""));
        JsonNode cancelled = expect(200, head.post(uri + "/approval", "")).body();
        assertThat(cancelled.get("status").asString()).isEqualTo("CANCELLED");
        JsonNode onRecord = expect(200, Stack.anonymous().get("/public/draw/draws/" + scheduled.get("id").asString())).body();
        assertThat(onRecord.get("cancellation").get("reason").asString()).isEqualTo("彩票开奖推迟，随机数来源失效");

        JsonNode redraw = expect(201, DrawRandomness.schedule(operator, Zhoukou.today().toString(), plan)).body();
        assertThat(redraw.get("id").asString()).isNotEqualTo(scheduled.get("id").asString());
        assertThat(redraw.get("replaces").asString()).isEqualTo(scheduled.get("id").asString());
    }

    @Test
    @Order(6)
    void the_disclosed_record_verifies_by_the_public_endpoint_and_by_verify_draw_and_a_tampered_one_does_not() throws Exception {
        String drawId = draw.get("id").asString();
        expect(404, Stack.anonymous().get("/public/draw/draws/" + drawId + "/record"));
        expect(200, operator.post("/api/draw/plans/" + planId + "/close", ""));
        expect(403, operator.post(drawUri() + "/disclose", ""));
        expect(200, head.post(drawUri() + "/disclose", ""));

        String record = expect(200, Stack.anonymous().get("/public/draw/draws/" + drawId + "/record")).raw();
        JsonNode verified = expect(200, Stack.anonymous().upload("POST", "/public/draw/verify", "application/json", record.getBytes(UTF_8))).body();
        assertThat(verified.get("ok").asBoolean()).as(verified.toString()).isTrue();
        Drawing.Run ok = Drawing.verifyDraw(record);
        assertThat(ok.exit()).as(ok.toString()).isZero();
        assertThat(ok.output()).as(ok.toString()).isEqualTo("OK");

        String tampered = tamperSelection(record);
        JsonNode refuted = expect(200, Stack.anonymous().upload("POST", "/public/draw/verify", "application/json", tampered.getBytes(UTF_8))).body();
        assertThat(refuted.get("ok").asBoolean()).isFalse();
        Drawing.Run run = Drawing.verifyDraw(tampered);
        assertThat(run.exit()).as(run.toString()).isEqualTo(1);
        assertThat(run.output()).startsWith("FAIL " + refuted.get("firstMismatch").asString());
    }

    /** The record with its first selected entity swapped, in the output only, for one the draw left out. */
    static String tamperSelection(String record) {
        List<String> selected = new ArrayList<>();
        Api.JSON.readTree(record).get("output").get("selected").forEach(x -> selected.add(x.get("entity").asString()));
        String outsider = inScope.stream().filter(u -> !selected.contains(u)).findFirst().orElseThrow();
        int output = record.indexOf("\"output\"");
        return record.substring(0, output) + record.substring(output).replaceFirst("\"" + selected.get(0) + "\"", "\"" + outsider + "\"");
    }
}
