package cn.dsr.draw.draw;

import static cn.dsr.draw.RosterFeed.entity;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.dsr.contracts.EventContracts;
import cn.dsr.draw.DrawServiceTest;
import cn.dsr.draw.RosterFeed;
import cn.dsr.draw.core.verify.Verifier;
import cn.dsr.draw.plan.PlanStatus;
import cn.dsr.platform.events.Event;
import cn.dsr.testinfra.TopicReader;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** 双随机: schedule (commitment), reveal, execute exactly once, one visit per entity. */
class DrawLifecycleTest extends DrawServiceTest {

    @Autowired
    MeterRegistry meters;

    static final JsonMapper JSON = JsonMapper.builder().build();

    /** Fills a district's replica: items, entities of every category, the year's inspections so far. */
    static void roster(String t, int key, int general, int special, int coveredKey) {
        List<Event> entities = new ArrayList<>();
        int n = 0;
        for (int i = 0; i < key; i++) entities.add(entity(t, uscc(t, ++n)).category("KEY").revision(n).event());
        for (int i = 0; i < general; i++) entities.add(entity(t, uscc(t, ++n)).category("GENERAL").risk("LOW").revision(n).event());
        for (int i = 0; i < special; i++) entities.add(entity(t, uscc(t, ++n)).category("SPECIAL").revision(n).event());
        send(RosterFeed.ENTITIES, entities);
        List<Event> inspections = new ArrayList<>();
        for (int i = 1; i <= coveredKey; i++) {
            inspections.add(RosterFeed.inspection(t, "task-" + t + "-" + i, uscc(t, i), t, LocalDate.of(YEAR, 1, 15), "NO_PROBLEM", 1, "张三"));
        }
        send(RosterFeed.RECORDS, inspections);
        send(RosterFeed.ITEMS, List.of(RosterFeed.item(t, "废气排放检查", YEAR, n + 1, "大气"), RosterFeed.item(t, "废水排放检查", YEAR, n + 2, "水")));
        inspectors(t, 6, "大气", "水");
        awaitCount("SELECT count(*) FROM replica_entity WHERE tenant = '" + t + "'", key + general + special);
        awaitCount("SELECT count(*) FROM replica_item WHERE tenant = '" + t + "'", 2);
        awaitCount("SELECT count(*) FROM replica_inspection WHERE entity_district = '" + t + "'", coveredKey);
    }

    /** Officers based in the district, named 执法员1…n, each with every expertise given. */
    static void inspectors(String t, int n, String... expertise) {
        List<Event> inspectors = new ArrayList<>();
        for (int i = 1; i <= n; i++) inspectors.add(RosterFeed.inspector(t, "执法员" + i, 1, expertise));
        send(RosterFeed.INSPECTORS, inspectors);
        awaitCount("SELECT count(*) FROM replica_inspector WHERE tenant = '" + t + "'", n);
    }

    static String planJson(String t, String period, String item, String strata, String extra) {
        return """
                {"title":"抽查","period":"%s","items":["%s"],"strata":%s,"directed":false,"method":"ON_SITE"%s}"""
                .formatted(period, RosterFeed.itemId(t, item, YEAR), strata, extra);
    }

    static List<ConsumerRecord<String, byte[]>> events(String drawId, String type) {
        return TopicReader.readUntil(infra.kafkaBootstrap(), "draw.draws.v1", read -> read.stream()
                        .anyMatch(r -> drawId.equals(r.key()) && type.equals(new String(r.headers().lastHeader("ce_type").value()))))
                .stream().filter(r -> drawId.equals(r.key()) && type.equals(new String(r.headers().lastHeader("ce_type").value())))
                .toList();
    }

    @Test
    void a_joint_draw_is_committed_before_any_randomness_executes_once_and_makes_one_visit_per_entity() {
        String t = "411651";
        roster(t, 8, 10, 3, 2);
        // excluded: supervised off-site, on the positive list, and checked by the city without a problem
        send(RosterFeed.ENTITIES, List.of(entity(t, uscc(t, 90)).category("GENERAL").risk("LOW").offSite().revision(100).event(),
                entity(t, uscc(t, 91)).category("GENERAL").risk("LOW").positiveList().revision(101).event(),
                entity(t, uscc(t, 92)).category("GENERAL").risk("LOW").revision(102).event()));
        send(RosterFeed.RECORDS, List.of(RosterFeed.inspection("411600", "task-city-92", uscc(t, 92), t, LocalDate.of(YEAR, 1, 20),
                "NO_PROBLEM", 1, "市支队")));
        awaitCount("SELECT count(*) FROM replica_entity WHERE tenant = '" + t + "'", 24);
        awaitCount("SELECT count(*) FROM replica_inspection WHERE entity = '" + uscc(t, 92) + "'", 1);

        String gas = plan(operator(t), planJson(t, YEAR + "Q2", "废气排放检查",
                "[{\"category\":\"KEY\",\"ratioBp\":3000,\"minCount\":1,\"coverage\":true},"
                        + "{\"category\":\"GENERAL\",\"ratioBp\":500,\"minCount\":2},{\"category\":\"SPECIAL\",\"ratioBp\":5000}]",
                ",\"joint\":{\"kind\":\"INTERNAL\",\"initiating\":\"执法股\",\"cooperating\":[\"监测站\"]}"));
        String water = plan(operator(t), planJson(t, YEAR + "Q2", "废水排放检查", "[{\"category\":\"KEY\",\"ratioBp\":10000}]", ""));

        // schedule: the commitment is public at once, the selection does not exist yet
        Draw draw = schedule(operator(t), YEAR - 1 + "-12-27", gas, water);
        assertThat(draw.status()).isEqualTo("SCHEDULED");
        assertThat(draw.inputDigest()).matches("[0-9a-f]{64}");
        assertThat(draw.rosterRevisions()).isEqualTo(t + "-roster-r102");
        assertThat(draw.sources()).extracting(Draw.SourceState::source)
                .containsExactly("lottery:fc3d:" + (YEAR - 1) + "-12-27", "party:bureau", "party:observer");
        assertThat(draw.plans().get(0).strata()).extracting(FrozenPlan.FrozenStratum::id)
                .containsExactly(gas + "/KEY", gas + "/GENERAL", gas + "/SPECIAL");
        get(operator(t), "/api/draw/plans/" + gas).expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("SCHEDULED");
        web.get().uri("/public/draw/draws/" + draw.id()).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.inputDigest").isEqualTo(draw.inputDigest())
                .jsonPath("$.sources[1].commitment").isEqualTo(draw.sources().get(1).commitment())
                .jsonPath("$.record").doesNotExist()
                .jsonPath("$.plans").doesNotExist();
        ConsumerRecord<String, byte[]> scheduled = events(draw.id(), DrawEvents.SCHEDULED.name()).get(0);
        assertThat(EventContracts.violations(DrawEvents.SCHEDULED.name(), scheduled.value())).isEmpty();
        ConsumerRecord<String, byte[]> published = TopicReader.readKeys(infra.kafkaBootstrap(), "draw.plans.v1", gas).stream()
                .filter(r -> gas.equals(r.key())).findFirst().orElseThrow();
        assertThat(EventContracts.violations(DrawEvents.PLAN_PUBLISHED.name(), published.value())).isEmpty();
        assertThat(JSON.readTree(published.value()).get("joint").get("initiating").asString()).isEqualTo("执法股");

        // reveal: secrets must match their commitments; a public value is entered by the head
        String uri = "/api/draw/draws/" + draw.id() + "/randomness";
        post(operator(t), uri, "{\"source\":\"party:bureau\",\"value\":\"" + OBSERVER_SECRET + "\"}").expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("value");
        post(operator(t), uri, "{\"source\":\"lottery:fc3d:" + (YEAR - 1) + "-12-27\",\"value\":\"508\"}").expectStatus().isForbidden();
        post(operator(t), "/api/draw/draws/" + draw.id() + "/execute", "").expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.detail").value(d -> assertThat((String) d).contains("randomness is incomplete"));
        reveal(draw, head(t, "head-" + t));

        // execute exactly once
        double executedBefore = meters.get("dsr.draws.executed").counter().count();
        Draw executed = execute(operator(t), draw.id());
        assertThat(executed.status()).isEqualTo("EXECUTED");
        assertThat(executed.resultDigest()).matches("[0-9a-f]{64}");
        post(operator(t), "/api/draw/draws/" + draw.id() + "/execute", "").expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.detail").value(d -> assertThat((String) d).contains("never executes twice"));
        assertThat(db.countAsOwner("SELECT count(*) FROM draw_record WHERE draw_id = '" + draw.id() + "'")).isEqualTo(1);
        assertThat(meters.get("dsr.draws.executed").counter().count() - executedBefore).as("counted once").isEqualTo(1);
        get(operator(t), "/api/draw/plans/" + water).expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo(PlanStatus.EXECUTED.name());

        // the record verifies, and the exclusions are in it with their reasons
        String record = record(t, draw.id());
        assertThat(Verifier.verify(record).ok()).isTrue();
        JsonNode input = JSON.readTree(record).get("input");
        Map<String, String> excluded = new java.util.TreeMap<>();
        input.get("excluded").forEach(x -> excluded.put(x.get("entity").asString(), x.get("reason").asString()));
        assertThat(excluded).containsEntry(uscc(t, 90), "OFF_SITE").containsEntry(uscc(t, 91), "OFF_SITE")
                .containsEntry(uscc(t, 92), "HIGHER_LEVEL_CHECKED");

        // one visit per entity: an entity drawn by both plans is one visit with both plans' items
        ConsumerRecord<String, byte[]> event = events(draw.id(), DrawEvents.EXECUTED.name()).get(0);
        assertThat(EventContracts.violations(DrawEvents.EXECUTED.name(), event.value())).isEmpty();
        JsonNode payload = JSON.readTree(new String(event.value(), StandardCharsets.UTF_8));
        List<String> selectedEntities = new ArrayList<>();
        JSON.readTree(record).get("output").get("selected").forEach(s -> selectedEntities.add(s.get("entity").asString()));
        assertThat(payload.get("visits").size()).isEqualTo((int) selectedEntities.stream().distinct().count());
        List<Visit> visits = visits(t, draw.id());
        Map<String, Visit> byEntity = visits.stream().collect(Collectors.toMap(v -> v.entity().uscc(), Function.identity()));
        List<Visit> keyVisits = visits.stream().filter(v -> v.entity().category().equals("KEY")).toList();
        assertThat(keyVisits).as("the water plan takes every key entity").hasSize(8);
        assertThat(keyVisits).filteredOn(v -> v.items().size() == 2).isNotEmpty().allSatisfy(v -> {
            assertThat(v.items()).extracting(Visit.Item::itemName).containsExactly("废气排放检查", "废水排放检查");
            assertThat(v.method()).isEqualTo("ON_SITE");
            assertThat(v.joint().initiating()).isEqualTo("执法股");
        });
        assertThat(visits).allSatisfy(v -> assertThat(v.inspectors()).as("two officers of the district, matched from the seed")
                .hasSize(2).extracting(Visit.Inspector::kind).containsOnly("OFFICER"));
        assertThat(payload.get("visits").get(0).get("inspectors").size()).isEqualTo(2);
        assertThat(byEntity).doesNotContainKeys(uscc(t, 90), uscc(t, 91), uscc(t, 92));
        assertThat(payload.get("rosterRevision").asLong()).isEqualTo(102);
    }

    @Test
    void a_draw_one_insider_could_steer_is_refused_and_so_is_a_malformed_commitment() {
        String t = "411656";
        roster(t, 2, 0, 0, 0);
        String plan = plan(operator(t), planJson(t, YEAR + "Q1", "废气排放检查", "[{\"category\":\"KEY\",\"ratioBp\":5000}]", ""));
        post(operator(t), "/api/draw/draws", "{\"plans\":[\"" + plan + "\"],\"sources\":[{\"source\":\"party:bureau\",\"commitment\":\""
                + "0".repeat(64) + "\"}]}").expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("sources")
                .jsonPath("$.errors[0].message").value(m -> assertThat((String) m).contains("public value"));
        post(operator(t), "/api/draw/draws", "{\"plans\":[\"" + plan + "\"],\"sources\":[{\"source\":\"lottery:fc3d:x\"},"
                + "{\"source\":\"party:bureau\",\"commitment\":\"ABC\"}]}").expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("sources[1]");
        get(operator(t), "/api/draw/plans/" + plan).expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("DRAFT");
    }

    @Test
    void executed_draw_records_are_append_only() {
        String t = "411655";
        roster(t, 3, 0, 0, 0);
        Draw draw = drawn(t, YEAR - 1 + "-12-28", plan(operator(t), planJson(t, YEAR + "Q1", "废气排放检查",
                "[{\"category\":\"KEY\",\"ratioBp\":5000}]", "")));
        String where = " WHERE draw_id = '" + draw.id() + "'";
        assertThatThrownBy(() -> asApp("UPDATE draw_record SET record = 'x'" + where)).isInstanceOf(SQLException.class)
                .hasMessageContaining("permission denied");
        assertThatThrownBy(() -> asApp("DELETE FROM draw_visit" + where)).isInstanceOf(SQLException.class)
                .hasMessageContaining("permission denied");
        assertThatThrownBy(() -> asOwner("UPDATE draw_record SET result_digest = repeat('0', 64)" + where))
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> asOwner("DELETE FROM drawn_entity" + where)).hasMessageContaining("append-only");
        assertThatThrownBy(() -> asOwner("UPDATE draw SET input = '{}' WHERE id = '" + draw.id() + "'"))
                .hasMessageContaining("cannot change");
        assertThatThrownBy(() -> asOwner("UPDATE draw SET status = 'SCHEDULED' WHERE id = '" + draw.id() + "'"))
                .hasMessageContaining("cannot become");
    }

    @Test
    void a_key_entity_not_covered_by_Q3_is_drawn_in_Q4() {
        String t = "411652";
        roster(t, 6, 0, 0, 2);
        Draw draw = drawn(t, YEAR + "-09-27", plan(operator(t), planJson(t, YEAR + "Q4", "废气排放检查",
                "[{\"category\":\"KEY\",\"ratioBp\":0,\"coverage\":true}]", "")));
        assertThat(visits(t, draw.id())).extracting(v -> v.entity().uscc())
                .as("the four not inspected this year, and only they")
                .containsExactlyInAnyOrder(uscc(t, 3), uscc(t, 4), uscc(t, 5), uscc(t, 6));
    }

    @Test
    void the_one_to_n_rule_draws_in_post_times_n_spread_over_the_quarters_left() {
        String t = "411653";
        roster(t, 0, 20, 0, 0);
        send(RosterFeed.IN_POST_COUNTS, List.of(RosterFeed.inPostCount(t, YEAR, 4, 50)));
        awaitCount("SELECT count(*) FROM replica_in_post_count WHERE tenant = '" + t + "'", 1);
        String strata = "[{\"category\":\"GENERAL\",\"entitiesPerInspector\":3}]";
        // 4 inspectors × 3 = 12 a year; Q3 has two quarters left: ⌈12 / 2⌉ = 6
        Draw q3 = drawn(t, YEAR + "-06-27", plan(operator(t), planJson(t, YEAR + "Q3", "废气排放检查", strata, "")));
        FrozenPlan.FrozenStratum basis = q3.plans().get(0).strata().get(0);
        assertThat(basis.inPost()).isEqualTo(4);
        assertThat(basis.drawnThisYear()).isZero();
        assertThat(basis.minCount()).isEqualTo(6);
        assertThat(visits(t, q3.id())).hasSize(6);
        // Q4 takes what is left of the year's twelve
        Draw q4 = drawn(t, YEAR + "-09-27", plan(operator(t), planJson(t, YEAR + "Q4", "废气排放检查", strata, "")));
        assertThat(q4.plans().get(0).strata().get(0).drawnThisYear()).isEqualTo(6);
        assertThat(visits(t, q4.id())).hasSize(6);
    }

    @Test
    void an_entity_drawn_twice_this_year_is_left_out_of_the_third_draw_unless_it_is_special() {
        String t = "411654";
        roster(t, 0, 3, 1, 0);
        String all = "[{\"category\":\"GENERAL\",\"ratioBp\":10000},{\"category\":\"SPECIAL\",\"ratioBp\":10000}]";
        drawn(t, YEAR - 1 + "-12-27", plan(operator(t), planJson(t, YEAR + "Q1", "废气排放检查", all, "")));
        drawn(t, YEAR + "-03-27", plan(operator(t), planJson(t, YEAR + "Q2", "废气排放检查", all, "")));
        Draw third = drawn(t, YEAR + "-06-27", plan(operator(t), planJson(t, YEAR + "Q3", "废气排放检查", all, "")));
        assertThat(visits(t, third.id())).extracting(v -> v.entity().category()).containsExactly("SPECIAL");
        JsonNode excluded = JSON.readTree(record(t, third.id())).get("input").get("excluded");
        assertThat(excluded.size()).isEqualTo(3);
        excluded.forEach(x -> assertThat(x.get("reason").asString()).isEqualTo("ANNUAL_CAP"));
    }

    @Test
    void a_city_draw_reads_the_rosters_of_its_districts_and_records_each_revision() {
        String city = "411700";
        send(RosterFeed.ENTITIES, List.of(entity("411702", uscc("411702", 1)).category("KEY").revision(3).event(),
                entity("411703", uscc("411703", 1)).category("KEY").revision(8).event(),
                entity("411704", uscc("411704", 1)).category("KEY").revision(2).event()));
        send(RosterFeed.ITEMS, List.of(RosterFeed.item(city, "跨区交叉检查", YEAR, 4)));
        awaitCount("SELECT count(*) FROM replica_entity WHERE tenant LIKE '4117%'", 3);
        awaitCount("SELECT count(*) FROM replica_item WHERE tenant = '" + city + "' AND name = '跨区交叉检查'", 1);
        inspectors("411702", 2);
        inspectors("411703", 2);
        String plan = plan(coordinator(city), """
                {"title":"异地交叉执法","period":"%dQ2","items":["%s"],"scope":{"districts":["411702","411703"]},
                 "strata":[{"category":"KEY","ratioBp":10000}],"directed":false,"method":"ON_SITE"}"""
                .formatted(YEAR, RosterFeed.itemId(city, "跨区交叉检查", YEAR)));
        Draw draw = schedule(coordinator(city), YEAR + "-03-27", plan);
        assertThat(draw.level()).isEqualTo("CITY");
        assertThat(draw.rosterRevisions()).contains("411700-roster-r", "411702-roster-r", "411703-roster-r");
        reveal(draw, coordinator(city));
        execute(coordinator(city), draw.id());
        List<Visit> visits = get(coordinator(city), "/api/draw/draws/" + draw.id() + "/visits?purpose=test").expectStatus().isOk()
                .expectBodyList(Visit.class).returnResult().getResponseBody();
        assertThat(visits).extracting(v -> v.entity().district()).containsExactlyInAnyOrder("411702", "411703");
        get(operator("411702"), "/api/draw/draws/" + draw.id()).expectStatus().isNotFound();
        post(operator("411702"), "/api/draw/draws/" + draw.id() + "/execute", "").expectStatus().isNotFound();
    }
}
