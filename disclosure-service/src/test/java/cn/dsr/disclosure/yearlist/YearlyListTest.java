package cn.dsr.disclosure.yearlist;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class YearlyListTest {

    @Test
    void the_yearly_list_is_due_by_the_end_of_january() {
        assertThat(YearlyList.dueDate(2026)).isEqualTo(LocalDate.of(2026, 1, 31));
        assertThat(YearlyList.onTime(2026, LocalDate.of(2026, 1, 31))).isTrue();
        assertThat(YearlyList.onTime(2026, LocalDate.of(2026, 2, 1))).isFalse();
    }

    @Test
    void an_unpublished_list_is_overdue_from_the_first_of_february() {
        assertThat(YearlyList.overdue(2026, LocalDate.of(2026, 1, 31), false)).isFalse();
        assertThat(YearlyList.overdue(2026, LocalDate.of(2026, 2, 1), false)).isTrue();
        assertThat(YearlyList.overdue(2026, LocalDate.of(2026, 2, 1), true)).isFalse();
    }

    @Test
    void only_entities_in_operation_are_listed() {
        assertThat(YearlyList.listed("ACTIVE")).isTrue();
        assertThat(YearlyList.listed("DEREGISTERED")).isFalse();
        assertThat(YearlyList.listed("CLOSED")).isFalse();
    }
}
