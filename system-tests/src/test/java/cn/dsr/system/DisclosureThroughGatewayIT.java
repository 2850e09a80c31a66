package cn.dsr.system;

import static cn.dsr.system.Zhoukou.SHANGSHUI;
import static cn.dsr.system.Zhoukou.WAIT;
import static cn.dsr.system.Zhoukou.addEntity;
import static cn.dsr.system.Zhoukou.entity;
import static cn.dsr.system.Zhoukou.expect;
import static cn.dsr.system.Zhoukou.uscc;
import static org.assertj.core.api.Assertions.assertThat;

import cn.dsr.stack.client.Api;
import cn.dsr.stack.client.Await;
import cn.dsr.stack.client.Stack;
import cn.dsr.system.Zhoukou.Figures;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

/**
 * 一公开 through the gateway, from real events, as a citizen and a credit bureau see it: 商水县's
 * draw is public from the start but whom it picked stays confidential until the visits are
 * recorded; then the results appear, worded as the public reads them, after the head's review;
 * the anonymous change feed and the period's open-data export carry them; an approved correction
 * publishes a new version and keeps the old one visible as superseded; and the detachment's
 * statistics count the inspected entities for the district and quarter.
 *
 * <p>The story runs in 商水县, where only the quarter's story (QuarterThroughGatewayIT) records
 * visits too, in a class of its own that never runs beside this one, so the district's figures
 * move only by what this story does. The visits are written checks (书面检查),
 * which have no team and are recorded by the district's operator.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DisclosureThroughGatewayIT {

    static Api operator;
    static Api head;
    static Api citizen;
    static String itemId;
    static String drawId;
    static String compliant;
    static String rectifying;
    static Figures before;
    static long cursorBefore;
    /** The visit's task of each drawn entity, by USCC. */
    static final Map<String, JsonNode> tasks = new LinkedHashMap<>();

    @BeforeAll
    static void drawn() {
        Zhoukou.orgUnits();
        operator = Stack.as("ss.operator");
        head = Stack.as("ss.head");
        citizen = Stack.anonymous();
        // the bureau reviews its results before they go public (审核), as the head decides
        JsonNode settings = expect(200, head.put("/api/disclosure/settings", "{\"deadlineWorkingDays\":20,\"reviewRequired\":true}")).body();
        assertThat(settings.get("reviewRequired").asBoolean()).isTrue();
        before = shangshui();
        cursorBefore = latestCursor();

        String label = Zhoukou.unique("公开批次");
        String itemName = Zhoukou.unique("排污许可证执行报告书面检查-");
        itemId = Zhoukou.itemIds(Zhoukou.publishItems("ss", itemName)).get(itemName);
        String tags = "{\"pollutantKinds\":[\"" + label + "\"]}";
        compliant = addEntity(operator, entity(uscc(SHANGSHUI), Zhoukou.unique("商水县恒达纸业") + "有限公司", SHANGSHUI, tags)).get("uscc").asString();
        rectifying = addEntity(operator, entity(uscc(SHANGSHUI), Zhoukou.unique("商水县金穗面粉") + "有限公司", SHANGSHUI, tags)).get("uscc").asString();
        Zhoukou.replicated(operator, List.of(compliant, rectifying));
        drawId = Drawing.executed(operator, head, itemId, label, "WRITTEN").get("id").asString();
    }

    /** 商水县's row of the detachment's quarterly figures. */
    static Figures shangshui() {
        return Zhoukou.figures(SHANGSHUI);
    }

    /** The change feed's cursor after everything published so far. */
    static long latestCursor() {
        long cursor = 0;
        for (JsonNode page = changes(cursor); !page.get("events").isEmpty(); page = changes(cursor)) cursor = page.get("next").asLong();
        return cursor;
    }

    static JsonNode changes(long after) {
        return expect(200, citizen.get("/public/disclosure/changes?after=" + after + "&limit=1000")).body();
    }

    /** The feed's events after the cursor that concern these entities, oldest first. */
    static List<JsonNode> changesAbout(long after, List<String> usccs) {
        List<JsonNode> found = new ArrayList<>();
        long cursor = after;
        for (JsonNode page = changes(cursor); !page.get("events").isEmpty(); page = changes(cursor)) {
            page.get("events").forEach(e -> {
                if (usccs.contains(e.path("data").path("entity").path("uscc").asString())) found.add(e);
            });
            cursor = page.get("next").asLong();
        }
        return found;
    }

    /** The current public results found by searching one USCC. */
    static JsonNode search(String uscc) {
        return expect(200, citizen.get("/public/disclosure/results?uscc=" + uscc)).body().get("results");
    }

    static Api.Response history(String uscc) {
        return citizen.get("/public/disclosure/entities/" + uscc);
    }

    static String record(String conclusion, String finding, String remarks) {
        return """
                {"inspectionDate":"%s","findings":[{"itemId":"%s",%s}],%s"conclusion":"%s","inspectorsPresent":[],"remarks":"%s"}"""
                .formatted(Zhoukou.today(), itemId, finding, conclusion.equals("NO_PROBLEM") ? "" : "\"measures\":[\"ORDER_TO_RECTIFY\"],",
                        conclusion, remarks);
    }

    static String noProblem(String remarks) {
        return record("NO_PROBLEM", "\"finding\":\"COMPLIANT\"", remarks);
    }

    static String rectificationOrdered() {
        return record("RECTIFICATION_ORDERED",
                "\"finding\":\"PROBLEM_FOUND\",\"description\":\"未按期提交排污许可证执行报告\",\"provision\":\"《排污许可管理条例》第二十二条\"",
                "已责令限期补交");
    }

    static String taskId(String uscc) {
        return tasks.get(uscc).get("taskId").asString();
    }

    /** The head publishes the version waiting for review once the disclosure service has it. */
    static void reviewAndPublish(String uscc, int version) {
        Await.until(WAIT, "version " + version + " of " + taskId(uscc) + " to wait for review", () -> {
            List<String> waiting = new ArrayList<>();
            expect(200, head.get("/api/disclosure/reviews")).body().forEach(w -> waiting.add(w.get("resultId").asString() + "/" + w.get("version").asInt()));
            return waiting;
        }, waiting -> waiting.contains(taskId(uscc) + "/" + version));
        expect(200, head.post("/api/disclosure/reviews/" + taskId(uscc) + "/versions/" + version + "/publish", ""));
    }

    @Test
    @Order(1)
    void the_draw_is_public_from_the_start_but_whom_it_picked_stays_confidential_until_the_visits_are_recorded() {
        JsonNode draw = Await.until(WAIT, "the executed draw " + drawId + " in public", () -> citizen.get("/public/disclosure/draws/" + drawId),
                r -> r.status() == 200 && r.body().hasNonNull("executedAt")).body();
        assertThat(draw.get("tenant").asString()).isEqualTo(SHANGSHUI);
        assertThat(draw.get("inputDigest").asString()).isNotBlank();
        assertThat(draw.get("sources").toString()).contains("party:bureau", "party:observer");
        List<String> planDraws = new ArrayList<>();
        expect(200, citizen.get("/public/disclosure/plans?tenant=" + SHANGSHUI + "&period=" + Zhoukou.quarter())).body()
                .forEach(p -> planDraws.add(p.get("drawId").asString()));
        assertThat(planDraws).contains(drawId);

        assertThat(Stack.count("disclosure", "SELECT count(*) FROM drawn_visit WHERE draw_id = '" + drawId + "'"))
                .as("the disclosure service holds the drawn visits").isEqualTo(2);
        for (String uscc : List.of(compliant, rectifying)) {
            assertThat(search(uscc)).as("search for " + uscc).isEmpty();
            expect(404, history(uscc));
        }
        assertThat(draw.toString()).doesNotContain(compliant, rectifying);
        assertThat(changesAbout(cursorBefore, List.of(compliant, rectifying))).isEmpty();
    }

    @Test
    @Order(2)
    void recorded_results_go_public_after_the_heads_review_worded_from_their_conclusions() {
        List<JsonNode> arrived = Await.until(WAIT, "the tasks of draw " + drawId, () -> {
            List<JsonNode> found = new ArrayList<>();
            expect(200, operator.get("/api/inspection/tasks")).body().forEach(t -> {
                if (drawId.equals(t.path("drawId").asString(null))) found.add(t);
            });
            return found;
        }, found -> found.size() == 2);
        arrived.forEach(t -> tasks.put(t.get("entity").get("uscc").asString(), t));
        assertThat(tasks).containsOnlyKeys(compliant, rectifying);

        expect(201, operator.post("/api/inspection/tasks/" + taskId(compliant) + "/record", noProblem("按期提交执行报告"),
                "Idempotency-Key", Zhoukou.unique("disclose-")));
        expect(201, operator.post("/api/inspection/tasks/" + taskId(rectifying) + "/record", rectificationOrdered(),
                "Idempotency-Key", Zhoukou.unique("disclose-")));

        reviewAndPublish(compliant, 1);
        assertThat(search(rectifying)).as("a result waiting for review is not public").isEmpty();
        reviewAndPublish(rectifying, 1);

        JsonNode noProblem = Await.until(WAIT, "the result of " + compliant + " in public", () -> search(compliant), r -> r.size() == 1).get(0);
        assertThat(noProblem.get("state").asString()).isEqualTo("PUBLISHED");
        assertThat(noProblem.get("document").get("conclusion").asString()).isEqualTo("NO_PROBLEM");
        assertThat(noProblem.get("document").get("wording").asString()).isEqualTo("未发现问题");
        assertThat(noProblem.get("document").get("period").asString()).isEqualTo(Zhoukou.quarter());
        assertThat(noProblem.get("document").get("drawId").asString()).isEqualTo(drawId);

        JsonNode problem = Await.until(WAIT, "the rectification of " + rectifying + " in public", () -> search(rectifying),
                r -> r.size() == 1 && r.get(0).get("document").hasNonNull("rectification")).get(0).get("document");
        assertThat(problem.get("wording").asString()).isEqualTo("发现问题已责令整改");
        assertThat(problem.get("rectification").get("wording").asString()).isEqualTo("整改中");
        assertThat(problem.get("items").get(0).get("description").asString()).isEqualTo("未按期提交排污许可证执行报告");
        assertThat(expect(200, history(rectifying)).body().get("results")).hasSize(1);
    }

    @Test
    @Order(3)
    void the_anonymous_change_feed_and_the_periods_open_data_carry_the_results() {
        List<JsonNode> feed = changesAbout(cursorBefore, List.of(compliant, rectifying));
        Map<String, String> published = new LinkedHashMap<>();
        feed.stream().filter(e -> e.get("type").asString().equals("cn.gov.mee.dsr.disclosure.result-published.v1"))
                .forEach(e -> published.put(e.get("data").get("entity").get("uscc").asString(), e.get("data").get("wording").asString()));
        assertThat(published).containsEntry(compliant, "未发现问题").containsEntry(rectifying, "发现问题已责令整改");
        assertThat(feed).allSatisfy(e -> {
            assertThat(e.get("specversion").asString()).isEqualTo("1.0");
            assertThat(e.get("tenant").asString()).isEqualTo(SHANGSHUI);
        });

        String period = Zhoukou.quarter();
        Api.Response csv = expect(200, citizen.get("/public/disclosure/export/" + period + ".csv"));
        assertThat(csv.header("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/csv"));
        List<String> lines = csv.raw().lines().toList();
        assertThat(lines.get(0)).startsWith("\uFEFFresult_id,version,state,district,uscc");
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith(taskId(compliant) + ",1,PUBLISHED," + SHANGSHUI + "," + compliant).contains(",未发现问题,"))
                .anySatisfy(l -> assertThat(l).startsWith(taskId(rectifying) + ",1,PUBLISHED," + SHANGSHUI + "," + rectifying).contains(",发现问题已责令整改,整改中,"));

        Map<String, String> exported = new LinkedHashMap<>();
        expect(200, citizen.get("/public/disclosure/export/" + period + ".jsonl")).raw().lines().map(l -> Api.JSON.readTree(l))
                .filter(r -> List.of(compliant, rectifying).contains(r.get("document").get("entity").get("uscc").asString()))
                .forEach(r -> exported.put(r.get("document").get("entity").get("uscc").asString(), r.get("state").asString() + " " + r.get("document").get("wording").asString()));
        assertThat(exported).containsExactlyInAnyOrderEntriesOf(Map.of(compliant, "PUBLISHED 未发现问题", rectifying, "PUBLISHED 发现问题已责令整改"));
    }

    @Test
    @Order(4)
    void an_approved_correction_publishes_a_new_version_and_keeps_the_old_one_visible_as_superseded() {
        String uri = "/api/inspection/tasks/" + taskId(compliant) + "/corrections";
        JsonNode requested = expect(201, operator.post(uri, "{\"reason\":\"漏记台账检查情况\",\"record\":" + noProblem("按期提交执行报告；补记：台账齐全") + "}")).body();
        expect(200, head.post("/api/inspection/corrections/" + requested.get("correctionId").asString() + "/approval", "{\"comment\":\"同意更正\"}"));

        reviewAndPublish(compliant, 2);
        JsonNode versions = Await.until(WAIT, "version 2 of " + compliant + " in public", () -> expect(200, history(compliant)).body().get("results"),
                r -> r.size() == 2);
        assertThat(versions.get(0).get("state").asString()).isEqualTo("PUBLISHED");
        assertThat(versions.get(0).get("document").get("version").asInt()).isEqualTo(2);
        assertThat(versions.get(0).get("document").get("supersedes").asInt()).isEqualTo(1);
        assertThat(versions.get(0).get("document").get("amended").asBoolean()).isTrue();
        assertThat(versions.get(1).get("state").asString()).isEqualTo("SUPERSEDED");
        assertThat(versions.get(1).get("document").get("version").asInt()).isEqualTo(1);
        assertThat(versions.get(1).get("document").get("wording").asString()).isEqualTo("未发现问题");

        // the gateway may answer the search from memory for up to its max-age (2 s)
        Await.until(WAIT, "version 2 of " + compliant + " in the search", () -> search(compliant),
                r -> r.size() == 1 && r.get(0).get("document").get("version").asInt() == 2);
        assertThat(changesAbout(cursorBefore, List.of(compliant))).anySatisfy(e -> {
            assertThat(e.get("type").asString()).isEqualTo("cn.gov.mee.dsr.disclosure.result-amended.v1");
            assertThat(e.get("data").get("version").asInt()).isEqualTo(2);
        });
    }

    @Test
    @Order(5)
    void the_detachments_statistics_count_the_inspected_entities_for_the_district_and_quarter() {
        Figures after = Await.until(WAIT, "商水县's figures to count the story's visits", DisclosureThroughGatewayIT::shangshui,
                f -> f.inspected() == before.inspected() + 2 && f.disclosed() == before.disclosed() + 2);
        assertThat(after).isEqualTo(new Figures(before.drawn() + 2, before.inspected() + 2, before.problemsFound() + 1, before.disclosed() + 2));

        JsonNode own = expect(200, operator.get("/api/disclosure/statistics?period=" + Zhoukou.quarter())).body();
        assertThat(own.get("districts")).hasSize(1);
        assertThat(own.get("districts").get(0).get("district").asString()).isEqualTo(SHANGSHUI);
        assertThat(own.get("districts").get(0).get("inspected").asInt()).isEqualTo(after.inspected());
        expect(401, citizen.get("/api/disclosure/statistics?period=" + Zhoukou.quarter()));
    }
}
