package cn.dsr.draw.core.json;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonParserTest {

    @Test
    void reads_objects_arrays_strings_integers_booleans_and_null() {
        JsonValue v = JsonParser.parse(" {\"a\": [1, -2, true, false, null], \"b\": \"x\\u00e9\\n\"} ");
        JsonObject o = (JsonObject) v;
        assertThat(o.members().keySet()).containsExactly("a", "b");
        assertThat(o.members().get("a")).isEqualTo(new JsonArray(List.of(new JsonNumber(1), new JsonNumber(-2),
                JsonBoolean.TRUE, JsonBoolean.FALSE, JsonNull.NULL)));
        assertThat(o.members().get("b")).isEqualTo(new JsonString("xé\n"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.5", "0.0", "1e3", "1E+3", "-2.5e-3", "{\"ratio\": 0.25}"})
    void refuses_floating_point_with_a_clear_message(String text) {
        assertThatThrownBy(() -> JsonParser.parse(text))
                .isInstanceOf(JsonException.class)
                .hasMessageContaining("floating-point number")
                .hasMessageContaining("integers only");
    }

    @Test
    void accepts_integers_up_to_but_not_including_two_to_the_53() {
        assertThat(JsonParser.parse("9007199254740991")).isEqualTo(new JsonNumber(9007199254740991L));
        assertThat(JsonParser.parse("-9007199254740991")).isEqualTo(new JsonNumber(-9007199254740991L));
        assertThatThrownBy(() -> JsonParser.parse("9007199254740992")).hasMessageContaining("< 2^53");
        assertThatThrownBy(() -> JsonParser.parse("123456789012345678901234")).hasMessageContaining("< 2^53");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "01", "-", "+1", "[1,]", "{\"a\":1,}", "[1 2]", "{a:1}", "'x'", "tru", "nul",
            "\"tab\there\"", "\"\\x\"", "\"\\u12\"", "\"open", "{\"a\" 1}", "[1] 2", "// c\n1", "NaN", "[\"\\ud800\"]",
            "\"\\udc00x\"", "\ufeff{}"})
    void refuses_what_is_not_strict_json(String text) {
        assertThatThrownBy(() -> JsonParser.parse(text)).isInstanceOf(JsonException.class);
    }

    @Test
    void refuses_duplicate_keys_since_their_canonical_form_would_be_ambiguous() {
        assertThatThrownBy(() -> JsonParser.parse("{\"a\":1,\"a\":1}"))
                .hasMessageContaining("duplicate key \"a\"");
    }

    @Test
    void keeps_surrogate_pairs_whether_escaped_or_literal() {
        assertThat(JsonParser.parse("\"\\ud83d\\ude00\"")).isEqualTo(new JsonString("😀"));
        assertThat(JsonParser.parse("\"😀\"")).isEqualTo(new JsonString("😀"));
    }

    @Test
    void reports_line_and_column() {
        assertThatThrownBy(() -> JsonParser.parse("{\n  \"a\": 1.0\n}"))
                .hasMessageStartingWith("JSON line 2, column 8:");
    }

    @Test
    void refuses_hostile_nesting_without_overflowing_the_stack() {
        assertThatThrownBy(() -> JsonParser.parse("[".repeat(100_000)))
                .hasMessageContaining("nesting deeper than");
    }
}
