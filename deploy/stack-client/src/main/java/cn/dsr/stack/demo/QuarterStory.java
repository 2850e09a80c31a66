package cn.dsr.stack.demo;

import cn.dsr.issuer.client.DemoLogin;
import cn.dsr.stack.client.Api;
import cn.dsr.stack.client.Await;
import cn.dsr.stack.client.Spreadsheets;
import cn.dsr.stack.client.Uscc;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * 周口市's quarter told end to end, through the gateway, as its people work it (一单两库 → 双随机 →
 * 检查 → 一公开): the detachment and its districts 西华县 and 商水县; each district's item list
 * drafted and published, its entity and inspector rosters uploaded as the office's .xlsx; a
 * district plan of 西华县 and the detachment's cross-district plan (异地交叉执法); both drawn
 * (commitments scheduled, randomness revealed, executed); the teams record no problem, an order
 * to rectify and an opened case; the rectifications closed; the heads review the results so they
 * go public; one correction approved by the head and published as an amendment; the plans closed
 * and the draw records disclosed.
 * Then it leaves work open for each role: a visit assigned to 商水县's inspectors, a 西华县 draw
 * waiting for its randomness.
 *
 * <p>The system tests run it chapter by chapter and check each; {@code ./stack --demo} runs it
 * whole against a fresh stack. It may run on a stack that has data already: its names are new on
 * every run, org units are created unless present, and the demo inspector accounts move to this
 * run's officers.
 */
public final class QuarterStory {

    public static final String CITY = "411600";
    public static final String XIHUA = "411622";
    public static final String SHANGSHUI = "411623";
    public static final Duration WAIT = Duration.ofSeconds(90);
    public static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    /** The visit's batch: which plan draws the entity. */
    public enum Batch {
        /** 西华县's own plan. */
        DISTRICT,
        /** The detachment's cross-district plan over both districts (异地交叉执法). */
        CROSS_DISTRICT,
        /** 商水县's plan whose visit is left for its inspectors to record. */
        OPEN
    }

    /** An entity of the story: where it is, which plan draws it, what its visit finds (null: not recorded yet). */
    public record Entity(String uscc, String name, String district, Batch batch, String conclusion, boolean corrected) {

        public boolean problemFound() {
            return conclusion != null && !conclusion.equals("NO_PROBLEM");
        }
    }

    /** The one item of each list the story's plans check. */
    public record Items(String xihua, String shangshui, String city) {}

    /** The officers uploaded, by roster id: the demo account each signs in with, and their district. */
    public record Officer(String id, String name, String district, String account) {}

    public record Plans(String district, String crossDistrict) {}

    /** A visit as inspection-service assigned it. */
    public record Visit(Entity entity, String taskId, String tenant, List<String> team) {}

    /** The disclosed draw records, as anyone downloads them. */
    public record DrawRecords(String district, String crossDistrict) {}

    /** What is left to do: a 西华县 draw waiting for its randomness, a 商水县 visit waiting for its record. */
    public record OpenWork(String scheduledDrawId, String openDrawId, Visit openVisit) {}

    /** Visits drawn in bulk in one district: the item they check, the two officers who make up every team, the visits. */
    public record Drawn(String district, String itemId, List<Officer> officers, List<DrawnVisit> visits) {}

    /** One visit drawn in bulk: its entity, the task inspection-service assigned, the team by roster id. */
    public record DrawnVisit(String uscc, String taskId, List<String> team) {}

    private static final Duration TOKEN_LIFETIME = Duration.ofMinutes(4);
    private static final List<String> ENTITY_COLUMNS = List.of("统一社会信用代码", "名称", "地址", "所在区县代码", "法定代表人", "行业代码",
            "登记状态", "成立日期", "排污许可管理类别", "排放污染物类型");
    private static final List<String> INSPECTOR_COLUMNS = List.of("姓名", "所属单位代码", "执法证号", "执法证有效期至", "职务", "人员类别",
            "擅长领域", "在岗状态", "常驻区县代码", "登录账号");

    private final String gateway;
    private final Function<String, String> accessToken;
    private final Map<String, Api> signedIn = new HashMap<>();
    private final Map<String, Long> signedInAt = new HashMap<>();
    private final AtomicInteger serial = new AtomicInteger(ThreadLocalRandom.current().nextInt(10_000_000, 90_000_000));
    private final String run = Integer.toString(ThreadLocalRandom.current().nextInt(100_000, 1_000_000));
    private final LocalDate today = LocalDate.now(CHINA);
    /** Two fields of expertise only this run's officers hold: the draws can staff the visits with nobody else (§14.2). */
    private final List<String> expertise = List.of("危险废物·" + run, "在线监测·" + run);

    private final List<Entity> entities = new ArrayList<>();
    /** 排污许可管理类别 as the workbook states it, by USCC: the roster derives the supervision category from it. */
    private final Map<String, String> permitClassOf = new HashMap<>();
    private final Map<String, Officer> officers = new LinkedHashMap<>();
    private final Map<String, Visit> visits = new LinkedHashMap<>();
    /** The latest version of each visit's record, and the latest one public, by task. */
    private final Map<String, Integer> recordedVersion = new HashMap<>();
    private final Map<String, Integer> publicVersion = new HashMap<>();
    private Items items;
    private Plans plans;
    private String districtDraw;
    private String crossDistrictDraw;

    public QuarterStory(String gateway, Function<String, String> accessToken) {
        this.gateway = gateway;
        this.accessToken = accessToken;
    }

    /** The story against a stack whose demo users sign in at {@code issuer} with the password "demo". */
    public static QuarterStory onStack(String gateway, String issuer) {
        return new QuarterStory(gateway, user -> DemoLogin.accessToken(URI.create(issuer), user, "demo"));
    }

    /** Every chapter in order, as the demo runs it. */
    public OpenWork tellWhole() {
        orgUnits();
        reviewBeforePublishing();
        itemLists();
        rosters();
        plans();
        draw();
        visits();
        record();
        closeRectifications();
        reviewAndPublish();
        correct();
        reviewAndPublish();
        discloseDraws();
        return leaveWorkOpen();
    }

    // ---- chapter 1: the detachment, its districts, their lists and rosters (一单两库)

    /** The detachment and both districts, created by the coordinator unless they exist. */
    public void orgUnits() {
        Api coordinator = as("city.coord");
        for (String unit : List.of(
                "{\"code\":\"411600\",\"name\":\"周口市生态环境综合行政执法支队\",\"kind\":\"CITY\"}",
                "{\"code\":\"411622\",\"name\":\"西华县分局\",\"kind\":\"DISTRICT\",\"parentCode\":\"411600\"}",
                "{\"code\":\"411623\",\"name\":\"商水县分局\",\"kind\":\"DISTRICT\",\"parentCode\":\"411600\"}")) {
            Api.Response response = coordinator.post("/api/roster/org-units", unit);
            if (response.status() != 201 && response.status() != 409) throw unexpected("201 or 409", response);
        }
    }

    /** Each district's head has results reviewed (审核) before they go public; answers the settings as they were. */
    public Map<String, JsonNode> reviewBeforePublishing() {
        Map<String, JsonNode> before = new LinkedHashMap<>();
        for (String district : List.of(XIHUA, SHANGSHUI)) {
            Api head = as(prefix(district) + ".head");
            before.put(district, expect(200, head.get("/api/disclosure/settings")).body());
            expect(200, head.put("/api/disclosure/settings", "{\"deadlineWorkingDays\":20,\"reviewRequired\":true}"));
        }
        return before;
    }

    /** A new version of each district's item list and of the detachment's, drafted and published; answers the items the plans check. */
    public Items itemLists() {
        String xihua = publishItems("xh.operator", "xh.head", "西华县生态环境分局");
        String shangshui = publishItems("ss.operator", "ss.head", "商水县生态环境分局");
        String city = publishItems("city.coord", "city.coord", "周口市生态环境综合行政执法支队");
        items = new Items(xihua, shangshui, city);
        return items;
    }

    /**
     * Each district's operator uploads its inspectors and its entities as .xlsx workbooks. The
     * officers are linked to the district's demo inspector accounts (taken back from earlier
     * officers), so the demo inspectors sign in and see their visits. Answers the entities.
     */
    public List<Entity> rosters() {
        cast(XIHUA, "西华县恒泰热电有限公司", "重点管理", Batch.DISTRICT, "NO_PROBLEM", false);
        cast(XIHUA, "西华县利民砖厂", "", Batch.DISTRICT, "RECTIFICATION_ORDERED", false);
        cast(XIHUA, "西华县顺发铸造有限公司", "简化管理", Batch.DISTRICT, "CASE_OPENED", false);
        cast(XIHUA, "西华县鑫源塑业有限公司", "", Batch.CROSS_DISTRICT, "NO_PROBLEM", false);
        cast(SHANGSHUI, "商水县恒达纸业有限公司", "简化管理", Batch.CROSS_DISTRICT, "NO_PROBLEM", true);
        cast(SHANGSHUI, "商水县金穗面粉有限公司", "", Batch.OPEN, null, false);

        Map<String, List<String>> names = Map.of(XIHUA, List.of("周平", "吴敏"), SHANGSHUI, List.of("李强", "王芳"));
        for (String district : List.of(XIHUA, SHANGSHUI)) {
            Api operator = as(prefix(district) + ".operator");
            List<String> accounts = List.of(prefix(district) + ".inspector1", prefix(district) + ".inspector2");
            releaseAccounts(operator, accounts);
            List<List<String>> rows = new ArrayList<>();
            for (int i = 0; i < accounts.size(); i++) {
                rows.add(List.of(names.get(district).get(i), district, "ZF" + district + serial.incrementAndGet(), (today.getYear() + 2) + "-12-31",
                        "科员", "执法人员", String.join("；", expertise), "在岗", district, accounts.get(i)));
            }
            imported(operator, "inspectors", Spreadsheets.xlsx("执法人员名录", INSPECTOR_COLUMNS, rows), rows.size());
            for (JsonNode inspector : expect(200, operator.get("/api/roster/inspectors?expertise=" + encode(expertise.get(0)))).body()) {
                String id = inspector.get("id").asString();
                officers.put(id, new Officer(id, inspector.get("name").asString(), district, inspector.get("account").asString()));
            }

            List<List<String>> entityRows = new ArrayList<>();
            for (Entity e : entities) {
                if (!e.district().equals(district)) continue;
                entityRows.add(List.of(e.uscc(), e.name(), address(e), district, "王建国", "C2614", "在营", "2016-05-10",
                        permitClassOf.get(e.uscc()), label(e.batch())));
            }
            imported(operator, "entities", Spreadsheets.xlsx("检查对象名录", ENTITY_COLUMNS, entityRows), entityRows.size());
            List<String> usccs = entities.stream().filter(e -> e.district().equals(district)).map(Entity::uscc).toList();
            Await.until(WAIT, "draw-service's replica to hold " + usccs, () -> {
                List<String> found = new ArrayList<>();
                expect(200, operator.get("/api/draw/replica/entities")).body().forEach(e -> found.add(e.get("uscc").asString()));
                return found;
            }, found -> found.containsAll(usccs));
        }
        return List.copyOf(entities);
    }

    // ---- chapter 2: the plans and their draws (双随机)

    /** 西华县's own plan over its batch, and the detachment's cross-district plan over both districts. */
    public Plans plans() {
        String district = plan(as("xh.operator"), "西华县" + quarter() + "重点行业双随机抽查（" + run + "）", items.xihua(), Batch.DISTRICT, "");
        String cross = plan(as("city.coord"), "周口市" + quarter() + "异地交叉执法检查（" + run + "）", items.city(), Batch.CROSS_DISTRICT,
                ",\"team\":{\"crossDistrict\":true}");
        plans = new Plans(district, cross);
        return plans;
    }

    /** Both plans scheduled with their commitments, the randomness revealed, the draws executed; answers the executed draws. */
    public List<JsonNode> draw() {
        JsonNode district = executed(as("xh.operator"), as("xh.head"), plans.district());
        JsonNode cross = executed(as("city.coord"), as("city.coord"), plans.crossDistrict());
        districtDraw = district.get("id").asString();
        crossDistrictDraw = cross.get("id").asString();
        return List.of(district, cross);
    }

    /** The visits of both draws as inspection-service assigned them, in the entities' districts. */
    public List<Visit> visits() {
        visits.putAll(tasksOf(districtDraw, List.of(XIHUA), count(Batch.DISTRICT)));
        visits.putAll(tasksOf(crossDistrictDraw, List.of(XIHUA, SHANGSHUI), count(Batch.CROSS_DISTRICT)));
        return List.copyOf(visits.values());
    }

    // ---- chapter 3: the inspections (检查)

    /** Each visit's team records what it found, signed by the entity; answers the visits recorded. */
    public List<Visit> record() {
        List<Visit> recorded = new ArrayList<>();
        for (Visit visit : visits.values()) {
            if (visit.entity().conclusion() == null) continue;
            Api team = recorder(visit);
            expect(201, team.post("/api/inspection/tasks/" + visit.taskId() + "/record", record(visit, visit.entity().conclusion(), "现场检查完毕"),
                    "Idempotency-Key", "quarter-" + run + "-" + visit.taskId()));
            recordedVersion.put(visit.taskId(), 1);
            recorded.add(visit);
        }
        return recorded;
    }

    /** The district's operator asks to correct a published record; its head (分管领导) approves; answers the approved correction. */
    public JsonNode correct() {
        Visit visit = visits.values().stream().filter(v -> v.entity().corrected()).findFirst().orElseThrow();
        String district = visit.tenant();
        JsonNode requested = expect(201, as(prefix(district) + ".operator").post("/api/inspection/tasks/" + visit.taskId() + "/corrections",
                "{\"reason\":\"漏记台账检查情况\",\"record\":" + record(visit, visit.entity().conclusion(), "现场检查完毕；补记：台账齐全") + "}")).body();
        JsonNode approved = expect(200, as(prefix(district) + ".head").post("/api/inspection/corrections/" + requested.get("correctionId").asString()
                + "/approval", "{\"comment\":\"同意更正\"}")).body();
        recordedVersion.merge(visit.taskId(), 1, Integer::sum);
        return approved;
    }

    /** Every rectification the records ordered is reported on and completed with evidence; answers them completed. */
    public List<JsonNode> closeRectifications() {
        List<JsonNode> completed = new ArrayList<>();
        for (Visit visit : visits.values()) {
            if (!visit.entity().problemFound()) continue;
            Api operator = as(prefix(visit.tenant()) + ".operator");
            JsonNode rectification = Await.until(WAIT, "the rectification of " + visit.taskId(), () -> {
                for (JsonNode r : expect(200, operator.get("/api/inspection/rectifications")).body()) {
                    if (r.get("taskId").asString().equals(visit.taskId())) return r;
                }
                return null;
            }, r -> r != null);
            String uri = "/api/inspection/rectifications/" + rectification.get("rectificationId").asString();
            expect(200, operator.post(uri + "/progress", "{\"reportedOn\":\"" + today + "\",\"stage\":\"企业已制定整改方案\"}"));
            String proof = expect(201, operator.upload("POST", "/api/inspection/tasks/" + visit.taskId() + "/evidence?filename=rectified.jpg",
                    "image/jpeg", jpeg("整改完成现场照片 " + visit.entity().name()))).body().get("evidenceId").asString();
            completed.add(expect(200, operator.post(uri + "/completion", "{\"completedOn\":\"" + today
                    + "\",\"description\":\"已按要求完成整改\",\"evidence\":[\"" + proof + "\"]}")).body());
        }
        return completed;
    }

    // ---- chapter 4: disclosure (一公开)

    /**
     * Each district's head publishes the versions of its results recorded since the last review;
     * answers every recorded visit's current result as the public reads it, by USCC.
     */
    public Map<String, JsonNode> reviewAndPublish() {
        Map<String, JsonNode> published = new LinkedHashMap<>();
        for (Visit visit : visits.values()) {
            Integer latest = recordedVersion.get(visit.taskId());
            if (latest == null) continue;
            Api head = as(prefix(visit.tenant()) + ".head");
            for (int version = publicVersion.getOrDefault(visit.taskId(), 0) + 1; version <= latest; version++) {
                String waiting = visit.taskId() + "/" + version;
                Await.until(WAIT, "version " + waiting + " to wait for review", () -> {
                    List<String> found = new ArrayList<>();
                    expect(200, head.get("/api/disclosure/reviews")).body().forEach(w -> found.add(w.get("resultId").asString() + "/" + w.get("version").asInt()));
                    return found;
                }, found -> found.contains(waiting));
                expect(200, head.post("/api/disclosure/reviews/" + visit.taskId() + "/versions/" + version + "/publish", ""));
            }
            publicVersion.put(visit.taskId(), latest);
            published.put(visit.entity().uscc(), Await.until(WAIT, "version " + latest + " of " + visit.taskId() + " in public",
                    () -> expect(200, anonymous().get("/public/disclosure/results?uscc=" + visit.entity().uscc())).body().get("results"),
                    r -> r.size() == 1 && r.get(0).get("document").get("version").asInt() == latest).get(0));
        }
        return published;
    }

    /** The inspections done, each plan is closed and its draw record disclosed; answers the records anyone can download. */
    public DrawRecords discloseDraws() {
        expect(200, as("xh.operator").post("/api/draw/plans/" + plans.district() + "/close", ""));
        expect(200, as("xh.head").post("/api/draw/draws/" + districtDraw + "/disclose", ""));
        expect(200, as("city.coord").post("/api/draw/plans/" + plans.crossDistrict() + "/close", ""));
        expect(200, as("city.coord").post("/api/draw/draws/" + crossDistrictDraw + "/disclose", ""));
        return new DrawRecords(expect(200, anonymous().get("/public/draw/draws/" + districtDraw + "/record")).raw(),
                expect(200, anonymous().get("/public/draw/draws/" + crossDistrictDraw + "/record")).raw());
    }

    // ---- chapter 5: the next work, left for the demo's users

    /**
     * 商水县 draws its own batch, whose visit waits for ss.inspector1 and ss.inspector2 to record
     * it; 西华县 schedules a second draw of its plan's batch, waiting for its randomness.
     */
    public OpenWork leaveWorkOpen() {
        String open = plan(as("ss.operator"), "商水县" + quarter() + "双随机抽查（" + run + "）", items.shangshui(), Batch.OPEN, "");
        String openDraw = executed(as("ss.operator"), as("ss.head"), open).get("id").asString();
        Visit openVisit = tasksOf(openDraw, List.of(SHANGSHUI), count(Batch.OPEN)).values().iterator().next();
        visits.put(openVisit.entity().uscc(), openVisit);
        Api operator = as("xh.operator");
        // the same two officers hold the item's expertise, so the second visit may send them again (no rotation)
        String next = plan(operator, "西华县" + quarter() + "第二批双随机抽查（" + run + "）", items.xihua(), Batch.DISTRICT,
                ",\"team\":{\"rotation\":false}");
        String scheduled = expect(201, schedule(operator, next)).body().get("id").asString();
        return new OpenWork(scheduled, openDraw, openVisit);
    }

    // ---- visits in bulk, for the load and fault runs

    /**
     * {@code count} random-inspection visits in {@code district}, drawn {@code perDraw} to a draw,
     * whose results go public as soon as their records are submitted: the district's head lets
     * results go public without review; a new item list version names an item whose expertise
     * only two new officers hold, linked to the district's demo inspector accounts; the entities
     * are uploaded as a workbook; each batch is planned (all of it, no annual cap, each officer
     * taking every visit of the batch), drawn and executed. Answers once inspection-service has
     * assigned every visit and knows both accounts as their officers. Needs the org units.
     */
    public Drawn drawnVisits(String district, int count, int perDraw, Duration wait) {
        Api operator = as(prefix(district) + ".operator");
        Api head = as(prefix(district) + ".head");
        ObjectNode settings = (ObjectNode) expect(200, head.get("/api/disclosure/settings")).body();
        expect(200, head.put("/api/disclosure/settings", settings.put("reviewRequired", false).toString()));
        List<String> bulkExpertise = List.of("批量抽查·" + run + "·" + district);
        String item = publishItems(prefix(district) + ".operator", prefix(district) + ".head", officeOf(district), bulkExpertise);

        List<String> accounts = List.of(prefix(district) + ".inspector1", prefix(district) + ".inspector2");
        releaseAccounts(operator, accounts);
        List<List<String>> inspectorRows = new ArrayList<>();
        for (int i = 0; i < accounts.size(); i++) {
            inspectorRows.add(List.of("批量检查员" + (i + 1) + "号", district, "ZF" + district + serial.incrementAndGet(), (today.getYear() + 2) + "-12-31",
                    "科员", "执法人员", bulkExpertise.get(0), "在岗", district, accounts.get(i)));
        }
        imported(operator, "inspectors", Spreadsheets.xlsx("执法人员名录", INSPECTOR_COLUMNS, inspectorRows), inspectorRows.size());
        List<Officer> linked = new ArrayList<>();
        for (JsonNode inspector : expect(200, operator.get("/api/roster/inspectors?expertise=" + encode(bulkExpertise.get(0)))).body()) {
            Officer officer = new Officer(inspector.get("id").asString(), inspector.get("name").asString(), district, inspector.get("account").asString());
            officers.put(officer.id(), officer);
            linked.add(officer);
        }

        List<List<String>> entityRows = new ArrayList<>();
        Set<String> usccs = new HashSet<>();
        for (int i = 0; i < count; i++) {
            String uscc = Uscc.of(district, serial.incrementAndGet());
            usccs.add(uscc);
            entityRows.add(List.of(uscc, officeOf(district).substring(0, 3) + "批量抽查企业" + run + "-" + i, officeOf(district) + "辖区 " + i + " 号",
                    district, "王建国", "C2614", "在营", "2016-05-10", "", batchLabel(district, i / perDraw)));
        }
        imported(operator, "entities", Spreadsheets.xlsx("检查对象名录", ENTITY_COLUMNS, entityRows), entityRows.size());
        Await.until(wait, "draw-service's replica to hold the " + count + " entities of " + district, () -> {
            int found = 0;
            for (JsonNode e : expect(200, operator.get("/api/draw/replica/entities")).body()) {
                if (usccs.contains(e.get("uscc").asString())) found++;
            }
            return found;
        }, found -> found == count);

        Map<String, DrawnVisit> visits = new LinkedHashMap<>();
        for (int batch = 0; batch * perDraw < count; batch++) {
            int size = Math.min(perDraw, count - batch * perDraw);
            String planId = plan(operator, officeOf(district).substring(0, 3) + quarter() + "批量双随机抽查（" + run + "-" + batch + "）", item,
                    batchLabel(district, batch), "", ",\"team\":{\"capacity\":" + size + "}");
            String drawId = executed(operator, head, planId).get("id").asString();
            visits.putAll(tasksOf(drawId, List.of(district), size, wait,
                    (uscc, task) -> new DrawnVisit(uscc, task.get("taskId").asString(), team(task))));
        }
        String anyTask = visits.values().iterator().next().taskId();
        for (Officer officer : linked) {
            Api inspector = as(officer.account());
            Await.until(wait, officer.account() + " to be known as on the team of " + anyTask,
                    () -> inspector.get("/api/inspection/tasks/" + anyTask).status(), status -> status == 200);
        }
        return new Drawn(district, item, List.copyOf(linked), List.copyOf(visits.values()));
    }

    // ---- what the chapters made

    public String run() {
        return run;
    }

    public String quarter() {
        return today.getYear() + "Q" + ((today.getMonthValue() - 1) / 3 + 1);
    }

    public List<Entity> entities() {
        return List.copyOf(entities);
    }

    public Map<String, Officer> officers() {
        return Map.copyOf(officers);
    }

    public Plans plansMade() {
        return plans;
    }

    public List<String> drawIds() {
        return List.of(districtDraw, crossDistrictDraw);
    }

    public List<Visit> visitsAssigned() {
        return List.copyOf(visits.values());
    }

    /** A signed-in caller, kept while its token is fresh. */
    public Api as(String user) {
        Long since = signedInAt.get(user);
        if (since == null || System.nanoTime() - since > TOKEN_LIFETIME.toNanos()) {
            signedIn.put(user, new Api(gateway, accessToken.apply(user)));
            signedInAt.put(user, System.nanoTime());
        }
        return signedIn.get(user);
    }

    public Api anonymous() {
        return new Api(gateway, null);
    }

    // ---- the steps

    private void cast(String district, String name, String permitClass, Batch batch, String conclusion, boolean corrected) {
        Entity e = new Entity(Uscc.of(district, serial.incrementAndGet()), name, district, batch, conclusion, corrected);
        permitClassOf.put(e.uscc(), permitClass);
        entities.add(e);
    }

    /** The label (排放污染物类型 on the roster) that puts an entity in its batch's plan: directed plans (定向) select by it. */
    private String label(Batch batch) {
        return switch (batch) {
            case DISTRICT -> "西华批次" + run;
            case CROSS_DISTRICT -> "交叉批次" + run;
            case OPEN -> "商水批次" + run;
        };
    }

    /** The label of one bulk batch: its plan selects exactly the batch's entities. */
    private String batchLabel(String district, int batch) {
        return "批量" + district + "-" + run + "-" + batch;
    }

    private static String officeOf(String district) {
        return switch (district) {
            case XIHUA -> "西华县生态环境分局";
            case SHANGSHUI -> "商水县生态环境分局";
            default -> throw new IllegalArgumentException("no demo district " + district);
        };
    }

    private int count(Batch batch) {
        return (int) entities.stream().filter(e -> e.batch() == batch).count();
    }

    private String address(Entity e) {
        return (e.district().equals(XIHUA) ? "西华县产业集聚区纬二路 " : "商水县城关乡工业园区 ") + serial.incrementAndGet() % 1000 + " 号";
    }

    private String publishItems(String editor, String publisher, String body) {
        return publishItems(editor, publisher, body, expertise);
    }

    private String publishItems(String editor, String publisher, String body, List<String> requiredExpertise) {
        Api api = as(editor);
        String name = "排污单位现场监督检查（" + run + "）";
        JsonNode draft = expect(201, api.post("/api/roster/item-lists", "{\"year\":" + today.getYear() + "}")).body();
        String list = "/api/roster/item-lists/" + draft.get("id").asString();
        expect(201, api.post(list + "/items", item(name, body, "\"" + String.join("\",\"", requiredExpertise) + "\"")));
        expect(201, api.post(list + "/items", item("危险废物规范化管理检查（" + run + "）", body, "")));
        JsonNode published = expect(200, as(publisher).post(list + "/publish", "{\"reason\":\"" + today.getYear() + "年度随机抽查事项清单\"}")).body();
        for (JsonNode item : published.get("items")) {
            if (item.get("name").asString().equals(name)) return item.get("id").asString();
        }
        throw new IllegalStateException("the published list lacks " + name + ": " + published);
    }

    private static String item(String name, String responsibleBody, String requiredExpertise) {
        return """
                {"category":"污染源日常环境监督管理","name":"%s","targetType":"排污单位","itemClass":"GENERAL",
                 "methods":["ON_SITE"],"responsibleBody":"%s",
                 "legalBasis":[{"law":"《中华人民共和国环境保护法》","article":"第二十四条"}],
                 "ratioAndFrequency":"一般排污单位抽查比例不低于 5%%","content":"污染防治设施运行、排污许可执行情况","requiredExpertise":[%s]}"""
                .formatted(name, responsibleBody, requiredExpertise);
    }

    /** An account links one person of the roster: the officers of earlier runs give theirs back. */
    private static void releaseAccounts(Api operator, List<String> accounts) {
        for (JsonNode inspector : expect(200, operator.get("/api/roster/inspectors")).body()) {
            if (!accounts.contains(inspector.path("account").asString(""))) continue;
            ObjectNode body = (ObjectNode) inspector.deepCopy();
            body.remove(List.of("id", "tenant", "rosterRevision", "account"));
            body.put("reason", "登录账号转交新的执法人员");
            expect(200, operator.put("/api/roster/inspectors/" + inspector.get("id").asString(), body.toString()));
        }
    }

    private static void imported(Api operator, String roster, byte[] workbook, int rows) {
        JsonNode report = expect(200, operator.upload("POST", "/api/roster/" + roster + "/import?mode=REJECT_ALL", Spreadsheets.XLSX, workbook)).body();
        if (report.get("created").asInt() != rows) throw new IllegalStateException("the " + roster + " workbook created " + report);
    }

    private String plan(Api operator, String title, String itemId, Batch batch, String extra) {
        String districts = batch == Batch.CROSS_DISTRICT ? ",\"districts\":[\"" + XIHUA + "\",\"" + SHANGSHUI + "\"]" : "";
        return plan(operator, title, itemId, label(batch), districts, extra);
    }

    /** A directed plan over the entities labelled {@code tag}, every one of them drawn, no annual cap. */
    private String plan(Api operator, String title, String itemId, String tag, String districts, String extra) {
        String json = """
                {"title":"%s","period":"%s","items":["%s"],"directed":true,"method":"ON_SITE",
                 "scope":{"categories":["KEY","GENERAL"],"tags":["%s"]%s},
                 "strata":[{"category":"KEY","ratioBp":10000},{"category":"GENERAL","ratioBp":10000,"minCount":1}],
                 "exclusions":{"annualCap":0}%s}""".formatted(title, quarter(), itemId, tag, districts, extra);
        // the item list reaches draw-service's replica over Kafka: until then the item is unknown there
        Api.Response created = Await.until(WAIT, "draw-service to know item " + itemId, () -> operator.post("/api/draw/plans", json),
                r -> r.status() != 400 || !r.raw().contains("unknown item"));
        return expect(201, created).body().get(0).get("id").asString();
    }

    private Api.Response schedule(Api operator, String planId) {
        return DrawRandomness.schedule(operator, today.toString(), planId);
    }

    /** Scheduled, the randomness revealed (DrawRandomness), executed. */
    private JsonNode executed(Api operator, Api head, String planId) {
        JsonNode draw = expect(201, schedule(operator, planId)).body();
        DrawRandomness.reveal(operator, head, draw);
        return expect(200, operator.post("/api/draw/draws/" + draw.get("id").asString() + "/execute", "")).body();
    }

    /** The tasks of a draw, read by the operators of the districts its visits lie in, by entity. */
    private Map<String, Visit> tasksOf(String drawId, List<String> districts, int expected) {
        return tasksOf(drawId, districts, expected, WAIT, (uscc, t) -> {
            Entity entity = entities.stream().filter(e -> e.uscc().equals(uscc)).findFirst()
                    .orElseThrow(() -> new IllegalStateException("draw " + drawId + " visits " + uscc + ", not an entity of the story"));
            return new Visit(entity, t.get("taskId").asString(), t.get("tenant").asString(), team(t));
        });
    }

    private static List<String> team(JsonNode task) {
        List<String> team = new ArrayList<>();
        task.get("team").forEach(m -> team.add(m.get("inspectorId").asString()));
        return List.copyOf(team);
    }

    /** The tasks of a draw, read by the operators of the districts its visits lie in, by entity, each as {@code visit} makes it. */
    private <V> Map<String, V> tasksOf(String drawId, List<String> districts, int expected, Duration wait, BiFunction<String, JsonNode, V> visit) {
        return Await.until(wait, expected + " tasks of draw " + drawId, () -> {
            Map<String, V> found = new LinkedHashMap<>();
            for (String district : districts) {
                for (JsonNode t : expect(200, as(prefix(district) + ".operator").get("/api/inspection/tasks")).body()) {
                    if (!drawId.equals(t.path("drawId").asString(null))) continue;
                    String uscc = t.get("entity").get("uscc").asString();
                    found.put(uscc, visit.apply(uscc, t));
                }
            }
            return found;
        }, found -> found.size() == expected);
    }

    /** The visit's team member who signs in to record it, once inspection-service knows the account as theirs. */
    private Api recorder(Visit visit) {
        String account = visit.team().stream().map(officers::get).filter(o -> o != null).map(Officer::account).findFirst()
                .orElseThrow(() -> new IllegalStateException("visit " + visit.taskId() + " is staffed by " + visit.team() + ", none of them this story's officers"));
        Api team = as(account);
        Await.until(WAIT, account + " to be known as on the team of " + visit.taskId(),
                () -> team.get("/api/inspection/tasks/" + visit.taskId()).status(), status -> status == 200);
        return team;
    }

    private String record(Visit visit, String conclusion, String remarks) {
        String present = "[\"" + String.join("\",\"", visit.team()) + "\"]";
        String itemId = switch (visit.entity().batch()) {
            case DISTRICT -> items.xihua();
            case CROSS_DISTRICT -> items.city();
            case OPEN -> items.shangshui();
        };
        String finding = switch (conclusion) {
            case "NO_PROBLEM" -> "\"finding\":\"COMPLIANT\"";
            case "RECTIFICATION_ORDERED" -> "\"finding\":\"PROBLEM_FOUND\",\"description\":\"危险废物贮存场所未设置识别标志\",\"provision\":\"《固体废物污染环境防治法》第七十七条\"";
            default -> "\"finding\":\"PROBLEM_FOUND\",\"description\":\"在线监测设备未正常运行，涉嫌篡改监测数据\",\"provision\":\"《大气污染防治法》第二十四条\"";
        };
        String measures = conclusion.equals("NO_PROBLEM") ? "" : "\"measures\":[\"ORDER_TO_RECTIFY\"],";
        return """
                {"inspectionDate":"%s","findings":[{"itemId":"%s",%s}],%s"conclusion":"%s","inspectorsPresent":%s,
                 "signature":{"signer":"王建国","role":"法定代表人","signedAt":"%s"},"remarks":"%s"}"""
                .formatted(today, itemId, finding, measures, conclusion, present, OffsetDateTime.now(CHINA).minusMinutes(1), remarks);
    }

    /** A small file the evidence store takes for a photo: a JPEG signature, then the caption. */
    public static byte[] jpeg(String caption) {
        byte[] text = caption.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[4 + text.length];
        out[0] = (byte) 0xFF;
        out[1] = (byte) 0xD8;
        out[2] = (byte) 0xFF;
        out[3] = (byte) 0xE0;
        System.arraycopy(text, 0, out, 4, text.length);
        return out;
    }

    /** The demo users' prefix of a district: xh.operator, ss.head … */
    static String prefix(String district) {
        return switch (district) {
            case XIHUA -> "xh";
            case SHANGSHUI -> "ss";
            default -> throw new IllegalArgumentException("no demo district " + district);
        };
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    static Api.Response expect(int status, Api.Response response) {
        if (response.status() != status) throw unexpected(Integer.toString(status), response);
        return response;
    }

    private static IllegalStateException unexpected(String wanted, Api.Response response) {
        return new IllegalStateException("expected HTTP " + wanted + ", got " + response.status() + ": " + response.raw());
    }
}
