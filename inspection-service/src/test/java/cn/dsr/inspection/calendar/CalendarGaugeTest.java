package cn.dsr.inspection.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import cn.dsr.workingdays.Adjustment;
import cn.dsr.workingdays.HolidayNotice;
import cn.dsr.workingdays.WorkingDays;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class CalendarGaugeTest {

    @Test
    void on_6_december_2026_the_shipped_calendar_has_25_days_left_and_a_year_more_once_2027_is_added() {
        LocalDate today = LocalDate.parse("2026-12-06");
        WorkingDays shipped = WorkingDays.official();
        assertThat(CalendarGauge.daysLeft(shipped, today)).isEqualTo(25);
        WorkingDays with2027 = shipped.withNotice(new HolidayNotice(2027, List.of(),
                List.of(new Adjustment(LocalDate.parse("2027-01-01"), true, "元旦"))));
        assertThat(CalendarGauge.daysLeft(with2027, today)).isEqualTo(25 + 365);
    }
}
