package cn.dsr.disclosure;

import static org.assertj.core.api.Assertions.assertThat;

import cn.dsr.contracts.EventContracts;
import cn.dsr.infra.ServiceDatabase;
import cn.dsr.platform.events.Event;
import cn.dsr.platform.events.KafkaCloudEvents;
import cn.dsr.platform.events.Topic;
import cn.dsr.platform.outbox.OutboxRelay;
import cn.dsr.testinfra.TestInfra;
import java.net.URI;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.apache.kafka.clients.producer.Producer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One running disclosure-service for every service test, fed by fake draw-, inspection- and
 * roster-services that publish contract-valid events on their real topics. Each test keeps to its
 * own districts, entities and ids, so tests do not see each other's data.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {"dsr.disclosure.auto-publish-every=PT1H", "dsr.disclosure.awaiting-refresh=PT1S"})
@AutoConfigureWebTestClient(timeout = "PT30S") // the shared build machines are often busy
public abstract class ServiceTest {

    protected static final TestInfra infra = TestInfra.get();
    protected static final ServiceDatabase db = infra.newDatabase("disclosure");
    protected static final JsonMapper JSON = JsonMapper.builder().build();
    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static final Producer<String, byte[]> PRODUCER = OutboxRelay.defaultProducer(infra.kafkaBootstrap(), "fake-services");

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        infra.springProperties(db).forEach((k, v) -> registry.add(k, () -> v));
    }

    @Autowired
    protected WebTestClient web;

    protected static int next() {
        return SEQUENCE.incrementAndGet();
    }

    protected static String id(String prefix) {
        return prefix + "-" + next() + "-" + UUID.randomUUID().toString().substring(0, 6);
    }

    /** A valid unified social credit code, unique in this JVM. */
    protected static String uscc(String district) {
        return String.format("91%sMA%08d", district, next());
    }

    /** A district code of its own for each test: 41 16 xx, xx from 30 on. */
    protected static String district() {
        return String.format("4116%02d", 30 + next() % 60);
    }

    protected static LocalDate today() {
        return LocalDate.now(Quarter.CHINA);
    }

    // ---- callers

    protected static String operator(String tenant) {
        return infra.issuer().token("op." + tenant, tenant, "DISTRICT_OPERATOR");
    }

    protected static String head(String tenant) {
        return infra.issuer().token("head." + tenant, tenant, "DISTRICT_HEAD");
    }

    protected static String coordinator(String city) {
        return infra.issuer().token("coord." + city, city, "CITY_COORDINATOR");
    }

    // ---- the fake services

    /** Publishes one event as its service would, after checking it against its contract. */
    protected static void send(Topic topic, String type, String key, String tenant, Object payload) {
        byte[] data = JSON.writeValueAsBytes(payload);
        assertThat(EventContracts.violations(type, data)).as("the fake event conforms to %s", type).isEmpty();
        Event event = new Event(UUID.randomUUID(), URI.create("/dsr/fake"), type, OffsetDateTime.now(), key, tenant,
                URI.create("urn:dsr:schema:" + type), null, data);
        try {
            PRODUCER.send(KafkaCloudEvents.toRecord(topic.name(), key, event)).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    protected static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
        return m;
    }

    protected static void planPublished(String planId, String tenant, String period, String drawId, String creditRisk, int minCount) {
        send(DisclosureEvents.PLANS, DisclosureEvents.PLAN_PUBLISHED_IN, planId, tenant, map(
                "planId", planId, "tenant", tenant, "level", "DISTRICT", "period", period, "series", null,
                "title", period + " 污染源日常环境监管随机抽查计划", "drawId", drawId,
                "items", List.of(map("itemId", "ITEM-WASTE", "itemName", "危险废物规范化管理"), map("itemId", "ITEM-AIR", "itemName", "大气污染防治设施运行")),
                "scope", map("categories", List.of("KEY"), "creditRisks", List.of(), "industries", List.of(), "tags", List.of(),
                        "districts", List.of(tenant), "registeredBefore", null, "statuses", List.of("ACTIVE")),
                "strata", List.of(map("id", planId + "/KEY" + (creditRisk == null ? "" : "/" + creditRisk), "category", "KEY",
                        "creditRisk", creditRisk, "ratioBp", 2500, "minCount", minCount, "coverage", false)),
                "exclusions", map("annualCap", 2, "excludeHigherLevelChecked", false, "positiveListOffSite", true),
                "directed", true, "method", "ON_SITE", "joint", null, "teamSize", 2, "capBp", 5000,
                "publishedAt", OffsetDateTime.now(ZoneOffset.UTC).toString()));
    }

    protected static void drawScheduled(String drawId, String tenant, String period, String... planIds) {
        send(DisclosureEvents.DRAWS, DisclosureEvents.DRAW_SCHEDULED, drawId, tenant, map(
                "drawId", drawId, "tenant", tenant, "level", "DISTRICT", "period", period, "planIds", List.of(planIds),
                "inputDigest", "a".repeat(64), "rosterRevision", 7, "rosterRevisions", tenant + "-roster-r7",
                "sources", List.of(map("source", "party:" + tenant + "-head", "commitment", "c".repeat(64)), map("source", "lottery:福彩3D:2026-04-01", "commitment", null)),
                "replaces", null, "scheduledAt", OffsetDateTime.now(ZoneOffset.UTC).toString()));
    }

    public record DrawnVisit(String visitId, String uscc, String name, String district, String planId, String stratum, boolean joint) {}

    protected static void drawExecuted(String drawId, String tenant, String period, DrawnVisit... visits) {
        List<Object> vs = new ArrayList<>();
        for (DrawnVisit v : visits) {
            vs.add(map("visitId", v.visitId(), "entity", map("uscc", v.uscc(), "name", v.name(), "address", "工业园区 1 号", "district", v.district(), "category", "KEY"),
                    "items", List.of(map("planId", v.planId(), "stratum", v.stratum(), "itemId", "ITEM-WASTE", "itemName", "危险废物规范化管理"),
                            map("planId", v.planId(), "stratum", v.stratum(), "itemId", "ITEM-AIR", "itemName", "大气污染防治设施运行")),
                    "method", "ON_SITE", "joint", v.joint() ? map("kind", "INTERNAL", "initiating", "执法一中队", "cooperating", List.of("监测站")) : null,
                    "inspectors", List.of()));
        }
        send(DisclosureEvents.DRAWS, DisclosureEvents.DRAW_EXECUTED, drawId, tenant, map(
                "drawId", drawId, "tenant", tenant, "level", "DISTRICT", "period", period, "executedAt", OffsetDateTime.now(ZoneOffset.UTC).toString(),
                "rosterRevision", 7, "inputDigest", "a".repeat(64), "resultDigest", "b".repeat(64), "replaces", null, "visits", vs));
    }

    /** A record of a random visit as inspection-service submits it (version 1) or amends it (version ≥ 2). */
    public record Record(String taskId, String drawId, String tenant, String uscc, String name, LocalDate inspectionDate,
                         String conclusion, List<String> confidentiality, int version, LocalDate dueDate, OffsetDateTime submittedAt) {

        public Record(String taskId, String drawId, String tenant, String uscc, String name, LocalDate inspectionDate, String conclusion,
                      String... confidentiality) {
            this(taskId, drawId, tenant, uscc, name, inspectionDate, conclusion, Arrays.asList(confidentiality), 1,
                    inspectionDate.plusDays(28), OffsetDateTime.now(ZoneOffset.UTC));
        }

        public Record amended(int version, String conclusion, String... confidentiality) {
            return new Record(taskId, drawId, tenant, uscc, name, inspectionDate, conclusion, Arrays.asList(confidentiality), version, dueDate, submittedAt);
        }

        public Record submitted(OffsetDateTime at) {
            return new Record(taskId, drawId, tenant, uscc, name, inspectionDate, conclusion, confidentiality, version, dueDate, at);
        }
    }

    protected static void recorded(Record r) {
        boolean problem = r.conclusion().equals("RECTIFICATION_ORDERED") || r.conclusion().equals("CASE_OPENED");
        boolean met = problem || r.conclusion().equals("NO_PROBLEM");
        Map<String, Object> payload = map(
                "recordId", UUID.randomUUID().toString(), "taskId", r.taskId(), "drawId", r.drawId(), "tenant", r.tenant(),
                "entity", map("uscc", r.uscc(), "name", r.name(), "district", r.tenant()), "random", true, "targetedReason", null,
                "inspectionDate", r.inspectionDate().toString(), "submittedAt", r.submittedAt().toString(), "dueDate", r.dueDate().toString(),
                "conclusion", r.conclusion(),
                "findings", List.of(
                        map("itemId", "ITEM-WASTE", "planId", "P", "finding", problem ? "PROBLEM_FOUND" : met ? "COMPLIANT" : "NOT_APPLICABLE",
                                "description", problem ? "危废贮存间未设置识别标志，工艺配方见附件" : null, "provision", problem ? "《固体废物污染环境防治法》第七十七条" : null),
                        map("itemId", "ITEM-AIR", "planId", "P", "finding", met ? "COMPLIANT" : "NOT_APPLICABLE", "description", null, "provision", null)),
                "measures", problem ? List.of("ORDER_TO_RECTIFY") : List.of(), "inspectors", List.of("INS-1", "INS-2"),
                "confidentiality", r.confidentiality(), "version", r.version());
        String type = DisclosureEvents.SUBMITTED;
        if (r.version() > 1) {
            type = DisclosureEvents.AMENDED;
            payload.put("supersedes", r.version() - 1);
            payload.put("amendment", map("reason", "笔误更正", "requestedBy", "op." + r.tenant(), "approvedBy", "head." + r.tenant(),
                    "approvedAt", OffsetDateTime.now(ZoneOffset.UTC).toString(), "comment", null));
        }
        send(DisclosureEvents.RECORDS, type, r.taskId(), r.tenant(), payload);
    }

    protected static void rectificationUpdated(Record r, String change, String status, LocalDate deadline) {
        send(DisclosureEvents.FOLLOW_UP, DisclosureEvents.RECTIFICATION_UPDATED, r.taskId(), r.tenant(), map(
                "rectificationId", UUID.randomUUID().toString(), "taskId", r.taskId(), "recordId", UUID.randomUUID().toString(), "tenant", r.tenant(),
                "entity", map("uscc", r.uscc(), "name", r.name(), "district", r.tenant()), "random", true, "change", change, "status", status,
                "orderedOn", r.inspectionDate().toString(), "deadline", deadline.toString(),
                "problems", List.of(map("itemId", "ITEM-WASTE", "description", "危废贮存间未设置识别标志", "provision", null)),
                "progress", null, "completion", null, "note", null, "updatedBy", "op." + r.tenant(), "updatedAt", OffsetDateTime.now(ZoneOffset.UTC).toString()));
    }

    protected static void caseOpened(Record r, String caseNumber) {
        send(DisclosureEvents.FOLLOW_UP, DisclosureEvents.CASE_OPENED, r.taskId(), r.tenant(), map(
                "caseId", UUID.randomUUID().toString(), "taskId", r.taskId(), "recordId", UUID.randomUUID().toString(), "tenant", r.tenant(),
                "entity", map("uscc", r.uscc(), "name", r.name(), "district", r.tenant()), "random", true, "caseNumber", caseNumber,
                "openedOn", r.inspectionDate().plusDays(3).toString(), "recordedBy", "op." + r.tenant(), "recordedAt", OffsetDateTime.now(ZoneOffset.UTC).toString()));
    }

    protected static void entityState(String tenant, String uscc, String name, String category, String status, long revision) {
        String id = UUID.nameUUIDFromBytes(uscc.getBytes()).toString();
        send(DisclosureEvents.ENTITIES, DisclosureEvents.ENTITY_STATE, id, tenant, map(
                "id", id, "tenant", tenant, "uscc", uscc, "name", name, "address", "工业园区 2 号", "district", tenant, "status", status,
                "tags", map("supervisionTypes", List.of(), "pollutantKinds", List.of(), "positiveList", false, "flags", List.of()),
                "category", category, "offSite", false, "categorySource", "DEFAULT", "categoryExplanation", "无规则命中，默认一般",
                "rosterRevision", revision));
    }

    // ---- reading what the service shows

    protected JsonNode getJson(String uri) {
        byte[] body = web.get().uri(uri).exchange().expectStatus().isOk().expectBody().returnResult().getResponseBody();
        return JSON.readTree(body);
    }

    protected JsonNode getJson(String token, String uri) {
        byte[] body = web.get().uri(uri).headers(h -> h.setBearerAuth(token)).exchange().expectStatus().isOk().expectBody().returnResult().getResponseBody();
        return JSON.readTree(body);
    }

    protected int status(String uri) {
        return web.get().uri(uri).exchange().returnResult(byte[].class).getStatus().value();
    }

    /** Polls a public URI until it answers 200 and the body satisfies the condition. */
    protected JsonNode await(String uri, Predicate<JsonNode> done) {
        long deadline = System.nanoTime() + Duration.ofSeconds(45).toNanos();
        while (true) {
            var result = web.get().uri(uri).exchange().expectBody().returnResult();
            if (result.getStatus().value() == 200) {
                JsonNode body = JSON.readTree(result.getResponseBody());
                if (done.test(body)) return body;
            }
            if (System.nanoTime() > deadline) throw new AssertionError(uri + " did not reach the expected state: " + result.getStatus());
            sleep(150);
        }
    }

    /** Records a first version and waits until it is public. */
    protected Record published(String district, String name, LocalDate inspected, String conclusion, String... confidentiality) {
        Record r = new Record(id("V"), id("D"), district, uscc(district), name, inspected, conclusion, confidentiality);
        recorded(r);
        awaitHistory(r.uscc(), 1);
        return r;
    }

    /** The entity's history once it shows {@code n} published versions. */
    protected JsonNode awaitHistory(String uscc, int n) {
        return await("/public/disclosure/entities/" + uscc, h -> h.path("results").size() == n);
    }

    /** Waits until an internal table, read as its owner, shows what the consumers should have written. */
    protected static void awaitCount(String sql, long wanted) {
        long deadline = System.nanoTime() + Duration.ofSeconds(45).toNanos();
        while (count(sql) != wanted) {
            if (System.nanoTime() > deadline) throw new AssertionError(sql + " stayed at " + count(sql) + ", wanted " + wanted);
            sleep(150);
        }
    }

    protected static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A number from the service's database, read as its owner beneath row-level security. */
    protected static long count(String sql) {
        return db.countAsOwner(sql);
    }
}
