package cn.dsr.draw.draw;

import static cn.dsr.draw.draw.DrawLifecycleTest.JSON;
import static cn.dsr.draw.draw.DrawLifecycleTest.events;
import static cn.dsr.draw.draw.DrawLifecycleTest.planJson;
import static cn.dsr.draw.draw.DrawLifecycleTest.roster;
import static org.assertj.core.api.Assertions.assertThat;

import cn.dsr.contracts.EventContracts;
import cn.dsr.draw.DrawServiceTest;
import cn.dsr.draw.RosterFeed;
import cn.dsr.draw.core.Hashes;
import cn.dsr.draw.core.draw.DrawInput;
import cn.dsr.draw.core.draw.EntityDraw;
import cn.dsr.draw.core.json.JsonFields;
import cn.dsr.draw.core.json.JsonParser;
import cn.dsr.draw.core.matching.Assignment;
import cn.dsr.draw.core.matching.Matching;
import cn.dsr.draw.core.matching.MatchingInput;
import cn.dsr.draw.core.verify.Verifier;
import cn.dsr.draw.replacement.Replacement;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** 双随机 of the inspectors: lawful teams drawn from the seed, refusal when none exists, approved replacements. */
class TeamsTest extends DrawServiceTest {

    static String inspector(String t, int n) {
        return RosterFeed.idOf(t + "/inspector/执法员" + n).toString();
    }

    static void conflict(String t, int inspector, int entity, String status) {
        send(RosterFeed.CONFLICTS, List.of(RosterFeed.conflict(t, "执法员" + inspector, uscc(t, entity), status, 200)));
    }

    @Test
    void every_visit_gets_two_officers_none_with_a_conflict_in_force_and_the_executed_event_carries_the_teams() {
        String t = "411691";
        roster(t, 6, 0, 0, 0);
        conflict(t, 1, 1, "DECLARED");
        conflict(t, 2, 2, "REVOKED");
        awaitCount("SELECT count(*) FROM replica_conflict WHERE tenant = '" + t + "'", 2);
        String plan = plan(operator(t), planJson(t, YEAR + "Q2", "废水排放检查", "[{\"category\":\"KEY\",\"ratioBp\":10000}]",
                ",\"team\":{\"capacity\":3}"));
        Draw draw = drawn(t, YEAR + "-03-20", plan);

        String record = record(t, draw.id());
        assertThat(Verifier.verify(record).ok()).isTrue();
        JsonNode entities = JSON.readTree(record).get("input").get("matching").get("entities");
        assertThat(entities.get(0).get("conflicts").get(0).asString()).isEqualTo(inspector(t, 1));
        assertThat(entities.get(1).get("conflicts").size()).as("a revoked conflict binds nobody").isZero();

        List<Visit> visits = visits(t, draw.id());
        Map<String, Integer> load = new HashMap<>();
        assertThat(visits).hasSize(6).allSatisfy(v -> {
            assertThat(v.inspectors()).hasSize(2).extracting(Visit.Inspector::kind).containsOnly("OFFICER");
            assertThat(v.inspectors()).extracting(Visit.Inspector::inspectorId).doesNotHaveDuplicates();
            v.inspectors().forEach(i -> load.merge(i.inspectorId(), 1, Integer::sum));
        });
        Visit first = visits.stream().filter(v -> v.entity().uscc().equals(uscc(t, 1))).findFirst().orElseThrow();
        assertThat(first.inspectors()).extracting(Visit.Inspector::inspectorId).doesNotContain(inspector(t, 1));
        assertThat(load.values()).as("the plan's capacity").allMatch(n -> n <= 3);

        ConsumerRecord<String, byte[]> executed = events(draw.id(), DrawEvents.EXECUTED.name()).get(0);
        assertThat(EventContracts.violations(DrawEvents.EXECUTED.name(), executed.value())).isEmpty();
        JsonNode team = JSON.readTree(new String(executed.value(), StandardCharsets.UTF_8)).get("visits").get(0).get("inspectors");
        assertThat(team.get(0).get("name").asString()).startsWith("执法员");
    }

    @Test
    void a_draw_no_lawful_team_can_staff_is_not_executed_and_the_answer_names_the_visit_and_the_binding_constraint() {
        String t = "411692";
        roster(t, 3, 0, 0, 0);
        for (int i = 1; i <= 5; i++) conflict(t, i, 2, "APPROVED");
        awaitCount("SELECT count(*) FROM replica_conflict WHERE tenant = '" + t + "'", 5);
        String plan = plan(operator(t), planJson(t, YEAR + "Q2", "废水排放检查", "[{\"category\":\"KEY\",\"ratioBp\":10000}]", ""));
        Draw draw = schedule(operator(t), YEAR + "-03-21", plan);
        reveal(draw, head(t, "head-" + t));
        post(operator(t), "/api/draw/draws/" + draw.id() + "/execute", "").expectStatus().isEqualTo(422).expectBody()
                .jsonPath("$.title").isEqualTo("Inspector matching infeasible")
                .jsonPath("$.errors[0].field").value(f -> assertThat((String) f).startsWith("visits[" + uscc(t, 2) + "].slots["))
                .jsonPath("$.errors[0].message").value(m -> assertThat((String) m).contains("TEAM").contains("CONFLICT 5"));
        get(operator(t), "/api/draw/draws/" + draw.id()).expectStatus().isOk().expectBody()
                .jsonPath("$.status").isEqualTo("SCHEDULED").jsonPath("$.resultDigest").doesNotExist();
        assertThat(db.countAsOwner("SELECT count(*) FROM draw_record WHERE draw_id = '" + draw.id() + "'")).isZero();
    }

    @Test
    void an_approved_replacement_draws_the_substitute_from_the_seed_and_the_original_team_stays_on_record() {
        String t = "411693";
        roster(t, 3, 0, 0, 0);
        Draw draw = drawn(t, YEAR + "-03-22", plan(operator(t), planJson(t, YEAR + "Q2", "废水排放检查",
                "[{\"category\":\"KEY\",\"ratioBp\":10000}]", "")));
        Visit visit = visits(t, draw.id()).get(0);
        String replaced = visit.inspectors().get(1).inspectorId();
        String uri = "/api/draw/draws/" + draw.id() + "/replacements";

        post(operator(t), uri, "{\"visitId\":\"" + visit.visitId() + "\",\"inspectorId\":\"" + replaced + "\",\"reason\":\"BORED\"}")
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("reason");
        post(operator(t), uri, "{\"visitId\":\"" + visit.visitId() + "\",\"inspectorId\":\"nobody\",\"reason\":\"HEALTH\"}")
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("inspectorId");
        Replacement asked = post(operator(t), uri, "{\"visitId\":\"" + visit.visitId() + "\",\"inspectorId\":\"" + replaced
                + "\",\"reason\":\"HEALTH\",\"comment\":\"住院\"}").expectStatus().isCreated()
                .expectBody(Replacement.class).returnResult().getResponseBody();
        assertThat(asked.pending()).isTrue();
        String decision = uri + "/" + asked.id() + "/decision";
        post(operator(t), decision, "{\"approve\":true}").expectStatus().isForbidden();

        Replacement approved = post(head(t, "head-" + t), decision, "{\"approve\":true}").expectStatus().isOk()
                .expectBody(Replacement.class).returnResult().getResponseBody();
        assertThat(approved.decision()).isEqualTo(Replacement.APPROVED);
        assertThat(approved.number()).isEqualTo(1);
        assertThat(approved.slot()).isEqualTo(1);
        assertThat(approved.substitute()).isNotEqualTo(replaced).isNotEqualTo(visit.inspectors().get(0).inspectorId());
        post(head(t, "head-" + t), decision, "{\"approve\":false}").expectStatus().isEqualTo(409);

        ConsumerRecord<String, byte[]> event = events(draw.id(), DrawEvents.INSPECTOR_REPLACED.name()).get(0);
        assertThat(EventContracts.violations(DrawEvents.INSPECTOR_REPLACED.name(), event.value())).isEmpty();
        JsonNode payload = JSON.readTree(new String(event.value(), StandardCharsets.UTF_8));
        assertThat(payload.get("replaced").asString()).isEqualTo(replaced);
        assertThat(payload.get("substitute").get("inspectorId").asString()).isEqualTo(approved.substitute());
        assertThat(payload.get("reason").asString()).isEqualTo("HEALTH");

        // The original team is still the record's; anyone holding it recomputes the substitute (§14.8).
        String record = record(t, draw.id());
        JsonFields fields = JsonFields.of(JsonParser.parse(record), "record");
        DrawInput input = DrawInput.fromJson(fields.required("input"), "input");
        JsonFields output = JsonFields.of(fields.required("output"), "output");
        Map<String, List<String>> teams = new LinkedHashMap<>(Assignment.teams(output.required("assignments")));
        assertThat(teams.get(visit.entity().uscc())).contains(replaced);
        byte[] seed = Hashes.fromHex(output.string("seed"));
        Matching.Substitute again = new Matching(MatchingInput.of(input), seed, EntityDraw.select(input, seed))
                .replace(1, visit.entity().uscc(), replaced, teams, Set.of(replaced));
        assertThat(again).isEqualTo(new Matching.Substitute(approved.substitute(), 1, approved.candidates()));
        assertThat(visits(t, draw.id()).get(0).inspectors()).extracting(Visit.Inspector::inspectorId).contains(replaced);
        assertThat(new ArrayList<>(get(operator(t), uri).expectStatus().isOk().expectBodyList(Replacement.class)
                .returnResult().getResponseBody())).singleElement().isEqualTo(approved);
    }
}
