package cn.dsr.system;

import static org.assertj.core.api.Assertions.assertThat;

import cn.dsr.stack.client.Api;
import cn.dsr.stack.client.Await;
import cn.dsr.stack.client.Stack;
import cn.dsr.stack.client.Uscc;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;

/**
 * The demo city the stack's users belong to — 周口市 and its districts 西华县 and 商水县 — and what
 * the whole-stack stories need of its roster. The classes of one test JVM share one stack, so
 * every helper creates what is missing and every name it makes is new.
 */
final class Zhoukou {

    static final Duration WAIT = Duration.ofSeconds(90);
    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    static final String XIHUA = "411622";
    static final String SHANGSHUI = "411623";

    private static final AtomicInteger SERIAL = new AtomicInteger(ThreadLocalRandom.current().nextInt(1_000_000, 9_000_000));

    private Zhoukou() {}

    static LocalDate today() {
        return LocalDate.now(CHINA);
    }

    static int year() {
        return today().getYear();
    }

    /** The quarter the stories plan for: the current one, e.g. 2026Q4. */
    static String quarter() {
        return year() + "Q" + ((today().getMonthValue() - 1) / 3 + 1);
    }

    /** A name no other story of this JVM has used: they share one stack, so they must not collide. */
    static String unique(String prefix) {
        return prefix + SERIAL.incrementAndGet();
    }

    /** Asserts the status, showing the problem details when it differs; answers the response. */
    static Api.Response expect(int status, Api.Response response) {
        assertThat(response.status()).as(response.raw()).isEqualTo(status);
        return response;
    }

    /** The field names of a problem-details answer's errors. */
    static List<String> fields(Api.Response problem) {
        List<String> out = new ArrayList<>();
        if (problem.body() != null && problem.body().has("errors")) problem.body().get("errors").forEach(e -> out.add(e.get("field").asString()));
        return out;
    }

    /** The detachment and both districts, created by the coordinator unless an earlier story did. */
    static void orgUnits() {
        Api coordinator = Stack.as("city.coord");
        createOrgUnit(coordinator, "{\"code\":\"411600\",\"name\":\"周口市生态环境综合行政执法支队\",\"kind\":\"CITY\"}");
        createOrgUnit(coordinator, "{\"code\":\"411622\",\"name\":\"西华县分局\",\"kind\":\"DISTRICT\",\"parentCode\":\"411600\"}");
        createOrgUnit(coordinator, "{\"code\":\"411623\",\"name\":\"商水县分局\",\"kind\":\"DISTRICT\",\"parentCode\":\"411600\"}");
    }

    /** Creates an org unit; one that exists already (409) is as good. */
    static void createOrgUnit(Api api, String json) {
        Api.Response response = api.post("/api/roster/org-units", json);
        assertThat(response.status()).as(response.raw()).isIn(201, 409);
    }

    /** A valid unified social credit code registered in the district, new to this stack. */
    static String uscc(String district) {
        return Uscc.of(district, SERIAL.incrementAndGet());
    }

    /** An entity as the roster's form takes it; {@code tags} is the tags object. */
    static String entity(String uscc, String name, String district, String tags) {
        return """
                {"uscc":"%s","name":"%s","address":"西华县产业集聚区纬二路 %d 号","district":"%s","legalRepresentative":"王建国",
                 "industry":"C2614","status":"ACTIVE","registrationDate":"2016-05-10","tags":%s}"""
                .formatted(uscc, name, SERIAL.incrementAndGet() % 1000, district, tags);
    }

    /** Adds an entity through the gateway as the district's operator; answers its state. */
    static JsonNode addEntity(Api operator, String json) {
        return expect(201, operator.post("/api/roster/entities", json)).body();
    }

    /** An enforcement officer (执法人员) in post in the district, certificate valid for two more years; answers the roster's id. */
    static String officer(Api operator, String district, String name) {
        return expect(201, operator.post("/api/roster/inspectors", """
                {"name":"%s","unit":"%s","certificateNo":"%s","certificateValidUntil":"%d-12-31","post":"科员","kind":"OFFICER",
                 "expertise":["大气","水"],"status":"IN_POST","homeDistrict":"%s"}""".formatted(name, district, unique("ZF"), year() + 2, district)))
                .body().get("id").asString();
    }

    /** Waits until draw-service's replica table (read beneath row-level security) holds every row of these ids. */
    static void inDrawReplica(String table, Collection<String> ids) {
        String sql = "SELECT count(*) FROM " + table + " WHERE id IN ('" + String.join("','", ids) + "')";
        Await.until(WAIT, "draw-service's " + table + " to hold " + ids, () -> Stack.count("draw", sql), n -> n == ids.size());
    }

    /** One item of the list as the seeds' tables have it, checked on site or in writing. */
    static String item(String name) {
        return """
                {"category":"污染源日常环境监督管理","name":"%s","targetType":"排污单位","itemClass":"GENERAL",
                 "methods":["ON_SITE","WRITTEN"],"responsibleBody":"西华县生态环境分局",
                 "legalBasis":[{"law":"《中华人民共和国环境保护法》","article":"第二十四条"}],
                 "ratioAndFrequency":"一般排污单位抽查比例不低于 5%%","content":"污染防治设施运行、排污许可执行情况","requiredExpertise":[]}"""
                .formatted(name);
    }

    /**
     * A new version of the district's item list for this year, drafted by the operator and published
     * by the head; answers the published list.
     */
    static JsonNode publishItems(String prefix, String... names) {
        Api operator = Stack.as(prefix + ".operator");
        JsonNode draft = expect(201, operator.post("/api/roster/item-lists", "{\"year\":" + year() + "}")).body();
        String id = draft.get("id").asString();
        for (String name : names) expect(201, operator.post("/api/roster/item-lists/" + id + "/items", item(name)));
        return expect(200, Stack.as(prefix + ".head").post("/api/roster/item-lists/" + id + "/publish", "{\"reason\":\"年度事项清单\"}")).body();
    }

    /** The item ids of a list, by item name. */
    static Map<String, String> itemIds(JsonNode list) {
        Map<String, String> ids = new LinkedHashMap<>();
        list.get("items").forEach(item -> ids.put(item.get("name").asString(), item.get("id").asString()));
        return ids;
    }

    /** The entities draw-service has replicated, by USCC, once all of {@code usccs} have arrived. */
    static Map<String, JsonNode> replicated(Api api, Collection<String> usccs) {
        return Await.until(WAIT, "draw-service's replica to hold " + usccs, () -> {
            Map<String, JsonNode> found = new LinkedHashMap<>();
            Api.Response response = expect(200, api.get("/api/draw/replica/entities"));
            response.body().forEach(e -> found.put(e.get("uscc").asString(), e));
            return found;
        }, found -> found.keySet().containsAll(usccs));
    }

    /** The figures a quarter's work moves, of one district. */
    record Figures(int drawn, int inspected, int problemsFound, int disclosed) {

        static Figures of(JsonNode row) {
            return row == null ? new Figures(0, 0, 0, 0)
                    : new Figures(row.get("drawn").asInt(), row.get("inspected").asInt(), row.get("problemsFound").asInt(), row.get("disclosed").asInt());
        }

        Figures plus(Figures more) {
            return new Figures(drawn + more.drawn, inspected + more.inspected, problemsFound + more.problemsFound, disclosed + more.disclosed);
        }
    }

    /** A district's row of the detachment's figures for this quarter, as the city's coordinator reads them. */
    static Figures figures(String district) {
        JsonNode report = expect(200, Stack.as("city.coord").get("/api/disclosure/statistics?period=" + quarter())).body();
        for (JsonNode row : report.get("districts")) {
            if (district.equals(row.get("district").asString())) return Figures.of(row);
        }
        return Figures.of(null);
    }
}
