package cn.dsr.draw.core.verify;

import cn.dsr.draw.core.Hashes;
import cn.dsr.draw.core.draw.DrawInput;
import cn.dsr.draw.core.draw.DrawRecord;
import cn.dsr.draw.core.draw.EntityDraw;
import cn.dsr.draw.core.draw.InspectorMatching;
import cn.dsr.draw.core.matching.Rosters;
import cn.dsr.draw.core.example.WorkedExample;
import cn.dsr.draw.core.json.Jcs;
import cn.dsr.draw.core.json.JsonArray;
import cn.dsr.draw.core.json.JsonNumber;
import cn.dsr.draw.core.json.JsonObject;
import cn.dsr.draw.core.json.JsonParser;
import cn.dsr.draw.core.json.JsonString;
import cn.dsr.draw.core.json.JsonValue;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VerifierTest {

    private final JsonValue record = WorkedExample.record().toJson();

    private static Check firstMismatch(JsonValue tampered) {
        VerificationReport report = Verifier.verify(Jcs.canonical(tampered));
        assertThat(report.ok()).isFalse();
        return report.firstMismatch().orElseThrow();
    }

    private static JsonString str(String s) {
        return new JsonString(s);
    }

    @Test
    void an_untouched_record_verifies() {
        assertThat(Verifier.verify(Jcs.canonical(record)).ok()).isTrue();
    }

    @Test
    void a_swapped_selected_entity_is_named_as_a_selection_mismatch() {
        Check c = firstMismatch(Tamper.set(record, "output.selected[1].entity", str("91411622MA4QL31N50")));
        assertThat(c.name()).isEqualTo("selection");
        assertThat(c.detail()).isEqualTo("output.selected[1] differs");
        assertThat(c.expected()).contains("91411622MA4BTUAM8M");
        assertThat(c.found()).contains("91411622MA4QL31N50");
    }

    @Test
    void a_dropped_or_reordered_selection_is_a_selection_mismatch() {
        assertThat(firstMismatch(Tamper.set(record, "output.selected[6]", null)).detail())
                .isEqualTo("output.selected has 6 entries, expected 7");
        JsonArray selected = (JsonArray) ((JsonObject) ((JsonObject) record).members().get("output")).members().get("selected");
        JsonValue swapped = Tamper.set(Tamper.set(record, "output.selected[0]", selected.elements().get(1)),
                "output.selected[1]", selected.elements().get(0));
        assertThat(firstMismatch(swapped).name()).isEqualTo("selection");
    }

    @Test
    void a_replaced_seed_is_named_as_a_seed_mismatch() {
        Check c = firstMismatch(Tamper.set(record, "output.seed", str("00".repeat(32))));
        assertThat(c.name()).isEqualTo("seed");
        assertThat(c.expected()).isEqualTo(WorkedExample.record().output().seed());
        assertThat(c.found()).isEqualTo("00".repeat(32));
    }

    @Test
    void a_changed_randomness_value_changes_the_seed() {
        assertThat(firstMismatch(Tamper.set(record, "randomness[0].value", str("509"))).name()).isEqualTo("seed");
    }

    @Test
    void an_input_changed_after_the_commitment_is_named_as_an_input_digest_mismatch() {
        Check c = firstMismatch(Tamper.set(record, "input.strata[0].ratioBp", new JsonNumber(10_000)));
        assertThat(c.name()).isEqualTo("inputDigest");
        assertThat(c.found()).isEqualTo(WorkedExample.input().digest());
        assertThat(firstMismatch(Tamper.set(record, "output.inputDigest", str("ab".repeat(32)))).name())
                .isEqualTo("inputDigest");
    }

    @Test
    void a_wrong_result_digest_is_named() {
        Check c = firstMismatch(Tamper.set(record, "resultDigest", str("cd".repeat(32))));
        assertThat(c.name()).isEqualTo("resultDigest");
        assertThat(c.expected()).isEqualTo(WorkedExample.record().resultDigest());
        assertThat(firstMismatch(Tamper.set(record, "resultDigest", null)).found()).isEqualTo("(missing)");
    }

    @Test
    void a_secret_that_does_not_open_its_commitment_is_named() {
        Check c = firstMismatch(Tamper.set(record, "randomness[1].value", str("11".repeat(32))));
        assertThat(c.name()).isEqualTo("commitments");
        assertThat(c.detail()).isEqualTo("party:bureau: the revealed secret does not match the commitment");
        assertThat(c.expected()).isEqualTo(Hashes.commitment("bureau", WorkedExample.PARTIES.get(0).secretHex()));
        assertThat(c.found()).isEqualTo(Hashes.commitment("bureau", "11".repeat(32)));
    }

    @Test
    void every_declared_source_must_be_revealed_and_nothing_else_used() {
        assertThat(firstMismatch(Tamper.set(record, "randomness[2]", null)).detail())
                .isEqualTo("party:observer was declared but not revealed");
        JsonArray randomness = (JsonArray) ((JsonObject) record).members().get("randomness");
        List<JsonValue> more = new ArrayList<>(randomness.elements());
        more.add(JsonObject.builder().put("source", "beacon:drand:4711").put("value", "x").build());
        Check c = firstMismatch(Tamper.set(record, "randomness", new JsonArray(more)));
        assertThat(c.name()).isEqualTo("commitments");
        assertThat(c.found()).isEqualTo("[beacon:drand:4711]");
    }

    @Test
    void the_output_must_belong_to_this_draw() {
        assertThat(firstMismatch(Tamper.set(record, "output.drawId", str("another"))).name()).isEqualTo("output");
        assertThat(firstMismatch(Tamper.set(record, "output.note", str("x"))).detail()).contains("unknown member(s) [note]");
    }

    @Test
    void a_record_without_declared_sources_verifies_without_the_commitment_check() {
        DrawInput in = WorkedExample.input();
        DrawInput noSources = DrawInput.entityOnly(in.drawId(), in.tenant(), in.period(), in.periodsLeftInYear(),
                in.rosterRevision(), List.of(), in.strata(), in.excluded());
        VerificationReport report = Verifier.verify(Jcs.canonical(
                EntityDraw.execute(noSources, WorkedExample.randomness()).toJson()));
        assertThat(report.ok()).isTrue();
        assertThat(report.check("commitments").orElseThrow().outcome()).isEqualTo(Check.Outcome.NOT_APPLICABLE);
    }

    @Test
    void an_entity_only_draw_has_no_assignments() {
        Check c = firstMismatch(Tamper.set(record, "output.assignments", new JsonArray(List.of())));
        assertThat(c.name()).isEqualTo("assignments");
    }

    /** A stand-in matching that uses the seed, to exercise the plug-in point on its own. */
    private static final InspectorMatching STAND_IN = (input, seed, selected) -> new JsonArray(selected.stream()
            .map(s -> (JsonValue) JsonObject.builder().put("entity", s.entity())
                    .put("team", Hashes.hex(seed).substring(0, 8)).build())
            .toList());

    private DrawRecord withMatching() {
        DrawInput in = WorkedExample.input();
        DrawInput matched = new DrawInput(in.drawId(), in.tenant(), in.period(), in.periodsLeftInYear(),
                in.rosterRevision(), in.sources(), in.strata(), in.excluded(),
                Optional.of(JsonParser.parse("{\"inspectors\":[\"I1\",\"I2\"]}")));
        return EntityDraw.execute(matched, WorkedExample.randomness(), STAND_IN);
    }

    @Test
    void a_matching_is_verified_by_recomputing_it_with_the_plugged_in_algorithm() {
        JsonValue matched = withMatching().toJson();
        assertThat(Verifier.verify(Jcs.canonical(matched), STAND_IN).ok()).isTrue();
        JsonValue tampered = Tamper.set(matched, "output.assignments[0].team", str("ffffffff"));
        VerificationReport report = Verifier.verify(Jcs.canonical(tampered), STAND_IN);
        assertThat(report.firstMismatch().orElseThrow().name()).isEqualTo("assignments");
    }

    @Test
    void a_matching_input_the_format_cannot_read_fails_the_assignments_check_and_cannot_be_executed() {
        Check c = Verifier.verify(Jcs.canonical(withMatching().toJson())).firstMismatch().orElseThrow();
        assertThat(c.name()).isEqualTo("assignments");
        assertThat(c.detail()).contains("cannot recompute the matching").contains("input.matching.validThrough: missing");
        assertThatThrownBy(() -> EntityDraw.execute(withMatching().input(), WorkedExample.randomness()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_record_with_teams_verifies_with_the_formats_own_matching_and_a_changed_team_member_is_caught() {
        DrawInput in = Rosters.input(new Rosters.Shape(1, 50, 3000, 40, 3, 3, 5000, 4, 2, true, true, 6, 5, 20), 4);
        JsonValue matched = EntityDraw.execute(in, WorkedExample.randomness()).toJson();
        VerificationReport report = Verifier.verify(Jcs.canonical(matched));
        assertThat(report.ok()).isTrue();
        assertThat(report.check("assignments").orElseThrow().detail()).isEqualTo("teams of 15 visits recomputed");
        JsonValue swapped = Tamper.set(matched, "output.assignments[0].team[1]", str("I00000"));
        assertThat(firstMismatch(swapped).name()).isEqualTo("assignments");
    }

    @Test
    void a_document_that_is_not_a_readable_record_is_malformed_not_a_mismatch() {
        assertThatThrownBy(() -> Verifier.verify("{\"input\": 1.5}")).isInstanceOf(MalformedRecordException.class)
                .hasMessageContaining("floating-point");
        assertThatThrownBy(() -> Verifier.verify(Jcs.canonical(Tamper.set(record, "input", null))))
                .isInstanceOf(MalformedRecordException.class).hasMessageContaining("record.input: missing");
        assertThatThrownBy(() -> Verifier.verify(Jcs.canonical(Tamper.set(record, "randomness", new JsonArray(List.of())))))
                .isInstanceOf(MalformedRecordException.class).hasMessageContaining("at least one randomness value");
        assertThatThrownBy(() -> Verifier.verify(Jcs.canonical(Tamper.set(record, "input.strata[0].population[0].entity",
                str("ZZZ"))))).isInstanceOf(MalformedRecordException.class).hasMessageContaining("not sorted");
    }
}
