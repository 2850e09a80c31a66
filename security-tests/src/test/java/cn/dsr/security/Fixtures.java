package cn.dsr.security;

import static org.assertj.core.api.Assertions.assertThat;

import cn.dsr.security.ApiDescription.Operation;
import cn.dsr.stack.client.Uscc;
import cn.dsr.stack.demo.DrawRandomness;
import java.time.Duration;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;

/**
 * Real objects of every tenant, created as that tenant's own users, then found again by crawling
 * every parameterless GET the services describe — so the probes address other tenants' objects by
 * their real ids, including the objects of endpoints added later.
 */
public final class Fixtures {

    /** An object some tenant owns, with the path-parameter values that led to it. */
    public record Found(String tenant, Map<String, String> parents, JsonNode element) {
        /** The value this object gives a path parameter called {@code param} of {@code collection}. */
        public Optional<String> value(String param, String collection) {
            String segment = collection.substring(collection.lastIndexOf('/') + 1);
            String singular = segment.endsWith("ies") ? segment.substring(0, segment.length() - 3) + "y"
                    : segment.endsWith("s") ? segment.substring(0, segment.length() - 1) : segment;
            for (String field : List.of(param, "id", singular + "Id", "code")) {
                JsonNode v = element.get(field);
                if (v != null && (v.isString() || v.isNumber())) return Optional.of(v.asString());
            }
            return Optional.empty();
        }
    }

    static final LocalDate TODAY = LocalDate.now(ZoneId.of("Asia/Shanghai"));
    public static final String YEAR = Integer.toString(TODAY.getYear());
    static final String QUARTER = YEAR + "Q" + ((TODAY.getMonthValue() - 1) / 3 + 1);
    /** The pollutant label of the fixtures' entities, unique per run so a plan draws only them. */
    static final String LABEL = "probe-" + Long.toString(System.currentTimeMillis(), 36);
    private static final List<String> DISTRICT_READERS = List.of("xh.operator", "ss.operator", "xp.operator", "xh.inspector1",
            "ss.inspector1", "xp.inspector1");
    private static final List<String> CITY_READERS = List.of("city.coord", "zmd.coord");
    private static final AtomicInteger serial = new AtomicInteger((int) (System.currentTimeMillis() % 100_000));
    private static Fixtures instance;

    /** collection template → objects found in it. */
    public final Map<String, List<Found>> pool = new ConcurrentHashMap<>();
    /** every harvested object id → the tenant owning it. */
    public final Map<String, String> owners = new ConcurrentHashMap<>();
    public final List<String> notes = new ArrayList<>();

    public static synchronized Fixtures get() {
        if (instance == null) {
            Fixtures f = new Fixtures();
            f.create();
            f.harvest();
            instance = f;
        }
        return instance;
    }

    private void create() {
        created(Http.json(Caller.named("city.coord"), "POST", "/api/roster/org-units", "{\"code\":\"411600\",\"name\":\"周口市生态环境综合行政执法支队\",\"kind\":\"CITY\"}"));
        created(Http.json(Caller.named("zmd.coord"), "POST", "/api/roster/org-units", "{\"code\":\"411700\",\"name\":\"驻马店市生态环境综合行政执法支队\",\"kind\":\"CITY\"}"));
        district("city.coord", "411622", "西华县分局", "411600");
        district("city.coord", "411623", "商水县分局", "411600");
        district("zmd.coord", "411721", "西平县分局", "411700");
        for (String prefix : List.of("xh", "ss", "xp")) tenantObjects(prefix);
    }

    private void district(String coordinator, String code, String name, String city) {
        created(Http.json(Caller.named(coordinator), "POST", "/api/roster/org-units",
                "{\"code\":\"%s\",\"name\":\"%s\",\"kind\":\"DISTRICT\",\"parentCode\":\"%s\"}".formatted(code, name, city)));
    }

    private void tenantObjects(String prefix) {
        Caller operator = Caller.named(prefix + ".operator");
        Caller head = Caller.named(prefix + ".head");
        String d = operator.tenant();
        String entityId = created(Http.json(operator, "POST", "/api/roster/entities", """
                {"uscc":"%s","name":"%s某化工有限公司","address":"工业园区纬一路 8 号","district":"%s","status":"ACTIVE",
                 "tags":{"pollutantKinds":["%s"]}}"""
                .formatted(Uscc.of(d, serial.incrementAndGet()), prefix, d, LABEL)));
        String inspectorId = created(Http.json(operator, "POST", "/api/roster/inspectors", """
                {"name":"%s陈静","unit":"%s","certificateNo":"C%s%d","certificateValidUntil":"2030-12-31","kind":"OFFICER","status":"IN_POST","homeDistrict":"%s"}"""
                .formatted(prefix, d, d, serial.incrementAndGet(), d)));
        // two more officers without conflicts, so the draw can staff its visit lawfully (two officers, 回避 respected)
        for (String name : List.of("李强", "王芳")) {
            created(Http.json(operator, "POST", "/api/roster/inspectors", """
                    {"name":"%s%s","unit":"%s","certificateNo":"C%s%d","certificateValidUntil":"2030-12-31","kind":"OFFICER","status":"IN_POST","homeDistrict":"%s"}"""
                    .formatted(prefix, name, d, d, serial.incrementAndGet(), d)));
        }
        if (entityId != null && inspectorId != null) {
            created(Http.json(operator, "POST", "/api/roster/conflicts", """
                    {"inspectorId":"%s","entityId":"%s","relation":"RELATIVE","note":"配偶在该公司任职","validFrom":"2024-01-01","validUntil":"2030-12-31"}"""
                    .formatted(inspectorId, entityId)));
        }
        String listId = created(Http.json(operator, "POST", "/api/roster/item-lists", "{\"year\":" + YEAR + "}"));
        String itemId = listId == null ? null : created(Http.json(operator, "POST", "/api/roster/item-lists/" + listId + "/items", """
                {"category":"污染源日常环境监督管理","name":"排污许可执行情况检查","targetType":"排污单位","itemClass":"GENERAL","methods":["ON_SITE"],
                 "responsibleBody":"生态环境部门","legalBasis":[{"law":"排污许可管理条例","article":"第三十四条"}],"ratioAndFrequency":"5%","content":"许可证执行情况"}"""));
        if (listId != null) created(Http.json(head, "POST", "/api/roster/item-lists/" + listId + "/publish", "{\"reason\":\"年度事项清单\"}"));
        String taskId = created(Http.json(operator, "POST", "/api/inspection/tasks/targeted", """
                {"reason":"COMPLAINT","note":"群众投诉异味","entity":{"uscc":"%s","name":"%s某化工有限公司","address":"工业园区","district":"%s"},
                 "method":"ON_SITE","items":[{"itemId":"%s","itemName":"排污许可执行情况检查"}],
                 "team":[{"inspectorId":"%s-insp-01","name":"检查员一","kind":"OFFICER","district":"%s"},
                         {"inspectorId":"%s-insp-02","name":"检查员二","kind":"OFFICER","district":"%s"}]}"""
                .formatted(Uscc.of(d, serial.incrementAndGet()), prefix, d, itemId == null ? "item-1" : itemId, prefix, d, prefix, d)));
        String evidenceId = taskId == null ? null : evidence(Caller.named(prefix + ".inspector1"), taskId);
        if (evidenceId != null && itemId != null) record(Caller.named(prefix + ".inspector1"), operator, taskId, itemId, evidenceId);
        if (itemId != null) draw(operator, head, itemId);
    }

    /**
     * The inspector records a problem found (so a rectification is ordered) and the operator asks
     * for a correction of the record: the objects of the inspection endpoints.
     */
    private void record(Caller inspector, Caller operator, String taskId, String itemId, String evidenceId) {
        String prefix = inspector.username().substring(0, 2);
        String record = """
                {"inspectionDate":"%s","findings":[{"itemId":"%s","finding":"PROBLEM_FOUND","description":"未按期提交排污许可执行报告",
                 "provision":"《排污许可管理条例》第二十二条"}],"measures":["ORDER_TO_RECTIFY"],"conclusion":"RECTIFICATION_ORDERED",
                 "inspectorsPresent":["%s-insp-01","%s-insp-02"],"evidence":["%s"],
                 "signature":{"signer":"王建国","role":"法定代表人","signedAt":"%s"}}"""
                .formatted(TODAY, itemId, prefix, prefix, evidenceId,
                        OffsetDateTime.now(ZoneOffset.ofHours(8)).minusMinutes(30).truncatedTo(ChronoUnit.SECONDS));
        Http.Reply submitted = Http.send(inspector.token(), "POST", "/api/inspection/tasks/" + taskId + "/record", "application/json",
                record.getBytes(StandardCharsets.UTF_8), true, "Idempotency-Key", "fixture-" + taskId);
        if (!submitted.ok()) {
            notes.add("no record on task " + taskId + ": " + submitted);
            return;
        }
        Http.Reply correction = Http.json(operator, "POST", "/api/inspection/tasks/" + taskId + "/corrections",
                "{\"reason\":\"补记现场备注\",\"record\":" + record.substring(0, record.lastIndexOf('}')) + ",\"remarks\":\"补记\"}}");
        if (!correction.ok()) notes.add("no correction on task " + taskId + ": " + correction);
    }

    /** A directed plan over the labelled entity, drawn with two committed parties and a lottery (双随机). */
    private void draw(Caller operator, Caller head, String itemId) {
        String planId = plan(operator, itemId);
        if (planId == null) return;
        Http.Reply scheduled = Http.json(operator, "POST", "/api/draw/draws",
                "{\"plans\":[\"" + planId + "\"],\"sources\":" + DrawRandomness.sources(TODAY.toString()) + "}");
        if (scheduled.status() != 201) {
            notes.add("no draw for " + operator.tenant() + ": " + scheduled);
            return;
        }
        String drawId = scheduled.json().get("id").asString();
        String randomness = "/api/draw/draws/" + drawId + "/randomness";
        Http.json(operator, "POST", randomness, "{\"source\":\"party:bureau\",\"value\":\"" + DrawRandomness.BUREAU_SECRET + "\"}");
        Http.json(operator, "POST", randomness, "{\"source\":\"party:observer\",\"value\":\"" + DrawRandomness.OBSERVER_SECRET + "\"}");
        Http.json(head, "POST", randomness, "{\"source\":\"lottery:fc3d:" + TODAY + "\",\"value\":\"" + DrawRandomness.LOTTERY_RESULT + "\"}");
        Http.Reply executed = Http.json(operator, "POST", "/api/draw/draws/" + drawId + "/execute", "");
        if (!executed.ok()) notes.add("draw " + drawId + " of " + operator.tenant() + " not executed: " + executed);
    }

    /** A photo on the task, so the evidence endpoints have a real object to be probed with; answers its id. */
    private String evidence(Caller inspector, String taskId) {
        byte[] jpeg = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 16, 'J', 'F', 'I', 'F', 0, 1, 1, 0, 0, 1, 0, 1, 0, 0,
                (byte) 0xFF, (byte) 0xD9};
        Http.Reply reply = Http.send(inspector.token(), "POST", "/api/inspection/tasks/" + taskId + "/evidence?filename=scene.jpg",
                "image/jpeg", jpeg, true);
        if (!reply.ok()) notes.add("no evidence on task " + taskId + ": " + reply);
        return reply.ok() ? reply.json().get("evidenceId").asString() : null;
    }

    /** A plan needs the published item in draw-service's replica, which arrives over Kafka; answers its id. */
    private String plan(Caller operator, String itemId) {
        String body = """
                {"title":"重点排污单位抽查","period":"%s","items":["%s"],"directed":true,"method":"ON_SITE",
                 "scope":{"categories":["KEY","GENERAL"],"tags":["%s"]},
                 "strata":[{"category":"KEY","ratioBp":10000},{"category":"GENERAL","ratioBp":10000,"minCount":1}],
                 "exclusions":{"annualCap":0}}""".formatted(QUARTER, itemId, LABEL);
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        Http.Reply reply;
        do {
            reply = Http.json(operator, "POST", "/api/draw/plans", body);
            if (reply.status() == 201) return reply.json().get(0).get("id").asString();
            Http.sleep(1000);
        } while (System.nanoTime() < deadline);
        notes.add("no plan for " + operator.tenant() + " (the probes fall back to other ids): " + reply);
        return null;
    }

    private String created(Http.Reply reply) {
        if (reply.status() == 409) return null; // exists from an earlier run of this stack
        assertThat(reply.status()).as("fixture: %s", reply).isBetween(200, 299);
        JsonNode body = reply.json();
        if (body == null) return null;
        JsonNode id = body.has("id") ? body.get("id") : body.get("taskId");
        return id == null ? null : id.asString();
    }

    /** Every parameterless GET as each tenant's reader, then every GET one parameter deeper, twice. */
    private void harvest() {
        List<Operation> reads = ApiDescription.operations().stream()
                .filter(op -> op.method().equals("GET") && !op.publicPath() && !op.template().contains("/export")).toList();
        for (int depth = 0; depth < 3; depth++) {
            for (Operation op : reads) {
                if (op.pathParams().size() != depth) continue;
                for (String reader : depth == 0 ? concat(DISTRICT_READERS, CITY_READERS) : DISTRICT_READERS) {
                    for (Map<String, String> binding : bindings(op, Caller.named(reader).tenant())) {
                        collect(op, Caller.named(reader), binding);
                    }
                }
            }
        }
    }

    /** Ways to fill an operation's path parameters with objects of {@code tenant}. */
    public List<Map<String, String>> bindings(Operation op, String tenant) {
        if (op.pathParams().isEmpty()) return List.of(Map.of());
        String last = op.pathParams().get(op.pathParams().size() - 1).name();
        List<Map<String, String>> out = new ArrayList<>();
        String collection = op.collectionOf(last);
        for (Found f : found(collection)) {
            if (!f.tenant().equals(tenant)) continue;
            Optional<String> v = f.value(last, collection);
            if (v.isEmpty()) continue;
            Map<String, String> b = new LinkedHashMap<>(f.parents());
            b.put(last, v.get());
            if (op.pathParams().stream().allMatch(p -> b.containsKey(p.name()))) out.add(b);
            if (out.size() == 2) break;
        }
        return out;
    }

    /**
     * The objects of a collection; when it was never listed as such, those of a collection of the
     * same name elsewhere ({@code /corrections} found under {@code /tasks/{taskId}/corrections}).
     */
    private List<Found> found(String collection) {
        List<Found> exact = pool.get(collection);
        if (exact != null) return exact;
        String segment = collection.substring(collection.lastIndexOf('/'));
        return pool.entrySet().stream().filter(e -> e.getKey().endsWith(segment)).flatMap(e -> e.getValue().stream())
                .map(f -> new Found(f.tenant(), Map.of(), f.element())).toList();
    }

    private void collect(Operation op, Caller reader, Map<String, String> binding) {
        Http.Reply reply = Http.get(reader, Probes.fill(op.template(), binding));
        if (!reply.ok()) return;
        JsonNode body = reply.json();
        if (body == null) return;
        // a list answers its elements; an object its nested lists, filed as sub-collections (an item list's /items)
        Map<String, List<JsonNode>> elements = new LinkedHashMap<>();
        if (body.isArray()) body.forEach(e -> elements.computeIfAbsent(op.template(), k -> new ArrayList<>()).add(e));
        else for (String field : List.of("items", "content", "entries", "versions", "records")) {
            body.path(field).forEach(e -> elements.computeIfAbsent(op.template() + "/" + field, k -> new ArrayList<>()).add(e));
        }
        elements.forEach((collection, found) -> found.forEach(element -> add(collection, reader, binding, element)));
    }

    private void add(String collection, Caller reader, Map<String, String> binding, JsonNode element) {
        if (!element.isObject()) return;
        String tenant = element.has("tenant") && element.get("tenant").isString() ? element.get("tenant").asString() : reader.tenant();
        pool.computeIfAbsent(collection, k -> new java.util.concurrent.CopyOnWriteArrayList<>()).add(new Found(tenant, binding, element));
        for (String field : List.of("id", "taskId", "evidenceId", "planId", "drawId")) {
            JsonNode id = element.get(field);
            if (id != null && id.isString() && id.asString().length() >= 16) owners.putIfAbsent(id.asString(), tenant);
        }
    }

    /** Any object of {@code tenant} found anywhere that has a field called {@code param} (e.g. a uscc). */
    public Optional<String> anyValue(String param, String tenant) {
        return pool.values().stream().flatMap(List::stream)
                .filter(f -> f.tenant().equals(tenant) && f.element().has(param) && f.element().get(param).isString())
                .map(f -> f.element().get(param).asString()).findFirst();
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
