package cn.dsr.draw.core.matching;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class LayoutsTest {

    @Test
    void two_tags_over_three_slots_list_the_spread_layout_first_then_the_normal_forms_in_order() {
        assertThat(Layouts.of(2, 3, 100)).containsExactly(new int[] {0, 1}, new int[] {0, 0}, new int[] {0, 2},
                new int[] {2, 0}, new int[] {2, 2});
    }

    @Test
    void a_slot_of_a_class_is_used_only_after_the_lower_ones_of_its_class() {
        List<int[]> layouts = Layouts.of(3, 4, 1000);
        assertThat(layouts).noneMatch(l -> l[0] == 1 || l[0] == 3);
        assertThat(layouts).noneMatch(l -> l[0] == 2 && l[1] == 1 && l[2] == 1);
        assertThat(layouts).contains(new int[] {2, 3, 0}, new int[] {0, 0, 0});
    }

    @Test
    void the_list_stops_one_past_the_limit_so_a_cut_list_shows() {
        assertThat(Layouts.of(8, 10, 50)).hasSize(51);
    }
}
