package cn.dsr.system;

import static org.assertj.core.api.Assertions.assertThat;

import cn.dsr.stack.client.Api;
import cn.dsr.stack.client.Await;
import cn.dsr.stack.client.Stack;

import cn.dsr.launcher.LocalStack;
import cn.dsr.launcher.ServiceProcess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A change made through the gateway in roster-service reaches draw-service's replica over Kafka,
 * and keeps doing so — nothing lost, nothing applied twice — when the broker stops and when the
 * consuming service is killed.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EventPlumbingIT {

    static final Duration WAIT = Duration.ofSeconds(90);
    final Api coordinator = Stack.as("city.coord");

    List<String> replicaCodes() {
        Api.Response response = coordinator.get("/api/draw/replica/org-units");
        assertThat(response.status()).as(response.raw()).isEqualTo(200);
        List<String> codes = new ArrayList<>();
        response.body().forEach(unit -> codes.add(unit.get("code").asText()));
        return codes;
    }

    void create(String json) {
        Api.Response response = coordinator.post("/api/roster/org-units", json);
        assertThat(response.status()).as(response.raw()).isEqualTo(201);
    }

    void department(String district, String code, String name) {
        create("{\"code\":\"" + district + "-" + code + "\",\"name\":\"" + name + "\",\"kind\":\"DEPARTMENT\",\"parentCode\":\"" + district + "\"}");
    }

    /** Every event roster published was applied by draw exactly once. */
    void assertEachEventAppliedOnce() {
        long published = Stack.count("roster", "SELECT count(*) FROM outbox");
        Await.until(WAIT, "the replica's inbox to catch up", () -> Stack.count("draw", "SELECT count(*) FROM inbox WHERE consumer = 'roster-replica'"),
                applied -> applied == published);
        assertThat(Stack.count("roster", "SELECT count(*) FROM outbox WHERE sent_at IS NULL")).isZero();
    }

    @Test
    @Order(1)
    void an_org_unit_created_through_the_gateway_appears_in_the_draw_services_replica() {
        // other whole-stack stories of this JVM may have created the city first
        Zhoukou.orgUnits();

        Await.until(WAIT, "the replica to show the city", this::replicaCodes, c -> c.containsAll(List.of("411600", "411622", "411623")));
        assertEachEventAppliedOnce();
    }

    @Test
    @Order(2)
    void changes_accepted_while_the_broker_is_down_arrive_once_it_is_back() {
        LocalStack stack = Stack.get();
        stack.stopKafka();
        try {
            department("411622", "ZF", "执法股");
            department("411622", "FG", "法规股");
            department("411623", "ZF", "执法股");
            assertThat(replicaCodes()).doesNotContain("411622-ZF", "411622-FG", "411623-ZF");
        } finally {
            stack.startKafka();
        }
        Await.until(WAIT, "the departments in the replica", this::replicaCodes, c -> c.containsAll(List.of("411622-ZF", "411622-FG", "411623-ZF")));
        assertEachEventAppliedOnce();
    }

    @Test
    @Order(3)
    void a_killed_consumer_resumes_where_it_left_off_without_applying_anything_twice() {
        ServiceProcess draw = Stack.get().service("draw-service");
        draw.kill9();
        department("411622", "JC", "监测股");
        department("411623", "FG", "法规股");
        draw.start().waitHealthy(Duration.ofSeconds(120));

        Await.until(WAIT, "the replica after the restart", this::replicaCodes, c -> c.containsAll(List.of("411622-JC", "411623-FG")));
        assertEachEventAppliedOnce();
    }

    @Test
    @Order(4)
    void a_district_sees_only_its_own_replica_and_an_anonymous_call_is_refused() {
        Api shangshui = Stack.as("ss.operator");
        Api.Response response = shangshui.get("/api/draw/replica/org-units");
        assertThat(response.status()).isEqualTo(200);
        response.body().forEach(unit -> assertThat(unit.get("tenant").asText()).isEqualTo("411623"));
        assertThat(Stack.anonymous().get("/api/draw/replica/org-units").status()).isEqualTo(401);
    }
}
