package cn.dsr.roster.entity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UsccTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "91350100M000100Y43",   // the example of GB 32100's explanatory material
            "9144030071526726XG",   // an organisation code whose GB 11714 check digit is X
            "914403001922038216",   // check character 6 by the 3^i mod 31 weights
    })
    void real_codes_are_valid(String code) {
        assertThat(Uscc.problem(code)).isEmpty();
    }

    @Test
    void codes_computed_for_a_county_are_valid_and_distinct() {
        String a = UsccSamples.nth("411622", 1);
        String b = UsccSamples.nth("411622", 2);
        assertThat(a).hasSize(18).startsWith("91411622MA").isNotEqualTo(b);
        assertThat(Uscc.problem(a)).isEmpty();
        assertThat(Uscc.problem(b)).isEmpty();
    }

    @Test
    void blanks_and_lower_case_from_spreadsheets_are_normalized_not_refused() {
        assertThat(Uscc.normalize("  91350100m000100y43 ")).isEqualTo("91350100M000100Y43");
        assertThat(Uscc.problem(Uscc.normalize("  91350100m000100y43 "))).isEmpty();
    }

    @Test
    void a_missing_code_is_required() {
        assertThat(Uscc.problem(null)).hasValue("is required");
        assertThat(Uscc.problem("")).hasValue("is required");
    }

    @ParameterizedTest
    @ValueSource(strings = {"91350100M000100Y4", "91350100M000100Y433"})
    void a_code_of_another_length_is_refused(String code) {
        assertThat(Uscc.problem(code)).get().asString().contains("18 characters");
    }

    @ParameterizedTest
    @ValueSource(chars = {'I', 'O', 'Z', 'S', 'V', '-', '号'})
    void the_letters_I_O_Z_S_V_and_other_characters_are_not_in_the_charset(char c) {
        String code = "91350100M000100Y4" + c;
        assertThat(Uscc.problem(code)).get().asString().contains("character 18").contains("not allowed");
    }

    @Test
    void the_registering_authority_division_code_must_be_digits() {
        String code = UsccSamples.complete("91A50100", "M000100Y");
        assertThat(Uscc.problem(code)).get().asString().contains("division code");
    }

    @Test
    void a_wrong_organisation_check_digit_is_refused_even_with_a_matching_check_character() {
        String first17 = "91350100M000100Y" + "5"; // GB 11714 gives 4
        String code = first17 + Uscc.checkCharacter(first17);
        assertThat(Uscc.problem(code)).get().asString().contains("GB 11714").contains("expected 4");
    }

    @Test
    void a_wrong_check_character_is_refused_naming_the_right_one() {
        assertThat(Uscc.problem("91350100M000100Y44")).get().asString().contains("GB 32100 gives 3");
    }

    @Test
    void swapping_two_neighbouring_characters_is_detected() {
        assertThat(Uscc.problem("93150100M000100Y43")).isPresent();
        assertThat(Uscc.problem("91351000M000100Y43")).isPresent();
    }

    @Test
    void the_check_character_of_31_minus_zero_is_zero_not_31() {
        // find a body whose weighted sum is a multiple of 31: its check character must be '0'
        for (int n = 0; n < 100_000; n++) {
            String body = String.format("MA%06d", n);
            String first17 = "91411622" + body + Uscc.organisationCheckDigit(body);
            if (Uscc.checkCharacter(first17) == '0') {
                assertThat(Uscc.problem(first17 + "0")).isEmpty();
                return;
            }
        }
        throw new AssertionError("no code with check character 0 found");
    }
}
