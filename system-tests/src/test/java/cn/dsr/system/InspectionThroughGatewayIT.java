package cn.dsr.system;

import static cn.dsr.stack.demo.QuarterStory.jpeg;
import static cn.dsr.system.Zhoukou.XIHUA;
import static cn.dsr.system.Zhoukou.addEntity;
import static cn.dsr.system.Zhoukou.entity;
import static cn.dsr.system.Zhoukou.expect;
import static cn.dsr.system.Zhoukou.fields;
import static cn.dsr.system.Zhoukou.uscc;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.dsr.stack.client.Api;
import cn.dsr.stack.client.Await;
import cn.dsr.stack.client.Stack;
import java.security.MessageDigest;
import java.time.OffsetDateTime;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * After the draw, through the gateway: 西华县's visits arrive as tasks from the {@code draw
 * executed} event, records are submitted once however often they are sent, bad records are
 * refused with nothing stored, a submitted record changes only by an approved amendment (and not
 * even the service's own database role can update it), a problem found opens a rectification,
 * and visits behind time are listed as overdue.
 *
 * <p>The story's visits are drawn as written checks (书面检查), which have no team and are
 * recorded by the district's staff. The last test draws an on-site visit: the draw staffs it with
 * roster officers, and the officers' roster entries name the demo inspectors' sign-in accounts, so
 * the team records it and nobody else does.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class InspectionThroughGatewayIT {

    /** The demo users whose tokens name these inspector ids. */
    static final Map<String, String> DEMO_INSPECTORS = Map.of("xh-insp-01", "xh.inspector1", "xh-insp-02", "xh.inspector2");

    static Api operator;
    static Api head;
    static String itemId;
    static String drawId;
    static final List<JsonNode> tasks = new ArrayList<>();

    @BeforeAll
    static void drawn() {
        Zhoukou.orgUnits();
        operator = Stack.as("xh.operator");
        head = Stack.as("xh.head");
        String label = Zhoukou.unique("书面检查批次");
        String itemName = Zhoukou.unique("排污许可执行报告检查-");
        itemId = Zhoukou.itemIds(Zhoukou.publishItems("xh", itemName)).get(itemName);
        List<String> usccs = new ArrayList<>();
        for (String name : List.of("西华县鑫源塑业有限公司", "西华县华康药业有限公司", "西华县万通物流有限公司", "西华县绿源养殖场")) {
            usccs.add(addEntity(operator, entity(uscc(XIHUA), name, XIHUA, "{\"pollutantKinds\":[\"" + label + "\"]}")).get("uscc").asString());
        }
        Zhoukou.replicated(operator, usccs);
        drawId = Drawing.executed(operator, head, itemId, label, "WRITTEN").get("id").asString();
    }

    /** Who records a visit: its team's demo inspector when it has a team, else the district's operator. */
    static Api recorder(JsonNode task) {
        for (JsonNode member : task.get("team")) {
            String user = DEMO_INSPECTORS.get(member.get("inspectorId").asString());
            if (user != null) return Stack.as(user);
        }
        assertThat(task.get("team").isEmpty()).as("a team without a demo inspector: " + task.get("team")).isTrue();
        return operator;
    }

    static String present(JsonNode task) {
        List<String> ids = new ArrayList<>();
        task.get("team").forEach(m -> ids.add("\"" + m.get("inspectorId").asString() + "\""));
        return "[" + String.join(",", ids) + "]";
    }

    static String noProblem(JsonNode task, String remarks) {
        return """
                {"inspectionDate":"%s","findings":[{"itemId":"%s","finding":"COMPLIANT"}],"conclusion":"NO_PROBLEM",
                 "inspectorsPresent":%s,"remarks":"%s"}""".formatted(Zhoukou.today(), itemId, present(task), remarks);
    }

    static String problemFound(JsonNode task, String evidenceId) {
        return """
                {"inspectionDate":"%s","findings":[{"itemId":"%s","finding":"PROBLEM_FOUND","description":"未按期提交排污许可执行报告",
                 "provision":"《排污许可管理条例》第二十二条"}],"measures":["ORDER_TO_RECTIFY"],"conclusion":"RECTIFICATION_ORDERED",
                 "inspectorsPresent":%s,"evidence":["%s"]}""".formatted(Zhoukou.today(), itemId, present(task), evidenceId);
    }

    static Api.Response submit(Api api, JsonNode task, String key, String record) {
        return api.post("/api/inspection/tasks/" + id(task) + "/record", record, "Idempotency-Key", key);
    }

    static String id(JsonNode task) {
        return task.get("taskId").asString();
    }

    static long stored(String table, JsonNode task) {
        return Stack.count("inspection", "SELECT count(*) FROM " + table + " WHERE task_id = '" + id(task) + "'");
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    @Test
    @Order(1)
    void every_visit_of_the_executed_draw_arrives_as_an_assigned_task_with_its_items() {
        List<JsonNode> arrived = Await.until(Zhoukou.WAIT, "the tasks of draw " + drawId, () -> {
            List<JsonNode> found = new ArrayList<>();
            expect(200, operator.get("/api/inspection/tasks")).body().forEach(t -> {
                if (drawId.equals(t.path("drawId").asString(null))) found.add(t);
            });
            return found;
        }, found -> found.size() == 4);
        tasks.addAll(arrived);
        assertThat(tasks).allSatisfy(t -> {
            assertThat(t.get("state").asString()).isEqualTo("ASSIGNED");
            assertThat(t.get("random").asBoolean()).isTrue();
            assertThat(t.get("method").asString()).isEqualTo("WRITTEN");
            assertThat(t.get("items").get(0).get("itemId").asString()).isEqualTo(itemId);
        });
        expect(404, Stack.as("ss.operator").get("/api/inspection/tasks/" + id(tasks.get(0))));
        List<String> seenByInspector = new ArrayList<>();
        expect(200, Stack.as("xh.inspector1").get("/api/inspection/tasks")).body().forEach(t -> seenByInspector.add(id(t)));
        assertThat(tasks).as("an inspector sees only the visits of their own teams")
                .allSatisfy(t -> assertThat(seenByInspector.contains(id(t))).isEqualTo(t.get("team").toString().contains("xh-insp-01")));
    }

    @Test
    @Order(2)
    void a_record_sent_twice_under_one_idempotency_key_is_stored_once_and_answered_the_same() {
        JsonNode task = tasks.get(0);
        Api recorder = recorder(task);
        String key = Zhoukou.unique("submit-");
        Api.Response first = expect(201, submit(recorder, task, key, noProblem(task, "企业按期提交执行报告")));
        Api.Response replay = expect(201, submit(recorder, task, key, noProblem(task, "企业按期提交执行报告")));

        assertThat(first.header("Idempotent-Replayed")).hasValue("false");
        assertThat(replay.header("Idempotent-Replayed")).hasValue("true");
        assertThat(replay.body().get("recordId").asString()).isEqualTo(first.body().get("recordId").asString());
        assertThat(stored("inspection_record", task)).isEqualTo(1);
        assertThat(expect(200, operator.get("/api/inspection/tasks/" + id(task))).body().get("state").asString()).isEqualTo("SUBMITTED");
        expect(409, submit(recorder, task, key, noProblem(task, "另一份记录")));
    }

    @Test
    @Order(3)
    void bad_records_and_attachments_are_refused_naming_the_field_and_nothing_is_stored() {
        JsonNode task = tasks.get(1);
        Api recorder = recorder(task);
        String good = noProblem(task, "x");

        assertThat(fields(expect(400, recorder.post("/api/inspection/tasks/" + id(task) + "/record", good)))).containsExactly("Idempotency-Key");
        assertThat(fields(expect(400, submit(recorder, task, Zhoukou.unique("k-"), good.replaceFirst("\"findings\":\\[[^\\]]*\\]", "\"findings\":[]")))))
                .containsExactly("findings");
        String contradiction = good.replace("\"finding\":\"COMPLIANT\"",
                "\"finding\":\"PROBLEM_FOUND\",\"description\":\"废气收集设施未运行\",\"provision\":\"《大气污染防治法》第四十五条\"");
        assertThat(fields(expect(400, submit(recorder, task, Zhoukou.unique("k-"), contradiction)))).contains("conclusion");
        expect(404, submit(Stack.as("ss.operator"), task, Zhoukou.unique("k-"), good));
        expect(404, recorder.post("/api/inspection/tasks/" + drawId + "-NO-SUCH-VISIT/record", good, "Idempotency-Key", Zhoukou.unique("k-")));
        Api.Response script = expect(400, recorder.upload("POST", "/api/inspection/tasks/" + id(task) + "/evidence?filename=a.sh",
                "application/x-sh", "#!/bin/sh\nrm -rf /\n".getBytes(UTF_8)));
        assertThat(fields(script)).containsExactly("file");
        expect(400, recorder.upload("POST", "/api/inspection/tasks/" + id(task) + "/evidence", "image/jpeg", "not a photo".getBytes(UTF_8)));

        assertThat(stored("inspection_record", task)).isZero();
        assertThat(stored("evidence", task)).isZero();
        assertThat(expect(200, operator.get("/api/inspection/tasks/" + id(task))).body().get("state").asString()).isEqualTo("ASSIGNED");
    }

    @Test
    @Order(4)
    void evidence_is_stored_with_its_content_hash_and_served_back_with_it() throws Exception {
        JsonNode task = tasks.get(1);
        byte[] photo = jpeg("排污口标识牌缺失现场照片");
        JsonNode evidence = expect(201, recorder(task).upload("POST", "/api/inspection/tasks/" + id(task) + "/evidence?filename=outfall.jpg",
                "image/jpeg", photo)).body();
        assertThat(evidence.get("sha256").asString()).isEqualTo(sha256(photo));
        assertThat(evidence.get("size").asLong()).isEqualTo(photo.length);
        assertThat(evidence.get("kind").asString()).isEqualTo("PHOTO");

        Api.Response served = expect(200, operator.get("/api/inspection/tasks/" + id(task) + "/evidence/" + evidence.get("evidenceId").asString()));
        assertThat(served.bytes()).isEqualTo(photo);
        assertThat(served.header("Repr-Digest")).hasValue("sha-256=:" + Base64.getEncoder().encodeToString(HexFormat.of().parseHex(sha256(photo))) + ":");
    }

    @Test
    @Order(5)
    void a_correction_approved_by_the_head_becomes_an_amendment_in_the_records_history() {
        JsonNode task = tasks.get(0);
        String uri = "/api/inspection/tasks/" + id(task);
        String corrected = noProblem(task, "企业按期提交执行报告；补记：台账齐全");
        assertThat(fields(expect(400, operator.post(uri + "/corrections", "{\"record\":" + corrected + "}")))).containsExactly("reason");
        JsonNode requested = expect(201, operator.post(uri + "/corrections", "{\"reason\":\"漏记台账检查情况\",\"record\":" + corrected + "}")).body();
        assertThat(requested.get("status").asString()).isEqualTo("PENDING");
        String correction = "/api/inspection/corrections/" + requested.get("correctionId").asString();
        expect(403, operator.post(correction + "/approval", "{\"comment\":\"同意\"}"));
        JsonNode approved = expect(200, head.post(correction + "/approval", "{\"comment\":\"同意更正\"}")).body();
        assertThat(approved.get("status").asString()).isEqualTo("APPROVED");

        JsonNode history = expect(200, operator.get(uri + "/records")).body();
        assertThat(history.size()).isEqualTo(2);
        assertThat(history.get(0).get("record").get("remarks").asString()).isEqualTo("企业按期提交执行报告");
        assertThat(history.get(1).get("version").asInt()).isEqualTo(2);
        assertThat(history.get(1).get("supersedes").asInt()).isEqualTo(1);
        assertThat(history.get(1).get("record").get("remarks").asString()).isEqualTo("企业按期提交执行报告；补记：台账齐全");
        assertThat(history.get(1).get("amendment").toString()).contains("漏记台账检查情况");
        assertThat(expect(200, operator.get(uri)).body().get("state").asString()).isEqualTo("AMENDED");
    }

    @Test
    @Order(6)
    void a_submitted_record_cannot_be_updated_even_by_the_services_own_database_role() {
        String where = " WHERE task_id = '" + id(tasks.get(0)) + "'";
        assertThatThrownBy(() -> Stack.executeAsService("inspection", "UPDATE inspection_record SET conclusion = 'CASE_OPENED'" + where))
                .isInstanceOf(SQLException.class).hasMessageContaining("permission denied");
        assertThatThrownBy(() -> Stack.executeAsService("inspection", "DELETE FROM inspection_record" + where))
                .isInstanceOf(SQLException.class).hasMessageContaining("permission denied");
        assertThat(Stack.count("inspection", "SELECT count(*) FROM inspection_record" + where + " AND conclusion = 'NO_PROBLEM'")).isEqualTo(2);
    }

    @Test
    @Order(7)
    void a_problem_found_opens_a_rectification_which_is_reported_on_and_completed_with_evidence() throws Exception {
        JsonNode task = tasks.get(1);
        Api recorder = recorder(task);
        String photo = expect(200, operator.get("/api/inspection/tasks/" + id(task) + "/evidence")).body().get(0).get("evidenceId").asString();
        expect(201, submit(recorder, task, Zhoukou.unique("k-"), problemFound(task, photo)));

        JsonNode rectification = Await.until(Zhoukou.WAIT, "the rectification of " + id(task), () -> {
            for (JsonNode r : expect(200, operator.get("/api/inspection/rectifications")).body()) {
                if (r.get("taskId").asString().equals(id(task))) return r;
            }
            return null;
        }, r -> r != null);
        assertThat(rectification.get("status").asString()).isEqualTo("OPEN");
        assertThat(rectification.get("deadline").asString()).isEqualTo(Zhoukou.today().plusMonths(3).toString());
        String uri = "/api/inspection/rectifications/" + rectification.get("rectificationId").asString();

        JsonNode progress = expect(200, operator.post(uri + "/progress", "{\"reportedOn\":\"" + Zhoukou.today() + "\",\"stage\":\"已补交执行报告草稿\"}")).body();
        assertThat(progress.get("status").asString()).isEqualTo("IN_PROGRESS");
        assertThat(fields(expect(400, operator.post(uri + "/completion", "{\"completedOn\":\"" + Zhoukou.today() + "\",\"description\":\"已提交\"}"))))
                .containsExactly("evidence");
        byte[] proof = jpeg("执行报告提交回执截图");
        String proofId = expect(201, recorder.upload("POST", "/api/inspection/tasks/" + id(task) + "/evidence", "image/jpeg", proof))
                .body().get("evidenceId").asString();
        JsonNode completed = expect(200, operator.post(uri + "/completion", "{\"completedOn\":\"" + Zhoukou.today()
                + "\",\"description\":\"已在全国排污许可证管理信息平台提交\",\"evidence\":[\"" + proofId + "\"]}")).body();
        assertThat(completed.get("status").asString()).isEqualTo("COMPLETED");
        expect(409, operator.post(uri + "/progress", "{\"reportedOn\":\"" + Zhoukou.today() + "\",\"stage\":\"x\"}"));
    }

    @Test
    @Order(8)
    void a_visit_made_weeks_ago_with_no_record_entered_is_on_the_districts_overdue_list() {
        JsonNode task = tasks.get(2);
        String visited = Zhoukou.today().minusDays(45).toString();
        JsonNode started = expect(200, recorder(task).post("/api/inspection/tasks/" + id(task) + "/start", "{\"inspectionDate\":\"" + visited + "\"}")).body();
        assertThat(started.get("state").asString()).isEqualTo("IN_PROGRESS");
        assertThat(started.get("recordDueDate").asString()).isLessThan(Zhoukou.today().toString());

        JsonNode overdue = expect(200, operator.get("/api/inspection/overdue?district=" + XIHUA)).body();
        List<String> listed = new ArrayList<>();
        overdue.forEach(d -> {
            assertThat(d.get("district").asString()).isEqualTo(XIHUA);
            d.get("tasks").forEach(t -> listed.add(t.get("taskId").asString() + ":" + t.get("stage").asString()));
        });
        assertThat(listed).contains(id(task) + ":RECORD_NOT_ENTERED")
                .noneMatch(l -> l.startsWith(id(tasks.get(0)) + ":") || l.startsWith(id(tasks.get(1)) + ":"));
        expect(403, Stack.as("xh.inspector1").get("/api/inspection/overdue"));
    }

    /**
     * The district links two officers of its roster to the demo inspectors' sign-in accounts. The
     * drawn item needs two fields of expertise, one per member, which only 周平 (xh.inspector1) and
     * 陈刚 (no account) hold: they are the only team the draw can staff, and 吴敏 (xh.inspector2)
     * stays off it. inspection-service knows each signed-in inspector as their roster entry.
     */
    @Test
    @Order(9)
    void an_on_site_visit_drawn_with_a_team_is_recorded_by_its_team_and_by_nobody_else() {
        String label = Zhoukou.unique("现场检查批次");
        List<String> expertise = List.of(label + "-危废", label + "-在线监测");
        String itemName = Zhoukou.unique("危险废物现场检查-");
        String onSiteItem = Zhoukou.itemIds(publishItemRequiring(itemName, expertise)).get(itemName);
        freeAccounts(List.of("xh.inspector1", "xh.inspector2"));
        String zhou = officer("周平", expertise, "xh.inspector1");
        String chen = officer("陈刚", expertise, null);
        String wu = officer("吴敏", List.of("大气"), "xh.inspector2");
        Zhoukou.inDrawReplica("replica_inspector", List.of(zhou, chen, wu));
        String uscc = addEntity(operator, entity(uscc(XIHUA), "西华县天成化工有限公司", XIHUA, "{\"pollutantKinds\":[\"" + label + "\"]}"))
                .get("uscc").asString();
        Zhoukou.replicated(operator, List.of(uscc));

        String onSite = Drawing.executed(operator, head, onSiteItem, label, "ON_SITE").get("id").asString();
        JsonNode task = Await.until(Zhoukou.WAIT, "the task of draw " + onSite, () -> {
            for (JsonNode t : expect(200, operator.get("/api/inspection/tasks")).body()) {
                if (onSite.equals(t.path("drawId").asString(null))) return t;
            }
            return null;
        }, t -> t != null);
        List<String> team = new ArrayList<>();
        task.get("team").forEach(m -> team.add(m.get("inspectorId").asString()));
        assertThat(team).as("only 周平 and 陈刚 hold the item's expertise").containsExactlyInAnyOrder(zhou, chen);

        String record = """
                {"inspectionDate":"%s","findings":[{"itemId":"%s","finding":"COMPLIANT"}],"conclusion":"NO_PROBLEM",
                 "inspectorsPresent":%s,"signature":{"signer":"王建国","role":"法定代表人","signedAt":"%s"}}"""
                .formatted(Zhoukou.today(), onSiteItem, present(task), OffsetDateTime.now(Zhoukou.CHINA).minusMinutes(1));
        expect(403, submit(operator, task, Zhoukou.unique("k-"), record));
        expect(403, submit(Stack.as("xh.inspector2"), task, Zhoukou.unique("k-"), record));
        // the roster's account reaches inspection-service over Kafka: until then the inspector is a stranger to the visit
        Api inspector = Stack.as("xh.inspector1");
        Await.until(Zhoukou.WAIT, "xh.inspector1 to be known as officer " + zhou,
                () -> inspector.get("/api/inspection/tasks/" + id(task)).status(), status -> status == 200);
        assertThat(stored("inspection_record", task)).isZero();
        expect(201, submit(inspector, task, Zhoukou.unique("k-"), record));
        assertThat(stored("inspection_record", task)).isEqualTo(1);
    }

    /** A new version of 西华县's item list holding one item checked on site by officers of these fields; answers the list. */
    static JsonNode publishItemRequiring(String name, List<String> expertise) {
        JsonNode draft = expect(201, operator.post("/api/roster/item-lists", "{\"year\":" + Zhoukou.year() + "}")).body();
        String list = "/api/roster/item-lists/" + draft.get("id").asString();
        expect(201, operator.post(list + "/items", Zhoukou.item(name)
                .replace("\"requiredExpertise\":[]", "\"requiredExpertise\":[\"" + String.join("\",\"", expertise) + "\"]")));
        return expect(200, head.post(list + "/publish", "{\"reason\":\"年度事项清单：现场检查事项\"}")).body();
    }

    /** An account links one person of the roster: an earlier run's officers give theirs back. */
    static void freeAccounts(List<String> accounts) {
        for (JsonNode inspector : expect(200, operator.get("/api/roster/inspectors")).body()) {
            if (!accounts.contains(inspector.path("account").asString(""))) continue;
            ObjectNode body = ((ObjectNode) inspector.deepCopy());
            body.remove(List.of("id", "tenant", "rosterRevision", "account"));
            body.put("reason", "登录账号转交新的执法人员");
            expect(200, operator.put("/api/roster/inspectors/" + inspector.get("id").asString(), body.toString()));
        }
    }

    /** An officer of 西华县 in post with these fields of expertise, linked to a sign-in account or to none; answers the roster's id. */
    static String officer(String name, List<String> expertise, String account) {
        return expect(201, operator.post("/api/roster/inspectors", """
                {"name":"%s","unit":"%s","certificateNo":"%s","certificateValidUntil":"%d-12-31","post":"科员","kind":"OFFICER",
                 "expertise":["%s"],"status":"IN_POST","homeDistrict":"%s","account":%s}"""
                .formatted(name, XIHUA, Zhoukou.unique("ZF"), Zhoukou.year() + 2, String.join("\",\"", expertise), XIHUA,
                        account == null ? "null" : "\"" + account + "\"")))
                .body().get("id").asString();
    }
}
