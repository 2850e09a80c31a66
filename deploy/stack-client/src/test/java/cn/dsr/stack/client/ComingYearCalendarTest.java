package cn.dsr.stack.client;

import static org.assertj.core.api.Assertions.assertThat;

import cn.dsr.workingdays.Adjustment;
import cn.dsr.workingdays.HolidayNotice;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class ComingYearCalendarTest {

    @Test
    void in_december_deadlines_reach_into_the_coming_year_and_in_june_they_do_not() {
        assertThat(ComingYearCalendar.yearReached(LocalDate.parse("2026-12-06"))).contains(2027);
        assertThat(ComingYearCalendar.yearReached(LocalDate.parse("2026-09-03"))).contains(2027);
        assertThat(ComingYearCalendar.yearReached(LocalDate.parse("2026-06-15"))).isEmpty();
    }

    @Test
    void the_stand_in_is_a_notice_the_calendar_accepts_with_new_years_day_off_and_nothing_else() {
        HolidayNotice notice = HolidayNotice.read(ComingYearCalendar.standIn(2027).getBytes(StandardCharsets.UTF_8));
        assertThat(notice.year()).isEqualTo(2027);
        assertThat(HolidayNotice.problems(2027, notice.days())).isEmpty();
        assertThat(notice.days()).containsExactly(new Adjustment(LocalDate.parse("2027-01-01"), true, "元旦"));
    }
}
