package cn.dsr.system;

import static cn.dsr.stack.demo.QuarterStory.CITY;
import static cn.dsr.stack.demo.QuarterStory.SHANGSHUI;
import static cn.dsr.stack.demo.QuarterStory.XIHUA;
import static cn.dsr.system.Zhoukou.expect;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import cn.dsr.stack.client.Api;
import cn.dsr.stack.client.Await;
import cn.dsr.stack.client.Stack;
import cn.dsr.stack.client.Uscc;
import cn.dsr.stack.demo.QuarterStory;
import cn.dsr.stack.demo.QuarterStory.Batch;
import cn.dsr.stack.demo.QuarterStory.DrawRecords;
import cn.dsr.stack.demo.QuarterStory.Entity;
import cn.dsr.stack.demo.QuarterStory.Items;
import cn.dsr.stack.demo.QuarterStory.OpenWork;
import cn.dsr.stack.demo.QuarterStory.Visit;
import cn.dsr.system.Zhoukou.Figures;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

/**
 * A quarter of 周口市 end to end, through the gateway, told by {@link QuarterStory} (the same story
 * {@code ./stack --demo} tells): the lists and the rosters uploaded as workbooks in both
 * districts, 西华县's plan and the detachment's cross-district plan drawn, the teams' records, the
 * rectifications closed, the results reviewed into public, a correction approved by the head and
 * published as an amendment, the draw records disclosed. At the end a credit system reading the feed from offset 0 holds
 * what the public API shows, the verifier accepts both draw records and refuses a tampered one,
 * and the detachment's statistics moved by exactly what the quarter did.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class QuarterThroughGatewayIT {

    static final String FEED = "disclosure.public.v1";
    static final Map<String, String> WORDING = Map.of("NO_PROBLEM", "未发现问题", "RECTIFICATION_ORDERED", "发现问题已责令整改",
            "CASE_OPENED", "发现违法行为已立案调查");

    static QuarterStory story;
    static Map<String, JsonNode> settingsBefore;
    static final Map<String, Figures> before = new LinkedHashMap<>();
    static Items items;
    static DrawRecords records;

    @BeforeAll
    static void city() {
        story = QuarterStory.onStack(Stack.gateway(), Stack.get().issuerUri());
        for (String district : List.of(XIHUA, SHANGSHUI)) before.put(district, Zhoukou.figures(district));
        story.orgUnits();
        settingsBefore = story.reviewBeforePublishing();
    }

    /** The other stories of this JVM find each district's disclosure settings as they were. */
    @AfterAll
    static void restoreSettings() {
        if (settingsBefore == null) return;
        settingsBefore.forEach((district, settings) -> expect(200, Stack.as(prefix(district) + ".head").put("/api/disclosure/settings", settings.toString())));
    }

    static String prefix(String district) {
        return district.equals(XIHUA) ? "xh" : "ss";
    }

    static Entity entity(String name) {
        return story.entities().stream().filter(e -> e.name().equals(name)).findFirst().orElseThrow();
    }

    static Visit visit(String name) {
        return story.visitsAssigned().stream().filter(v -> v.entity().name().equals(name)).findFirst().orElseThrow();
    }

    /** The districts of the officers on a visit's team. */
    static Set<String> homes(Visit visit) {
        return Set.copyOf(visit.team().stream().map(id -> story.officers().get(id).district()).toList());
    }

    @Test
    @Order(1)
    void the_districts_and_the_detachment_publish_their_lists_and_upload_their_rosters_as_workbooks() {
        items = story.itemLists();
        Map<String, String> inForce = Map.of(XIHUA, items.xihua(), SHANGSHUI, items.shangshui(), CITY, items.city());
        inForce.forEach((tenant, item) -> {
            List<String> ids = new ArrayList<>();
            expect(200, story.anonymous().get("/public/roster/items/" + tenant + "/" + Zhoukou.year())).body().get("items")
                    .forEach(i -> ids.add(i.get("id").asString()));
            assertThat(ids).as("the list in force in %s", tenant).contains(item);
        });

        List<Entity> entities = story.rosters();
        assertThat(entities).hasSize(6).extracting(Entity::district).containsOnly(XIHUA, SHANGSHUI);
        for (Entity e : entities) {
            JsonNode onRoster = expect(200, story.as(prefix(e.district()) + ".operator").get("/api/roster/entities?uscc=" + e.uscc())).body();
            assertThat(onRoster).as("%s on the roster of %s", e.name(), e.district()).singleElement()
                    .satisfies(r -> assertThat(r.get("name").asString()).isEqualTo(e.name()));
        }
        JsonNode key = expect(200, story.as("xh.operator").get("/api/roster/entities?uscc=" + entity("西华县恒泰热电有限公司").uscc())).body().get(0);
        assertThat(key.get("category").asString()).as("重点管理 permit: a key entity").isEqualTo("KEY");
        assertThat(expect(200, story.as("ss.operator").get("/api/roster/entities?uscc=" + entity("西华县利民砖厂").uscc())).body())
                .as("a district sees only its own roster").isEmpty();

        Map<String, String> accounts = new TreeMap<>();
        story.officers().values().forEach(o -> accounts.put(o.account(), o.district()));
        assertThat(accounts).containsExactlyInAnyOrderEntriesOf(Map.of("xh.inspector1", XIHUA, "xh.inspector2", XIHUA,
                "ss.inspector1", SHANGSHUI, "ss.inspector2", SHANGSHUI));
    }

    @Test
    @Order(2)
    void a_district_plan_and_the_detachments_cross_district_plan_are_drawn_from_committed_randomness() {
        QuarterStory.Plans plans = story.plans();
        JsonNode district = expect(200, story.as("xh.operator").get("/api/draw/plans/" + plans.district())).body();
        assertThat(district.get("tenant").asString()).isEqualTo(XIHUA);
        assertThat(district.get("status").asString()).isEqualTo("DRAFT");
        JsonNode cross = expect(200, story.as("city.coord").get("/api/draw/plans/" + plans.crossDistrict())).body();
        assertThat(cross.get("tenant").asString()).isEqualTo(CITY);
        expect(404, story.as("xh.operator").get("/api/draw/plans/" + plans.crossDistrict()));

        List<JsonNode> draws = story.draw();
        assertThat(draws).allSatisfy(d -> {
            assertThat(d.get("status").asString()).isEqualTo("EXECUTED");
            assertThat(d.get("resultDigest").asString()).matches("[0-9a-f]{64}");
        });

        story.visits();
        for (Entity e : story.entities()) {
            if (e.batch() == Batch.OPEN) continue;
            Visit v = visit(e.name());
            assertThat(v.tenant()).as("the visit to %s belongs to its district", e.name()).isEqualTo(e.district());
            assertThat(v.team()).as("two officers visit %s", e.name()).hasSize(2).doesNotHaveDuplicates();
            Set<String> home = homes(v);
            if (e.batch() == Batch.DISTRICT) {
                assertThat(home).as("西华县's own officers").containsExactly(XIHUA);
            } else {
                assertThat(home).as("异地交叉执法: officers from the other district visit %s", e.name()).singleElement().isNotEqualTo(e.district());
            }
        }
    }

    @Test
    @Order(3)
    void the_teams_record_their_visits_even_in_the_other_district() {
        List<Visit> recorded = story.record();
        assertThat(recorded).extracting(v -> v.entity().conclusion())
                .containsExactlyInAnyOrder("NO_PROBLEM", "RECTIFICATION_ORDERED", "CASE_OPENED", "NO_PROBLEM", "NO_PROBLEM");
        for (Visit v : recorded) {
            assertThat(expect(200, story.as(prefix(v.tenant()) + ".operator").get("/api/inspection/tasks/" + v.taskId())).body().get("state").asString())
                    .isEqualTo("SUBMITTED");
        }
        List<String> seenByXihuasInspector = new ArrayList<>();
        expect(200, story.as("xh.inspector1").get("/api/inspection/tasks")).body().forEach(t -> seenByXihuasInspector.add(t.get("taskId").asString()));
        assertThat(seenByXihuasInspector).as("xh.inspector1 sees the visit the detachment sent them to in 商水县")
                .contains(visit("商水县恒达纸业有限公司").taskId())
                .doesNotContain(visit("西华县鑫源塑业有限公司").taskId());
    }

    @Test
    @Order(4)
    void every_rectification_ordered_is_reported_on_and_closed_with_evidence() {
        List<JsonNode> closed = story.closeRectifications();
        assertThat(closed).hasSize(2).allSatisfy(r -> assertThat(r.get("status").asString()).isEqualTo("COMPLETED"));
        assertThat(closed).extracting(r -> r.get("taskId").asString())
                .containsExactlyInAnyOrder(visit("西华县利民砖厂").taskId(), visit("西华县顺发铸造有限公司").taskId());
    }

    @Test
    @Order(5)
    void the_heads_review_puts_the_results_in_public_worded_from_their_conclusions() {
        Map<String, JsonNode> published = story.reviewAndPublish();
        assertThat(published).hasSize(5);
        for (Entity e : story.entities()) {
            if (e.conclusion() == null) {
                assertThat(published).doesNotContainKey(e.uscc());
                continue;
            }
            JsonNode document = published.get(e.uscc()).get("document");
            assertThat(document.get("wording").asString()).as(e.name()).isEqualTo(WORDING.get(e.conclusion()));
            assertThat(document.get("period").asString()).isEqualTo(story.quarter());
            assertThat(document.get("version").asInt()).isEqualTo(1);
        }
    }

    @Test
    @Order(6)
    void a_correction_approved_by_the_head_is_published_as_a_new_version_and_the_old_one_stays_visible_as_superseded() {
        JsonNode approved = story.correct();
        assertThat(approved.get("status").asString()).isEqualTo("APPROVED");
        Visit corrected = visit("商水县恒达纸业有限公司");
        JsonNode history = expect(200, story.as("ss.operator").get("/api/inspection/tasks/" + corrected.taskId() + "/records")).body();
        assertThat(history).hasSize(2);
        assertThat(history.get(1).get("supersedes").asInt()).isEqualTo(1);
        assertThat(history.get(1).get("amendment").toString()).contains("漏记台账检查情况");

        JsonNode amended = story.reviewAndPublish().get(corrected.entity().uscc()).get("document");
        assertThat(amended.get("version").asInt()).isEqualTo(2);
        assertThat(amended.get("amended").asBoolean()).isTrue();
        JsonNode versions = expect(200, story.anonymous().get("/public/disclosure/entities/" + corrected.entity().uscc())).body().get("results");
        assertThat(versions).extracting(r -> r.get("state").asString()).containsExactly("PUBLISHED", "SUPERSEDED");
    }

    @Test
    @Order(7)
    void the_plans_closed_both_draw_records_verify_by_the_public_endpoint_and_by_verify_draw_and_a_tampered_one_does_not() throws Exception {
        records = story.discloseDraws();
        for (String record : List.of(records.district(), records.crossDistrict())) {
            JsonNode verified = verify(record);
            assertThat(verified.get("ok").asBoolean()).as(verified.toString()).isTrue();
            Drawing.Run ok = Drawing.verifyDraw(record);
            assertThat(ok.exit()).as(ok.toString()).isZero();
            assertThat(ok.output()).as(ok.toString()).isEqualTo("OK");
        }

        String tampered = tamperSelection(records.crossDistrict());
        JsonNode refuted = verify(tampered);
        assertThat(refuted.get("ok").asBoolean()).isFalse();
        Drawing.Run run = Drawing.verifyDraw(tampered);
        assertThat(run.exit()).as(run.toString()).isEqualTo(1);
        assertThat(run.output()).startsWith("FAIL " + refuted.get("firstMismatch").asString());
    }

    static JsonNode verify(String record) {
        return expect(200, story.anonymous().upload("POST", "/public/draw/verify", "application/json", record.getBytes(UTF_8))).body();
    }

    /** The record with its first selected entity swapped, in the output only, for an enterprise no roster holds. */
    static String tamperSelection(String record) {
        String selected = Api.JSON.readTree(record).get("output").get("selected").get(0).get("entity").asString();
        int output = record.indexOf("\"output\"");
        return record.substring(0, output) + record.substring(output).replaceFirst("\"" + selected + "\"", "\"" + Uscc.of(XIHUA, 1) + "\"");
    }

    @Test
    @Order(8)
    void work_is_left_open_a_visit_for_shangshuis_inspectors_and_a_xihua_draw_waiting_for_its_randomness() {
        OpenWork open = story.leaveWorkOpen();
        assertThat(expect(200, story.as("xh.operator").get("/api/draw/draws/" + open.scheduledDrawId())).body().get("status").asString())
                .isEqualTo("SCHEDULED");
        assertThat(homes(open.openVisit())).containsExactly(SHANGSHUI);
        for (String inspector : List.of("ss.inspector1", "ss.inspector2")) {
            List<String> assigned = new ArrayList<>();
            expect(200, story.as(inspector).get("/api/inspection/tasks")).body().forEach(t -> {
                if (t.get("state").asString().equals("ASSIGNED")) assigned.add(t.get("taskId").asString());
            });
            assertThat(assigned).as("%s has the open visit to do", inspector).contains(open.openVisit().taskId());
        }
        assertThat(story.as("xh.inspector1").get("/api/inspection/tasks/" + open.openVisit().taskId()).status())
                .as("another team's visit is not xh.inspector1's to see").isIn(403, 404);
    }

    /**
     * A credit system (信用平台) knows only the topic and its contracts: reading it from offset 0,
     * keyed by USCC (plans by their id), it rebuilds for this quarter's entities and plans what
     * the public API shows.
     */
    @Test
    @Order(9)
    void a_credit_system_reading_the_feed_from_offset_0_holds_what_the_public_api_shows_of_the_quarter() {
        List<Entity> recorded = story.entities().stream().filter(e -> e.conclusion() != null).toList();
        Map<String, Map<String, Object>> api = new LinkedHashMap<>();
        CreditSystem credit = Await.until(Duration.ofSeconds(120), "the feed to carry the quarter as the public API shows it", () -> {
            api.clear();
            recorded.forEach(e -> api.put(e.uscc(), apiView(e.uscc())));
            return CreditSystem.replay(feed());
        }, c -> recorded.stream().allMatch(e -> c.entity(e.uscc()).equals(api.get(e.uscc())))
                && c.plans.keySet().containsAll(List.of(story.plansMade().district(), story.plansMade().crossDistrict())));

        for (Entity e : recorded) {
            Map<String, Object> versions = credit.entity(e.uscc());
            assertThat(versions).as("%s as the credit system holds it", e.name()).hasSize(e.corrected() ? 2 : 1).isEqualTo(api.get(e.uscc()));
        }
        assertThat(credit.types).contains("cn.gov.mee.dsr.disclosure.plan-published.v1", "cn.gov.mee.dsr.disclosure.result-published.v1",
                "cn.gov.mee.dsr.disclosure.result-amended.v1");
        for (String planId : List.of(story.plansMade().district(), story.plansMade().crossDistrict())) {
            JsonNode fed = credit.plans.get(planId);
            String tenant = fed.get("tenant").asString();
            JsonNode shown = null;
            for (JsonNode p : expect(200, story.anonymous().get("/public/disclosure/plans?tenant=" + tenant + "&period=" + story.quarter())).body()) {
                if (p.get("planId").asString().equals(planId)) shown = p;
            }
            assertThat(fed).as("plan %s as fed and as shown", planId).isEqualTo(shown);
        }
        assertThat(credit.plans.get(story.plansMade().crossDistrict()).get("tenant").asString()).isEqualTo(CITY);
    }

    @Test
    @Order(10)
    void the_detachments_statistics_moved_by_exactly_what_the_quarter_did_in_each_district() {
        Map<String, Figures> expected = new LinkedHashMap<>();
        for (String district : List.of(XIHUA, SHANGSHUI)) {
            Figures moved = new Figures(0, 0, 0, 0);
            for (Visit v : story.visitsAssigned()) {
                if (!v.tenant().equals(district)) continue;
                boolean recorded = v.entity().conclusion() != null;
                moved = moved.plus(new Figures(1, recorded ? 1 : 0, v.entity().problemFound() ? 1 : 0, recorded ? 1 : 0));
            }
            expected.put(district, before.get(district).plus(moved));
        }
        assertThat(expected.get(XIHUA)).as("西华县: four visits recorded, two problems").isEqualTo(before.get(XIHUA).plus(new Figures(4, 4, 2, 4)));
        assertThat(expected.get(SHANGSHUI)).as("商水县: two drawn, one recorded").isEqualTo(before.get(SHANGSHUI).plus(new Figures(2, 1, 0, 1)));

        for (String district : expected.keySet()) {
            Figures after = Await.until(Zhoukou.WAIT, district + "'s figures to count the quarter", () -> Zhoukou.figures(district),
                    f -> f.equals(expected.get(district)));
            assertThat(after).isEqualTo(expected.get(district));
        }
    }

    /** An entity's published versions as the public API shows them: "resultId/version" → state and document. */
    static Map<String, Object> apiView(String uscc) {
        Map<String, Object> out = new TreeMap<>();
        Api.Response history = story.anonymous().get("/public/disclosure/entities/" + uscc);
        if (history.status() == 404) return out;
        expect(200, history).body().get("results").forEach(shown -> {
            JsonNode doc = shown.get("document");
            out.put(doc.get("resultId").asString() + "/" + doc.get("version").asInt(), List.of(shown.get("state").asString(), doc));
        });
        return out;
    }

    /** The feed from its beginning to its current end. */
    static List<ConsumerRecord<String, byte[]>> feed() {
        List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, Stack.get().kafkaBootstrap(),
                ConsumerConfig.GROUP_ID_CONFIG, "credit-system-" + UUID.randomUUID(),
                ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(FEED, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(FEED, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                consumer.poll(Duration.ofMillis(500)).forEach(out::add);
            }
        }
        return out;
    }

    /** What a credit system keeps: per result its versions' states and latest documents, per plan its document. */
    static final class CreditSystem {
        final Map<String, Map<Integer, String>> states = new HashMap<>();
        final Map<String, Map<Integer, JsonNode>> documents = new HashMap<>();
        final Map<String, String> usccOfResult = new HashMap<>();
        final Map<String, JsonNode> plans = new HashMap<>();
        final Set<String> types = new HashSet<>();

        /** Applies every record once (the feed is at least once: the event id is stable), checking how it travels. */
        static CreditSystem replay(List<ConsumerRecord<String, byte[]>> records) {
            CreditSystem credit = new CreditSystem();
            Set<String> seen = new HashSet<>();
            for (ConsumerRecord<String, byte[]> record : records) {
                assertThat(new String(record.headers().lastHeader("content-type").value(), UTF_8)).as("structured mode")
                        .startsWith("application/cloudevents+json");
                JsonNode ce = Api.JSON.readTree(record.value());
                assertThat(ce.get("specversion").asString()).isEqualTo("1.0");
                JsonNode data = ce.get("data");
                String expectedKey = data.has("entity") ? data.get("entity").get("uscc").asString() : data.get("planId").asString();
                assertThat(record.key()).as("keyed by the entity's USCC, a plan by its id").isEqualTo(expectedKey);
                if (seen.add(ce.get("id").asString())) credit.apply(ce);
            }
            return credit;
        }

        void apply(JsonNode ce) {
            JsonNode data = ce.get("data");
            String type = ce.get("type").asString();
            String subject = ce.get("subject").asString();
            types.add(type);
            switch (type) {
                case "cn.gov.mee.dsr.disclosure.plan-published.v1" -> plans.put(subject, data);
                case "cn.gov.mee.dsr.disclosure.result-published.v1", "cn.gov.mee.dsr.disclosure.result-amended.v1" -> {
                    int version = data.get("version").asInt();
                    usccOfResult.put(subject, data.get("entity").get("uscc").asString());
                    JsonNode known = documents.computeIfAbsent(subject, k -> new TreeMap<>()).get(version);
                    if (known == null || known.path("revision").asInt() < data.path("revision").asInt()) documents.get(subject).put(version, data);
                    states.computeIfAbsent(subject, k -> new TreeMap<>()).putIfAbsent(version, "PUBLISHED");
                    if (data.hasNonNull("supersedes")) states.get(subject).put(data.get("supersedes").asInt(), "SUPERSEDED");
                }
                case "cn.gov.mee.dsr.disclosure.result-withdrawn.v1" -> {
                    int version = data.get("version").asInt();
                    states.getOrDefault(subject, new TreeMap<>()).remove(version);
                    documents.getOrDefault(subject, new TreeMap<>()).remove(version);
                }
                default -> { } // the yearly list (list-published) is not this quarter's story
            }
        }

        /** The entity's published versions: "resultId/version" → state and document. */
        Map<String, Object> entity(String uscc) {
            Map<String, Object> out = new TreeMap<>();
            usccOfResult.forEach((resultId, owner) -> {
                if (!owner.equals(uscc)) return;
                states.getOrDefault(resultId, Map.of()).forEach((version, state) -> out.put(resultId + "/" + version, List.of(state, documents.get(resultId).get(version))));
            });
            return out;
        }
    }
}
