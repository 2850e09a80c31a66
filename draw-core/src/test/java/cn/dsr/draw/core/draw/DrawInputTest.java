package cn.dsr.draw.core.draw;

import cn.dsr.draw.core.example.WorkedExample;
import cn.dsr.draw.core.json.Jcs;
import cn.dsr.draw.core.json.JsonException;
import cn.dsr.draw.core.json.JsonParser;
import cn.dsr.draw.core.json.JsonValue;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static cn.dsr.draw.core.draw.Fixtures.stratum;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DrawInputTest {

    private static PopulationEntry e(String entity) {
        return new PopulationEntry(entity, false);
    }

    @Test
    void stratum_ids_are_unique_in_a_draw() {
        assertThatThrownBy(() -> Fixtures.input(List.of(stratum("P/KEY", 3, 2500, 0, false), stratum("P/KEY", 2, 2500, 0, false)), 3))
                .hasMessageContaining("stratum id P/KEY appears twice");
    }

    @Test
    void an_entity_appears_at_most_once_in_a_stratum() {
        assertThatThrownBy(() -> new Stratum("P/KEY", 2500, 0, false, List.of(e("A"), e("A"))))
                .hasMessageContaining("lists \"A\" twice");
    }

    @Test
    void a_population_out_of_entity_order_is_refused_not_reordered() {
        assertThatThrownBy(() -> new Stratum("P/KEY", 2500, 0, false, List.of(e("B"), e("A"))))
                .hasMessageContaining("not sorted: \"A\" comes after \"B\"");
    }

    @Test
    void ratios_are_basis_points_from_0_to_10000_and_minimum_counts_are_not_negative() {
        assertThatThrownBy(() -> new Stratum("S", -1, 0, false, List.of())).hasMessageContaining("0..10000");
        assertThatThrownBy(() -> new Stratum("S", 10_001, 0, false, List.of())).hasMessageContaining("0..10000");
        assertThatThrownBy(() -> new Stratum("S", 100, -1, false, List.of())).hasMessageContaining("minCount");
        assertThat(new Stratum("S", 10_000, 0, false, List.of()).ratioBp()).isEqualTo(10_000);
    }

    @Test
    void periods_left_in_year_counts_the_current_quarter_from_4_down_to_1() {
        assertThatThrownBy(() -> Fixtures.input(List.of(stratum("S", 1, 0, 0, false)), 0)).hasMessageContaining("periodsLeftInYear");
        assertThatThrownBy(() -> Fixtures.input(List.of(stratum("S", 1, 0, 0, false)), 5)).hasMessageContaining("periodsLeftInYear");
    }

    @Test
    void an_excluded_entity_is_listed_once_in_entity_order_and_in_no_population() {
        Stratum s = new Stratum("S", 100, 0, false, List.of(e("A")));
        assertThatThrownBy(() -> DrawInput.entityOnly("d", "411622", "2025Q2", 3, "r", List.of(), List.of(s),
                List.of(new Exclusion("C", "OFF_SITE"), new Exclusion("B", "ANNUAL_CAP"))))
                .hasMessageContaining("excluded is not sorted");
        assertThatThrownBy(() -> DrawInput.entityOnly("d", "411622", "2025Q2", 3, "r", List.of(), List.of(s),
                List.of(new Exclusion("A", "OFF_SITE"))))
                .hasMessageContaining("entity A is excluded (OFF_SITE) yet listed in stratum S");
        assertThatThrownBy(() -> new Exclusion("A", "annual cap")).hasMessageContaining("UPPER_SNAKE");
    }

    @Test
    void identifiers_may_not_contain_the_nul_separator_of_rank_preimages() {
        assertThatThrownBy(() -> e("A\0B")).hasMessageContaining("must not contain NUL");
        assertThatThrownBy(() -> new Stratum("P\0KEY", 0, 0, false, List.of())).hasMessageContaining("must not contain NUL");
    }

    @Test
    void the_tenant_is_a_six_digit_division_code() {
        assertThatThrownBy(() -> DrawInput.entityOnly("d", "41162", "2025Q2", 3, "r", List.of(),
                List.of(stratum("S", 1, 0, 0, false)), List.of())).hasMessageContaining("six-digit");
    }

    @Test
    void a_party_source_carries_a_commitment_and_a_public_one_does_not() {
        assertThatThrownBy(() -> new DeclaredSource("party:bureau", Optional.empty())).hasMessageContaining("commitment");
        assertThatThrownBy(() -> new DeclaredSource("lottery:fc3d:2025-03-27", Optional.of("00".repeat(32))))
                .hasMessageContaining("takes no commitment");
        assertThatThrownBy(() -> DeclaredSource.publicValue("dice:6")).hasMessageContaining("party:, beacon: or lottery:");
        assertThatThrownBy(() -> DeclaredSource.publicValue("lottery:fc3d")).hasMessageContaining("lottery:<name>:<date>");
    }

    @Test
    void a_revealed_party_secret_is_64_lowercase_hex_digits() {
        assertThatThrownBy(() -> RandomnessValue.partySecret("bureau", "secret")).hasMessageContaining("64 lowercase hex");
    }

    @Test
    void randomness_is_kept_sorted_by_source_and_a_source_counts_once() {
        Randomness r = new Randomness(List.of(new RandomnessValue("party:b", "00".repeat(32)),
                new RandomnessValue("lottery:x:1", "7")));
        assertThat(r.values()).extracting(RandomnessValue::source).containsExactly("lottery:x:1", "party:b");
        assertThatThrownBy(() -> new Randomness(List.of(new RandomnessValue("lottery:x:1", "7"),
                new RandomnessValue("lottery:x:1", "8")))).hasMessageContaining("twice");
        assertThatThrownBy(() -> new Randomness(List.of())).hasMessageContaining("at least one");
    }

    @Test
    void json_round_trip_is_exact() {
        DrawInput input = WorkedExample.input();
        JsonValue json = input.toJson();
        assertThat(DrawInput.fromJson(json, "input")).isEqualTo(input);
        assertThat(DrawInput.fromJson(json, "input").toJson()).isEqualTo(json);
    }

    @Test
    void a_matching_is_passed_through_untouched() {
        JsonValue matching = JsonParser.parse("{\"tasks\":[{\"id\":\"t1\"}],\"anything\":[1,2]}");
        DrawInput input = new DrawInput("d", "411622", "2025Q2", 3, "r", List.of(), List.of(stratum("S", 1, 0, 0, false)),
                List.of(), Optional.of(matching));
        assertThat(DrawInput.fromJson(input.toJson(), "input").matching()).contains(matching);
    }

    @Test
    void reading_refuses_unknown_members_wrong_types_and_other_formats_with_the_path() {
        String good = Jcs.canonical(WorkedExample.input().toJson());
        assertThatThrownBy(() -> read(good.replace("\"tenant\":", "\"extra\":1,\"tenant\":")))
                .isInstanceOf(JsonException.class).hasMessageContaining("input: unknown member(s) [extra]");
        assertThatThrownBy(() -> read(good.replace("\"ratioBp\":3000", "\"ratioBp\":\"3000\"")))
                .hasMessageContaining("input.strata[0].ratioBp: expected an integer, found string");
        assertThatThrownBy(() -> read(good.replace("dsr-draw/1", "dsr-draw/2")))
                .hasMessageContaining("unsupported format \"dsr-draw/2\"");
        assertThatThrownBy(() -> read(good.replaceFirst("\"covered\":false,", "")))
                .hasMessageContaining("input.strata[0].population[0].covered: missing");
    }

    private static DrawInput read(String json) {
        return DrawInput.fromJson(JsonParser.parse(json), "input");
    }
}
