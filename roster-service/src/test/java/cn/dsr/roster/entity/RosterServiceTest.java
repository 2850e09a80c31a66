package cn.dsr.roster.entity;

import static org.assertj.core.api.Assertions.assertThat;

import cn.dsr.contracts.EventContracts;
import cn.dsr.infra.ServiceDatabase;
import cn.dsr.testinfra.TestInfra;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The service-level tests of the rosters share one database and one application context (the
 * same properties make Spring reuse it), so each test works in districts and codes of its own
 * and asserts on what it wrote, never on totals.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient(timeout = "PT30S") // generous: CI shares 2 cores with PostgreSQL and Kafka
public abstract class RosterServiceTest {

    protected static final TestInfra infra = TestInfra.get();
    protected static final ServiceDatabase db = infra.newDatabase("roster");
    public static final String CITY = "411600";
    private static final AtomicInteger codes = new AtomicInteger();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        infra.springProperties(db).forEach((k, v) -> registry.add(k, () -> v));
    }

    @Autowired
    protected WebTestClient web;

    protected static String cityCoordinator() {
        return infra.issuer().token("city.coord", CITY, "CITY_COORDINATOR");
    }

    protected static String operator(String district) {
        return infra.issuer().token("op." + district, district, "DISTRICT_OPERATOR");
    }

    protected static String head(String district) {
        return infra.issuer().token("head." + district, district, "DISTRICT_HEAD");
    }

    /** A fresh, distinct, valid USCC registered in the district. */
    protected static String newUscc(String district) {
        return UsccSamples.nth(district, codes.incrementAndGet());
    }

    /** The city detachment and the given districts as org units (idempotent: 409 for existing ones is fine). */
    protected void districts(String... codes) {
        post(cityCoordinator(), "/api/roster/org-units", "{\"code\":\"" + CITY + "\",\"name\":\"周口市生态环境综合行政执法支队\",\"kind\":\"CITY\"}");
        for (String code : codes) {
            post(cityCoordinator(), "/api/roster/org-units",
                    "{\"code\":\"" + code + "\",\"name\":\"分局 " + code + "\",\"kind\":\"DISTRICT\",\"parentCode\":\"" + CITY + "\"}");
        }
    }

    protected WebTestClient.ResponseSpec post(String token, String uri, String json) {
        return web.post().uri(uri).headers(h -> h.setBearerAuth(token)).contentType(MediaType.APPLICATION_JSON).bodyValue(json).exchange();
    }

    protected WebTestClient.ResponseSpec put(String token, String uri, String json) {
        return web.put().uri(uri).headers(h -> h.setBearerAuth(token)).contentType(MediaType.APPLICATION_JSON).bodyValue(json).exchange();
    }

    protected WebTestClient.ResponseSpec get(String token, String uri) {
        return web.get().uri(uri).headers(h -> h.setBearerAuth(token)).exchange();
    }

    protected static long count(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.ownerUser(), db.ownerPassword());
             Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Reads the topic from the start until every wanted key has been seen (or 30 s passed). */
    protected static List<ConsumerRecord<String, byte[]>> consume(String topic, Collection<String> keys) {
        Properties props = new Properties();
        props.put("bootstrap.servers", infra.kafkaBootstrap());
        props.put("group.id", "test-" + System.nanoTime());
        props.put("auto.offset.reset", "earliest");
        props.put("key.deserializer", "org.apache.kafka.common.serialization.StringDeserializer");
        props.put("value.deserializer", "org.apache.kafka.common.serialization.ByteArrayDeserializer");
        List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
        Set<String> missing = new HashSet<>(keys);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.currentTimeMillis() + 30_000;
            while (!missing.isEmpty() && System.currentTimeMillis() < deadline) {
                consumer.poll(Duration.ofMillis(300)).forEach(r -> {
                    if (keys.contains(r.key())) {
                        out.add(r);
                        missing.remove(r.key());
                    }
                });
            }
        }
        assertThat(missing).as("keys never published on " + topic).isEmpty();
        return out;
    }

    /** Every record is a CloudEvent of the type, with a tenant, and its payload meets the contract. */
    protected static void assertConforms(List<ConsumerRecord<String, byte[]>> records, String type) {
        for (ConsumerRecord<String, byte[]> record : records) {
            assertThat(new String(record.headers().lastHeader("ce_type").value())).isEqualTo(type);
            assertThat(record.headers().lastHeader("ce_tenant")).isNotNull();
            assertThat(EventContracts.violations(type, record.value())).as(new String(record.value())).isEmpty();
        }
    }
}
