package cn.dsr.system;

import static cn.dsr.system.Zhoukou.XIHUA;
import static cn.dsr.system.Zhoukou.addEntity;
import static cn.dsr.system.Zhoukou.entity;
import static cn.dsr.system.Zhoukou.expect;
import static cn.dsr.system.Zhoukou.fields;
import static cn.dsr.system.Zhoukou.uscc;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import cn.dsr.stack.client.Api;
import cn.dsr.stack.client.Await;
import cn.dsr.stack.client.Spreadsheets;
import cn.dsr.stack.client.Stack;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

/**
 * 一单两库 through the gateway, as 西华县's operator keeps it: the item list published for all to
 * read, the entity roster filled from the office's spreadsheets, the inspectors and their declared
 * conflicts, the quarterly change report — and every change on its way to draw-service's replica.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RosterThroughGatewayIT {

    static final String CSV = "text/csv";
    static final String XLSX = Spreadsheets.XLSX;
    static final List<String> HEADER = List.of("统一社会信用代码", "名称", "地址", "所在区县代码", "登记状态", "排污许可管理类别", "正面清单");

    static Api operator;
    static Api head;
    /** Every entity this story added, by USCC: what the replica must end up holding. */
    static final List<String> added = new ArrayList<>();

    @BeforeAll
    static void district() {
        Zhoukou.orgUnits();
        operator = Stack.as("xh.operator");
        head = Stack.as("xh.head");
    }

    static List<String> row(String uscc, String name, String permitClass) {
        return List.of(uscc, name, "西华县产业集聚区经一路 6 号", XIHUA, "在营", permitClass, "否");
    }

    static byte[] csv(List<List<String>> rows) {
        StringBuilder out = new StringBuilder(String.join(",", HEADER)).append('\n');
        rows.forEach(r -> out.append(String.join(",", r)).append('\n'));
        return out.toString().getBytes(UTF_8);
    }

    static byte[] xlsx(List<List<String>> rows) {
        return Spreadsheets.xlsx("检查对象名录", HEADER, rows);
    }

    static Api.Response upload(String mode, String type, byte[] file) {
        return operator.upload("POST", "/api/roster/entities/import?mode=" + mode, type, file);
    }

    /** The roster's entity with this code, or null when it holds none. */
    static JsonNode byUscc(String uscc) {
        JsonNode found = expect(200, operator.get("/api/roster/entities?uscc=" + uscc)).body();
        return found.isEmpty() ? null : found.get(0);
    }

    static long rosterCount(String table) {
        return Stack.count("roster", "SELECT count(*) FROM " + table);
    }

    @Test
    @Order(1)
    void the_city_and_its_districts_exist_and_a_district_adds_its_own_department_but_not_anothers() {
        Zhoukou.createOrgUnit(operator, "{\"code\":\"411622-HP\",\"name\":\"环评股\",\"kind\":\"DEPARTMENT\",\"parentCode\":\"411622\"}");
        List<String> codes = new ArrayList<>();
        expect(200, operator.get("/api/roster/org-units")).body().forEach(u -> codes.add(u.get("code").asString()));
        assertThat(codes).contains(XIHUA, "411622-HP").doesNotContain(Zhoukou.SHANGSHUI);

        Api shangshui = Stack.as("ss.operator");
        expect(403, shangshui.post("/api/roster/org-units", "{\"code\":\"411622-XX\",\"name\":\"某股\",\"kind\":\"DEPARTMENT\",\"parentCode\":\"411622\"}"));
    }

    @Test
    @Order(2)
    void an_item_list_drafted_by_the_operator_and_published_by_the_head_is_readable_by_anyone() {
        JsonNode draft = expect(201, operator.post("/api/roster/item-lists", "{\"year\":" + Zhoukou.year() + "}")).body();
        String uri = "/api/roster/item-lists/" + draft.get("id").asString();
        String itemName = Zhoukou.unique("危险废物规范化管理检查-");

        Api.Response noBasis = expect(400, operator.post(uri + "/items", Zhoukou.item(itemName).replaceAll("\"legalBasis\":\\[[^\\]]*\\]", "\"legalBasis\":[]")));
        assertThat(fields(noBasis)).containsExactly("legalBasis");
        expect(201, operator.post(uri + "/items", Zhoukou.item(itemName)));
        expect(403, operator.post(uri + "/publish", "{\"reason\":\"年度清单\"}"));
        JsonNode published = expect(200, head.post(uri + "/publish", "{\"reason\":\"年度清单\"}")).body();
        assertThat(published.get("status").asString()).isEqualTo("PUBLISHED");
        expect(409, operator.post(uri + "/items", Zhoukou.item(Zhoukou.unique("另一事项-"))));

        Api anyone = Stack.anonymous();
        JsonNode inForce = expect(200, anyone.get("/public/roster/items/" + XIHUA + "/" + Zhoukou.year())).body();
        assertThat(inForce.get("version").asInt()).isEqualTo(published.get("version").asInt());
        assertThat(Zhoukou.itemIds(inForce)).containsKey(itemName);
        assertThat(inForce.hasNonNull("publishedBy")).as("the public sees what was published, not who prepared it").isFalse();
        JsonNode version = expect(200, anyone.get("/public/roster/items/" + XIHUA + "/" + Zhoukou.year() + "/versions/"
                + published.get("version").asInt())).body();
        assertThat(Zhoukou.itemIds(version)).containsKey(itemName);
        expect(401, anyone.get("/api/roster/item-lists"));
    }

    @Test
    @Order(3)
    void an_xlsx_with_a_bad_row_is_rejected_whole_or_imported_without_that_row_as_the_operator_chooses() {
        String good1 = uscc(XIHUA);
        String good2 = uscc(XIHUA);
        byte[] file = xlsx(List.of(row(good1, "西华县宏达化工有限公司", "重点管理"), row(good2, "西华县润丰食品有限公司", ""),
                row("91411622MA00000000", "坏代码公司", "")));
        long changes = rosterCount("roster_change");

        Api.Response rejected = expect(422, upload("REJECT_ALL", XLSX, file));
        assertThat(rejected.body().get("detail").asString()).isEqualTo("1 of 3 rows have errors; nothing was imported");
        JsonNode error = rejected.body().get("errors").get(0);
        assertThat(error.get("row").asInt()).isEqualTo(4);
        assertThat(error.get("column").asString()).isEqualTo("统一社会信用代码");
        assertThat(rejected.body().get("report").get("written").asBoolean()).isFalse();
        assertThat(byUscc(good1)).isNull();
        assertThat(rosterCount("roster_change")).isEqualTo(changes);

        JsonNode report = expect(200, upload("VALID_ROWS", XLSX, file)).body();
        assertThat(report.get("created").asInt()).isEqualTo(2);
        assertThat(report.get("rejected").asInt()).isEqualTo(1);
        assertThat(report.get("errors").get(0).get("row").asInt()).isEqualTo(4);
        assertThat(byUscc(good2).get("name").asString()).isEqualTo("西华县润丰食品有限公司");
        added.addAll(List.of(good1, good2));
    }

    @Test
    @Order(4)
    void a_csv_is_imported_the_same_way_and_a_second_import_of_it_changes_nothing() {
        String good = uscc(XIHUA);
        List<List<String>> rows = List.of(row(good, "西华县永兴建材有限公司", "简化管理"), row("123", "西华县某公司", ""));

        Api.Response rejected = expect(422, upload("REJECT_ALL", CSV, csv(rows)));
        assertThat(rejected.body().get("errors").get(0).get("row").asInt()).isEqualTo(3);
        assertThat(byUscc(good)).isNull();

        JsonNode report = expect(200, upload("VALID_ROWS", CSV + ";charset=UTF-8", csv(rows))).body();
        assertThat(report.get("created").asInt()).isEqualTo(1);
        assertThat(report.get("rejected").asInt()).isEqualTo(1);
        JsonNode again = expect(200, upload("REJECT_ALL", CSV, csv(rows.subList(0, 1)))).body();
        assertThat(again.get("unchanged").asInt()).isEqualTo(1);
        assertThat(again.get("created").asInt()).isZero();
        added.add(good);
    }

    @Test
    @Order(5)
    void the_supervision_category_is_derived_and_names_the_rule_that_fired() {
        JsonNode key = addEntity(operator, entity(uscc(XIHUA), "西华县金源化工有限公司", XIHUA, "{\"permitClass\":\"KEY\",\"pollutantKinds\":[\"COD\"]}"));
        assertThat(key.get("category").asString()).isEqualTo("KEY");
        assertThat(key.get("categorySource").asString()).isEqualTo("RULE");
        assertThat(key.get("categoryRule").asString()).isEqualTo("002-key-permit");
        assertThat(key.get("categoryExplanation").asString()).contains("PERMIT_CLASS=KEY");

        JsonNode general = addEntity(operator, entity(uscc(XIHUA), "西华县小李汽修店", XIHUA, "{}"));
        assertThat(general.get("category").asString()).isEqualTo("GENERAL");
        assertThat(general.get("categorySource").asString()).isEqualTo("DEFAULT");
        added.addAll(List.of(key.get("uscc").asString(), general.get("uscc").asString()));
    }

    @Test
    @Order(6)
    void bad_input_is_refused_naming_the_field_and_nothing_is_written() {
        String taken = added.get(0);
        long outbox = rosterCount("outbox");
        long changes = rosterCount("roster_change");

        Api.Response badCode = expect(400, operator.post("/api/roster/entities", entity("91411622MA00000000", "某公司", XIHUA, "{}")));
        assertThat(fields(badCode)).containsExactly("uscc");
        assertThat(badCode.header("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("application/problem+json"));
        Api.Response duplicate = expect(409, operator.post("/api/roster/entities", entity(taken.toLowerCase(), "重复公司", XIHUA, "{}")));
        assertThat(duplicate.body().get("detail").asString()).contains(taken);
        assertThat(fields(expect(400, operator.post("/api/roster/entities", entity(uscc(XIHUA), "某公司", "419999", "{}"))))).containsExactly("district");
        Api.Response malformed = expect(400, upload("REJECT_ALL", CSV, (String.join(",", HEADER) + "\n\"unclosed,x\n").getBytes(UTF_8)));
        assertThat(malformed.body().get("title").asString()).isEqualTo("Malformed file");

        assertThat(rosterCount("outbox")).isEqualTo(outbox);
        assertThat(rosterCount("roster_change")).isEqualTo(changes);
    }

    /** Whichever layer refuses an oversize upload, the caller reads why in problem details. */
    @Test
    @Order(7)
    void an_oversize_file_is_refused_with_problem_details_saying_why_and_nothing_is_written() {
        long changes = rosterCount("roster_change");
        Api.Response tooLarge = expect(413, upload("REJECT_ALL", CSV, new byte[16 * 1024 * 1024 + 1]));
        assertThat(rosterCount("roster_change")).isEqualTo(changes);
        assertThat(tooLarge.header("Content-Type"))
                .as("the 413 of an oversize import is problem details (headers %s)", tooLarge.headers().map())
                .hasValueSatisfying(type -> assertThat(type).contains("application/problem+json"));
        assertThat(tooLarge.body().get("detail").asString()).contains("bytes");
    }

    @Test
    @Order(8)
    void the_roster_reads_as_of_an_earlier_revision() {
        JsonNode e = addEntity(operator, entity(uscc(XIHUA), "西华县东方纸业有限公司", XIHUA, "{}"));
        long createdAt = e.get("rosterRevision").asLong();
        String uri = "/api/roster/entities/" + e.get("id").asString();
        String renamed = entity(e.get("uscc").asString(), "西华县东方纸业股份有限公司", XIHUA, "{}").replaceFirst("}$", ",\"reason\":\"工商变更更名\"}");
        JsonNode updated = expect(200, operator.put(uri, renamed)).body();
        assertThat(updated.get("rosterRevision").asLong()).isGreaterThan(createdAt);

        assertThat(expect(200, operator.get(uri + "?asOfRevision=" + createdAt)).body().get("name").asString()).isEqualTo("西华县东方纸业有限公司");
        assertThat(expect(200, operator.get(uri)).body().get("name").asString()).isEqualTo("西华县东方纸业股份有限公司");
        expect(404, operator.get(uri + "?asOfRevision=" + (createdAt - 1)));
        JsonNode history = expect(200, operator.get(uri + "/history")).body();
        assertThat(history.get(1).get("reason").asString()).isEqualTo("工商变更更名");
        assertThat(history.get(1).get("actor").asString()).isEqualTo("xh.operator");
        added.add(e.get("uscc").asString());
    }

    @Test
    @Order(9)
    void an_inspector_declares_a_conflict_with_an_entity_which_the_head_approves() {
        JsonNode inspector = expect(200, operator.get("/api/roster/inspectors/" + Zhoukou.officer(operator, XIHUA, "赵文"))).body();
        assertThat(inspector.get("tenant").asString()).isEqualTo(XIHUA);
        assertThat(inspector.get("kind").asString()).isEqualTo("OFFICER");
        JsonNode entity = byUscc(added.get(0));

        String declaration = """
                {"inspectorId":"%s","entityId":"%s","relation":"RELATIVE","note":"配偶在该公司任职","validFrom":"%s"}"""
                .formatted(inspector.get("id").asString(), entity.get("id").asString(), Zhoukou.today());
        assertThat(fields(expect(400, operator.post("/api/roster/conflicts", declaration.replace("\"RELATIVE\"", "null"))))).containsExactly("relation");
        JsonNode declared = expect(201, operator.post("/api/roster/conflicts", declaration)).body();
        assertThat(declared.get("status").asString()).isEqualTo("DECLARED");
        String uri = "/api/roster/conflicts/" + declared.get("id").asString();
        expect(403, operator.post(uri + "/approve", ""));
        assertThat(expect(200, head.post(uri + "/approve", "")).body().get("approvedBy").asString()).isEqualTo("xh.head");

        JsonNode listed = expect(200, operator.get("/api/roster/conflicts?inspectorId=" + inspector.get("id").asString())).body();
        assertThat(listed).singleElement().satisfies(c -> {
            assertThat(c.get("status").asString()).isEqualTo("APPROVED");
            assertThat(c.get("declaredBy").asString()).isEqualTo("xh.operator");
        });
    }

    @Test
    @Order(10)
    void the_quarterly_change_report_lists_the_entities_added_as_json_and_as_a_workbook() throws IOException {
        int quarter = (Zhoukou.today().getMonthValue() - 1) / 3 + 1;
        String uri = "/api/roster/reports/quarterly?year=" + Zhoukou.year() + "&quarter=" + quarter;
        JsonNode report = expect(200, operator.get(uri)).body();
        List<String> addedHere = new ArrayList<>();
        report.get("districts").forEach(d -> {
            assertThat(d.get("district").asString()).isEqualTo(XIHUA);
            d.get("added").forEach(line -> addedHere.add(line.get("uscc").asString()));
        });
        assertThat(addedHere).containsAll(added);

        Api.Response workbook = expect(200, operator.get(uri + "&format=xlsx"));
        assertThat(workbook.header("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith(XLSX));
        List<String> cells = new ArrayList<>();
        try (ReadableWorkbook read = new ReadableWorkbook(new ByteArrayInputStream(workbook.bytes()))) {
            for (var sheet : read.getSheets().toList()) {
                for (Row r : sheet.read()) r.stream().filter(c -> c != null).map(Cell::getText).forEach(cells::add);
            }
        }
        assertThat(cells).containsAll(added);
    }

    @Test
    @Order(11)
    void every_change_reaches_the_draw_services_replica_with_its_category_and_the_roster_revision() {
        Map<String, JsonNode> replica = Zhoukou.replicated(operator, added);
        JsonNode key = replica.get(added.get(0));
        assertThat(key.get("category").asString()).isEqualTo("KEY");
        assertThat(replica.get(added.get(1)).get("category").asString()).isEqualTo("GENERAL");

        long newest = 0;
        for (String uscc : added) newest = Math.max(newest, byUscc(uscc).get("rosterRevision").asLong());
        long roster = newest;
        Await.until(Zhoukou.WAIT, "the replica's revision of " + XIHUA + " to reach " + roster, () -> {
            long seen = 0;
            for (JsonNode r : expect(200, operator.get("/api/draw/replica/revisions")).body()) {
                if (r.get("tenant").asString().equals(XIHUA)) seen = r.get("revision").asLong();
            }
            return seen;
        }, seen -> seen >= roster);
    }
}
