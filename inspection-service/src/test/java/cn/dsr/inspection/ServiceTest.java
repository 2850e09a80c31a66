package cn.dsr.inspection;

import static org.assertj.core.api.Assertions.assertThat;

import cn.dsr.contracts.EventContracts;
import cn.dsr.infra.ServiceDatabase;
import cn.dsr.platform.events.Event;
import cn.dsr.platform.events.KafkaCloudEvents;
import cn.dsr.platform.events.Topic;
import cn.dsr.platform.outbox.OutboxRelay;
import cn.dsr.testinfra.TestInfra;
import cn.dsr.testinfra.TopicReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * One running inspection-service for every service test (one Spring context, one database), fed
 * by a fake draw-service that publishes contract-valid events on draw.draws.v1. Tests keep to
 * their own task ids and districts, so they do not see each other's data.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient(timeout = "30s") // the shared build machines are often busy
public abstract class ServiceTest {

    protected static final TestInfra infra = TestInfra.get();
    protected static final ServiceDatabase db = infra.newDatabase("inspection");
    protected static final JsonMapper JSON = JsonMapper.builder().build();
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        infra.springProperties(db).forEach((k, v) -> registry.add(k, () -> v));
        registry.add("dsr.inspection.overdue-refresh", () -> "PT1S");
    }

    @Autowired
    protected WebTestClient web;

    /** A fresh id with a readable prefix, unique in this test JVM. */
    protected static String id(String prefix) {
        return prefix + "-" + SEQUENCE.incrementAndGet() + "-" + UUID.randomUUID().toString().substring(0, 6);
    }

    // ---- callers ----

    protected static String operator(String tenant) {
        return infra.issuer().token("op." + tenant, tenant, "DISTRICT_OPERATOR");
    }

    protected static String head(String tenant, String who) {
        return infra.issuer().token(who, tenant, "DISTRICT_HEAD");
    }

    protected static String coordinator(String city) {
        return infra.issuer().token("coord." + city, city, "CITY_COORDINATOR");
    }

    protected static String inspector(String tenant, String inspectorId) {
        return infra.issuer().tokenFor(inspectorId.toLowerCase()).tenant(tenant).roles("INSPECTOR").claim("inspector_id", inspectorId).sign();
    }

    // ---- the fake draw-service ----

    public record Member(String inspectorId, String name, String kind, String district) {}

    public record DrawnEntity(String uscc, String name, String address, String district, String category) {}

    public record DrawnItem(String planId, String itemId, String itemName) {}

    public record Visit(String visitId, DrawnEntity entity, List<DrawnItem> items, String method, Object joint, List<Member> inspectors) {}

    record DrawExecuted(String drawId, String tenant, String level, String period, OffsetDateTime executedAt, long rosterRevision,
                        String inputDigest, String resultDigest, List<Visit> visits) {}

    record InspectorReplaced(String drawId, String visitId, String tenant, String replaced, Member substitute, String reason,
                             String comment, String requestedBy, String approvedBy, OffsetDateTime approvedAt) {}

    record DrawCancelled(String drawId, String tenant, String period, boolean executed, String reason, String requestedBy,
                         OffsetDateTime requestedAt, String approvedBy, OffsetDateTime approvedAt) {}

    /** A joint visit (进一次门、查多项事) of two plans, three items, checked on site by a team. */
    protected static Visit visit(String visitId, String district, Member... team) {
        return new Visit(visitId, new DrawnEntity("91" + district + "MA44AB1X2K", "某化工有限公司 " + visitId, "工业园区 1 号", district, "KEY"),
                List.of(new DrawnItem("P-1", "ITEM-WASTE", "危险废物规范化管理"),
                        new DrawnItem("P-1", "ITEM-AIR", "大气污染防治设施运行"),
                        new DrawnItem("P-2", "ITEM-WASTE", "危险废物规范化管理")),
                "ON_SITE", null, List.of(team));
    }

    protected static Event drawExecuted(String drawId, String tenant, String level, String period, Visit... visits) {
        return send(InspectionEvents.DRAW_EXECUTED, drawId, tenant, new DrawExecuted(drawId, tenant, level, period, OffsetDateTime.now(), 7,
                "a".repeat(64), "b".repeat(64), List.of(visits)));
    }

    protected static void inspectorReplaced(String drawId, String visitId, String tenant, String replaced, Member substitute) {
        send(InspectionEvents.INSPECTOR_REPLACED, drawId, tenant, new InspectorReplaced(drawId, visitId, tenant, replaced, substitute,
                "HEALTH", "住院", "op." + tenant, "head." + tenant, OffsetDateTime.now()));
    }

    protected static void drawCancelled(String drawId, String tenant, String period) {
        send(InspectionEvents.DRAW_CANCELLED, drawId, tenant, new DrawCancelled(drawId, tenant, period, true, "抽查对象名录有误",
                "op." + tenant, OffsetDateTime.now(), "head." + tenant, OffsetDateTime.now()));
    }

    /** Publishes one event as draw-service would, after checking it against its contract. */
    protected static Event send(String type, String key, String tenant, Object payload) {
        return publish(InspectionEvents.DRAWS, type, key, tenant, payload);
    }

    /** Publishes one event on a topic as the service owning it would, after checking it against its contract. */
    protected static Event publish(Topic topic, String type, String key, String tenant, Object payload) {
        byte[] data = JSON.writeValueAsBytes(payload);
        assertThat(EventContracts.violations(type, data)).as("the fake event conforms to %s", type).isEmpty();
        String owner = topic.name().substring(0, topic.name().indexOf('.'));
        Event event = new Event(UUID.randomUUID(), URI.create("/dsr/" + owner), type, OffsetDateTime.now(), key, tenant,
                URI.create("urn:dsr:schema:" + type), null, data);
        resend(topic, event);
        return event;
    }

    protected static void resend(Event event) {
        resend(InspectionEvents.DRAWS, event);
    }

    private static void resend(Topic topic, Event event) {
        try (Producer<String, byte[]> producer = OutboxRelay.defaultProducer(infra.kafkaBootstrap(), "fake-" + topic.name())) {
            producer.send(KafkaCloudEvents.toRecord(topic.name(), event.subject(), event)).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A drawn on-site visit and its two officers. */
    public record Team(String taskId, String zhang, String li) {}

    /** Draws one visit in a district, with a team of two officers, and waits until it is a task. */
    protected Team drawnVisit(String district) {
        Team team = new Team(id("V"), id("INS"), id("INS"));
        drawExecuted(id("D"), district, "DISTRICT", "2026Q4", visit(team.taskId(), district,
                new Member(team.zhang(), "张伟", "OFFICER", district), new Member(team.li(), "李娜", "OFFICER", district)));
        awaitTask(operator(district), team.taskId());
        return team;
    }

    /** Submits a record as a member of the visit's team. */
    protected WebTestClient.ResponseSpec submit(String token, String taskId, String key, Object record) {
        return web.post().uri("/api/inspection/tasks/" + taskId + "/record")
                .headers(h -> {
                    h.setBearerAuth(token);
                    if (key != null) h.set("Idempotency-Key", key);
                })
                .contentType(MediaType.APPLICATION_JSON).bodyValue(record).exchange();
    }

    /** Uploads an evidence file as its own body, typed by its Content-Type. */
    protected WebTestClient.ResponseSpec upload(String token, String taskId, String contentType, byte[] content) {
        return web.post().uri("/api/inspection/tasks/" + taskId + "/evidence?filename=photo.jpg").headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.parseMediaType(contentType)).bodyValue(content).exchange();
    }

    /** A small JPEG: its signature and a few bytes. */
    protected static byte[] jpeg(String text) {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[body.length + 4];
        out[0] = (byte) 0xFF;
        out[1] = (byte) 0xD8;
        out[2] = (byte) 0xFF;
        out[3] = (byte) 0xE0;
        System.arraycopy(body, 0, out, 4, body.length);
        return out;
    }

    /** Waits until the caller can read the task: the inbox has applied the draw. */
    protected void awaitTask(String token, String taskId) {
        awaitStatus(token, "/api/inspection/tasks/" + taskId, HttpStatus.OK);
    }

    protected void awaitStatus(String token, String uri, HttpStatus wanted) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            HttpStatus status = HttpStatus.valueOf(web.get().uri(uri).headers(h -> h.setBearerAuth(token)).exchange()
                    .returnResult(byte[].class).getStatus().value());
            if (status == wanted) return;
            if (System.nanoTime() > deadline) throw new AssertionError(uri + " stayed " + status + ", wanted " + wanted);
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

    // ---- the database, as its owner or as the service's role ----

    protected static long count(String sql) {
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.ownerUser(), db.ownerPassword());
             Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- what the service published ----

    /** Reads a topic from the start until a record matching the predicate has been seen; returns all matching. */
    protected static List<ConsumerRecord<String, byte[]>> published(String topic, Predicate<ConsumerRecord<String, byte[]>> wanted, int atLeast) {
        return TopicReader.readUntil(infra.kafkaBootstrap(), topic, read -> read.stream().filter(wanted).count() >= atLeast)
                .stream().filter(wanted).toList();
    }

    protected static String type(ConsumerRecord<String, byte[]> record) {
        return new String(record.headers().lastHeader("ce_type").value(), StandardCharsets.UTF_8);
    }

    /** Every event of the list conforms to the JSON Schema of its type. */
    protected static void assertConform(List<ConsumerRecord<String, byte[]>> records) {
        for (ConsumerRecord<String, byte[]> record : records) {
            assertThat(EventContracts.violations(type(record), record.value()))
                    .as("%s conforms to its contract: %s", type(record), new String(record.value(), StandardCharsets.UTF_8)).isEmpty();
        }
    }
}
