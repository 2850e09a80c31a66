package cn.dsr.inspection.settings;

import static org.assertj.core.api.Assertions.assertThat;

import cn.dsr.platform.refusal.Violation;
import cn.dsr.workingdays.WorkingDays;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class TenantSettingsTest {

    static final WorkingDays calendar = WorkingDays.official();

    @Test
    void by_default_a_record_is_due_twenty_working_days_after_the_inspection_and_a_rectification_in_three_months() {
        assertThat(TenantSettings.DEFAULT).isEqualTo(new TenantSettings(20, 3));
        assertThat(TenantSettings.DEFAULT.recordDue(calendar, LocalDate.parse("2026-09-24"))).isEqualTo("2026-10-29");
        assertThat(TenantSettings.DEFAULT.rectificationDue(LocalDate.parse("2026-11-30"))).isEqualTo("2027-02-28");
    }

    @Test
    void a_seven_working_day_bureau_inspecting_before_spring_festival_is_due_on_the_makeup_saturday() {
        assertThat(new TenantSettings(7, 3).recordDue(calendar, LocalDate.parse("2026-02-12"))).isEqualTo("2026-02-28");
    }

    @Test
    void deadlines_outside_sensible_bounds_are_refused() {
        assertThat(new TenantSettings(0, 3).problems()).extracting(Violation::field).containsExactly("recordDueWorkingDays");
        assertThat(new TenantSettings(7, 30).problems()).extracting(Violation::field).containsExactly("rectificationMonths");
        assertThat(new TenantSettings(7, 3).problems()).isEmpty();
    }
}
