package cn.dsr.draw.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class OneToNTest {

    @Test
    void twelve_in_post_inspectors_at_one_to_ten_draw_thirty_general_entities_in_the_first_quarter() {
        assertThat(OneToN.quarterlyCount(12, 10, 0, 4)).isEqualTo(30);
    }

    @Test
    void what_earlier_quarters_drew_is_taken_off_and_the_rest_spread_over_the_quarters_left() {
        // 120 a year; 30 drawn in Q1, so Q2 takes ⌈90 / 3⌉ = 30, Q3 ⌈60 / 2⌉ = 30, Q4 the last 30
        assertThat(OneToN.quarterlyCount(12, 10, 30, 3)).isEqualTo(30);
        // a short Q1 (20 drawn) is made up over the rest of the year: ⌈100 / 3⌉ = 34
        assertThat(OneToN.quarterlyCount(12, 10, 20, 3)).isEqualTo(34);
        assertThat(OneToN.quarterlyCount(12, 10, 86, 1)).isEqualTo(34);
    }

    @Test
    void a_year_already_on_target_asks_for_nothing_more() {
        assertThat(OneToN.quarterlyCount(5, 3, 15, 2)).isZero();
        assertThat(OneToN.quarterlyCount(5, 3, 40, 1)).isZero();
    }

    @Test
    void the_year_ends_on_target_whatever_each_quarter_drew() {
        int drawn = 0;
        for (int left = 4; left >= 1; left--) drawn += OneToN.quarterlyCount(7, 5, drawn, left);
        assertThat(drawn).isEqualTo(35);
    }

    @Test
    void nonsense_is_refused() {
        assertThatThrownBy(() -> OneToN.quarterlyCount(5, 0, 0, 4)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OneToN.quarterlyCount(5, 3, 0, 5)).isInstanceOf(IllegalArgumentException.class);
    }
}
