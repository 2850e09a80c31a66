package cn.dsr.draw;

import static org.assertj.core.api.Assertions.assertThat;

import cn.dsr.contracts.EventContracts;
import cn.dsr.draw.core.Hashes;
import cn.dsr.draw.draw.Draw;
import cn.dsr.draw.draw.Visit;
import cn.dsr.draw.plan.Plan;
import cn.dsr.infra.ServiceDatabase;
import cn.dsr.platform.events.Event;
import cn.dsr.platform.events.KafkaCloudEvents;
import cn.dsr.platform.outbox.OutboxRelay;
import cn.dsr.testinfra.TestInfra;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.Producer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The service tests' shared base: one database, one application context (every test class
 * inherits the same configuration, so Spring reuses it), and the helpers that play roster-service
 * and inspection-service by sending their events. Each test class works in tenants of its own.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient(timeout = "PT30S") // generous: CI shares 2 cores with PostgreSQL and Kafka
public abstract class DrawServiceTest {

    protected static final TestInfra infra = TestInfra.get();
    protected static final ServiceDatabase db = infra.newDatabase("draw");

    /** Plans are for the coming year, so every quarter of it is still open. */
    protected static final int YEAR = LocalDate.now(ZoneId.of("Asia/Shanghai")).getYear() + 1;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        infra.springProperties(db).forEach((k, v) -> registry.add(k, () -> v));
    }

    @Autowired
    protected WebTestClient web;

    protected static String token(String subject, String tenant, String... roles) {
        return infra.issuer().token(subject, tenant, roles);
    }

    protected static String operator(String tenant) {
        return token("op-" + tenant, tenant, "DISTRICT_OPERATOR");
    }

    protected static String head(String tenant, String name) {
        return token(name, tenant, "DISTRICT_HEAD");
    }

    protected static String coordinator(String city) {
        return token("coord-" + city, city, "CITY_COORDINATOR");
    }

    // ---- playing the other services

    protected static Event event(String type, String subject, String tenant, String json) {
        return new Event(UUID.randomUUID(), URI.create("/dsr/test"), type, OffsetDateTime.now(), subject, tenant,
                URI.create("urn:dsr:schema:" + type), null, json.getBytes(StandardCharsets.UTF_8));
    }

    protected static void send(String topic, List<Event> events) {
        try (Producer<String, byte[]> producer = OutboxRelay.defaultProducer(infra.kafkaBootstrap(), "test-feed")) {
            for (Event e : events) {
                assertThat(EventContracts.violations(e.type(), e.data())).as("the fake %s conforms to its contract", e.type()).isEmpty();
                producer.send(KafkaCloudEvents.toRecord(topic, e.subject(), e)).get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot send test events", e);
        }
    }

    /** A unified social credit code shaped like GB 32100 (the draw needs the shape, not the check character). */
    protected static String uscc(String tenant, int n) {
        return "91" + tenant + "MA" + "%08d".formatted(n);
    }

    /** Waits until an owner-side count (beneath row-level security) reaches the expected value. */
    protected static void awaitCount(String sql, long expected) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        long seen = db.countAsOwner(sql);
        while (seen != expected && System.nanoTime() < deadline) {
            sleep(100);
            seen = db.countAsOwner(sql);
        }
        assertThat(seen).as(sql).isEqualTo(expected);
    }

    protected static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Runs a statement as the database owner (the migrations' role), e.g. to try what the service role may not. */
    protected static void asOwner(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.ownerUser(), db.ownerPassword());
             Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    protected static void asApp(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.appUser(), db.appPassword());
             Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    // ---- randomness

    protected static final String BUREAU_SECRET = "3c1f6a0e9b4d2785f0a1c3e5b7d90246a8ce13f57b9d02468ace13579bdf0246";
    protected static final String OBSERVER_SECRET = "e7b2d4f6081a3c5e70921b4d6f8a0c2e4f6a8b0c1d2e3f405162738495a6b7c8";

    /** Two committed parties and a lottery result: the sources of most test draws. */
    protected static String sources(String lotteryDate) {
        return """
                [{"source":"party:bureau","commitment":"%s"},{"source":"party:observer","commitment":"%s"},
                 {"source":"lottery:fc3d:%s"}]""".formatted(Hashes.commitment("bureau", BUREAU_SECRET),
                Hashes.commitment("observer", OBSERVER_SECRET), lotteryDate);
    }

    protected WebTestClient.ResponseSpec post(String token, String uri, String json) {
        return web.post().uri(uri).headers(h -> h.setBearerAuth(token)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(json).exchange();
    }

    protected WebTestClient.ResponseSpec get(String token, String uri) {
        return web.get().uri(uri).headers(h -> h.setBearerAuth(token)).exchange();
    }

    // ---- the steps of a draw, for scenarios

    /** Creates a quarterly plan and answers its id. */
    protected String plan(String token, String json) {
        return post(token, "/api/draw/plans", json).expectStatus().isCreated()
                .expectBodyList(Plan.class).returnResult().getResponseBody().get(0).id();
    }

    protected Draw schedule(String token, String lotteryDate, String... planIds) {
        String plans = Arrays.stream(planIds).map(id -> "\"" + id + "\"").collect(Collectors.joining(","));
        return post(token, "/api/draw/draws", "{\"plans\":[" + plans + "],\"sources\":" + sources(lotteryDate) + "}")
                .expectStatus().isCreated().expectBody(Draw.class).returnResult().getResponseBody();
    }

    /** Both parties reveal their secrets and the head (or the coordinator) enters the lottery result. */
    protected void reveal(Draw draw, String headToken) {
        String uri = "/api/draw/draws/" + draw.id() + "/randomness";
        post(operator(draw.tenant()), uri, "{\"source\":\"party:bureau\",\"value\":\"" + BUREAU_SECRET + "\"}").expectStatus().isOk();
        post(operator(draw.tenant()), uri, "{\"source\":\"party:observer\",\"value\":\"" + OBSERVER_SECRET + "\"}").expectStatus().isOk();
        String lottery = draw.sources().stream().map(Draw.SourceState::source)
                .filter(s -> s.startsWith("lottery:")).findFirst().orElseThrow();
        post(headToken, uri, "{\"source\":\"" + lottery + "\",\"value\":\"508\"}").expectStatus().isOk();
    }

    protected Draw execute(String token, String drawId) {
        return post(token, "/api/draw/draws/" + drawId + "/execute", "").expectStatus().isOk()
                .expectBody(Draw.class).returnResult().getResponseBody();
    }

    /** Schedules, reveals and executes a district draw of these plans. */
    protected Draw drawn(String tenant, String lotteryDate, String... planIds) {
        Draw draw = schedule(operator(tenant), lotteryDate, planIds);
        reveal(draw, head(tenant, "head-" + tenant));
        return execute(operator(tenant), draw.id());
    }

    /** The visits of a draw, read by its operator (a logged read while undisclosed). */
    protected List<Visit> visits(String tenant, String drawId) {
        return get(operator(tenant), "/api/draw/draws/" + drawId + "/visits?purpose=test").expectStatus().isOk()
                .expectBodyList(Visit.class).returnResult().getResponseBody();
    }

    /** The record of a draw, read by its operator (a logged read while undisclosed). */
    protected String record(String tenant, String drawId) {
        return get(operator(tenant), "/api/draw/draws/" + drawId + "/record?purpose=test").expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
    }
}
