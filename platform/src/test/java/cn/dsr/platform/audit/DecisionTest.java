package cn.dsr.platform.audit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DecisionTest {

    @Test
    void a_refusal_for_who_the_caller_is_is_a_denial_and_one_for_what_was_asked_is_not() {
        assertThat(Decision.of(401)).isEqualTo(Decision.DENIED);
        assertThat(Decision.of(403)).isEqualTo(Decision.DENIED);
        assertThat(Decision.of(404)).isEqualTo(Decision.REFUSED);
        assertThat(Decision.of(400)).isEqualTo(Decision.REFUSED);
        assertThat(Decision.of(500)).isEqualTo(Decision.REFUSED);
        assertThat(Decision.of(201)).isEqualTo(Decision.ALLOWED);
        assertThat(Decision.of(304)).isEqualTo(Decision.ALLOWED);
    }
}
