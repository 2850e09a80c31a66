package cn.dsr.draw.replica;

import static org.assertj.core.api.Assertions.assertThat;

import cn.dsr.infra.ServiceDatabase;
import cn.dsr.platform.events.Event;
import cn.dsr.platform.events.KafkaCloudEvents;
import cn.dsr.platform.outbox.OutboxRelay;
import cn.dsr.testinfra.TestInfra;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.producer.Producer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient(timeout = "PT30S") // generous: CI shares 2 cores with PostgreSQL and Kafka
class RosterReplicaTest {

    static final TestInfra infra = TestInfra.get();
    static final ServiceDatabase db = infra.newDatabase("draw");

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        infra.springProperties(db).forEach((k, v) -> registry.add(k, () -> v));
    }

    @Autowired
    WebTestClient web;

    static Event orgUnitState(String code, String name, String tenant, long revision) {
        String json = """
                {"code":"%s","name":"%s","kind":"DISTRICT","parentCode":"411600","tenant":"%s","status":"ACTIVE","rosterRevision":%d}"""
                .formatted(code, name, tenant, revision);
        return new Event(UUID.randomUUID(), URI.create("/dsr/roster"), RosterReplica.ORG_UNIT_STATE, OffsetDateTime.now(),
                code, tenant, URI.create("urn:dsr:schema:" + RosterReplica.ORG_UNIT_STATE), null, json.getBytes(StandardCharsets.UTF_8));
    }

    static void send(Event... events) throws Exception {
        try (Producer<String, byte[]> producer = OutboxRelay.defaultProducer(infra.kafkaBootstrap(), "roster-fake")) {
            for (Event e : events) producer.send(KafkaCloudEvents.toRecord(RosterReplica.ORG_UNITS.name(), e.subject(), e)).get();
        }
    }

    List<String> names(String tenant) {
        String token = infra.issuer().token("op", tenant, "DISTRICT_OPERATOR");
        return web.get().uri("/api/draw/replica/org-units").headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isOk()
                .expectBodyList(ReplicaController.ReplicatedOrgUnit.class).returnResult().getResponseBody()
                .stream().map(ReplicaController.ReplicatedOrgUnit::name).toList();
    }

    List<String> awaitNames(String tenant, List<String> expected) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        List<String> seen = names(tenant);
        while (!seen.equals(expected) && System.nanoTime() < deadline) {
            Thread.sleep(200);
            seen = names(tenant);
        }
        return seen;
    }

    @Test
    void the_replica_follows_roster_state_and_an_older_revision_never_overwrites_a_newer_one() throws Exception {
        Event v2 = orgUnitState("411625", "新名称", "411625", 2);
        Event v1 = orgUnitState("411625", "旧名称", "411625", 1);
        send(v2, v1);
        assertThat(awaitNames("411625", List.of("新名称"))).containsExactly("新名称");
        Thread.sleep(1000); // give the stale event every chance to be (wrongly) applied
        assertThat(names("411625")).containsExactly("新名称");
    }

    @Test
    void the_replica_shows_each_tenant_only_its_own_units() throws Exception {
        send(orgUnitState("411626", "甲", "411626", 1), orgUnitState("411627", "乙", "411627", 1));
        assertThat(awaitNames("411626", List.of("甲"))).containsExactly("甲");
        assertThat(awaitNames("411627", List.of("乙"))).containsExactly("乙");
    }
}
