package cn.dsr.draw.core.json;

import org.junit.jupiter.api.Test;

import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** RFC 8785's examples, where they concern strings, literals, integers and member order. */
class JcsTest {

    @Test
    void rfc8785_section_3_2_2_without_its_floating_point_numbers() {
        String input = """
                {
                  "string": "\\u20ac$\\u000F\\u000aA'\\u0042\\u0022\\u005c\\\\\\"\\/",
                  "literals": [null, true, false]
                }""";
        assertThat(Jcs.canonical(JsonParser.parse(input)))
                .isEqualTo("{\"literals\":[null,true,false],\"string\":\"€$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}");
    }

    @Test
    void rfc8785_section_3_2_2_numbers_member_is_refused_because_draws_carry_no_floats() {
        assertThatThrownBy(() -> JsonParser.parse(
                "{\"numbers\": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001]}"))
                .hasMessageContaining("floating-point number 333333333.33333329 not allowed");
    }

    @Test
    void rfc8785_section_3_2_3_sorts_members_by_utf16_code_units() {
        String input = """
                {
                  "\\u20ac": "Euro Sign",
                  "\\r": "Carriage Return",
                  "\\ufb33": "Hebrew Letter Dalet With Dagesh",
                  "1": "One",
                  "\\ud83d\\ude00": "Emoji: Grinning Face",
                  "\\u0080": "Control",
                  "\\u00f6": "Latin Small Letter O With Diaeresis"
                }""";
        assertThat(Jcs.canonical(JsonParser.parse(input))).isEqualTo("{"
                + "\"\\r\":\"Carriage Return\","
                + "\"1\":\"One\","
                + "\"\u0080\":\"Control\","
                + "\"ö\":\"Latin Small Letter O With Diaeresis\","
                + "\"€\":\"Euro Sign\","
                + "\"\ud83d\ude00\":\"Emoji: Grinning Face\","
                + "\"\ufb33\":\"Hebrew Letter Dalet With Dagesh\""
                + "}");
    }

    @Test
    void rfc8785_section_3_2_4_utf8_bytes_of_the_string_example() {
        JsonValue v = JsonParser.parse("\"\\u20ac$\\u000F\\u000aA'\\u0042\\u0022\\u005c\\\\\\\"\\/\"");
        assertThat(HexFormat.of().formatHex(Jcs.canonicalBytes(v)))
                .isEqualTo("22e282ac245c75303030665c6e4127425c225c5c5c5c5c222f22");
    }

    @Test
    void rfc8785_appendix_b_integers() {
        assertThat(List.of("0", "-0", "9007199254740991", "-9007199254740991", "1"))
                .extracting(s -> Jcs.canonical(JsonParser.parse(s)))
                .containsExactly("0", "0", "9007199254740991", "-9007199254740991", "1");
    }

    @Test
    void escapes_only_what_is_mandatory_with_lowercase_hex() {
        String all = "\u0000\u0001\b\t\n\u000b\f\r\u001f \"\\/\u007f\u2028é";
        assertThat(Jcs.canonical(new JsonString(all)))
                .isEqualTo("\"\\u0000\\u0001\\b\\t\\n\\u000b\\f\\r\\u001f \\\"\\\\/\u007f\u2028é\"");
    }

    @Test
    void writes_no_whitespace_and_sorts_nested_objects() {
        JsonValue v = JsonParser.parse("{ \"b\" : [ { \"y\" : 1 , \"x\" : 2 } ] , \"a\" : { } , \"c\" : [ ] }");
        assertThat(Jcs.canonical(v)).isEqualTo("{\"a\":{},\"b\":[{\"x\":2,\"y\":1}],\"c\":[]}");
    }

    @Test
    void refuses_lone_surrogates_that_have_no_utf8_form() {
        assertThatThrownBy(() -> Jcs.canonical(new JsonString("a\ud800")))
                .hasMessageContaining("lone surrogate");
    }
}
