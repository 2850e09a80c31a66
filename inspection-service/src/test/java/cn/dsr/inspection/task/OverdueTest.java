package cn.dsr.inspection.task;

import static org.assertj.core.api.Assertions.assertThat;

import cn.dsr.inspection.settings.TenantSettings;
import cn.dsr.workingdays.WorkingDays;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class OverdueTest {

    static final WorkingDays calendar = WorkingDays.official();
    static final TenantSettings SEVEN_DAYS = new TenantSettings(7, 3);   // seed 000
    static final TenantSettings TWENTY_DAYS = new TenantSettings(20, 3); // seeds 002, 004

    @Test
    void a_record_not_entered_within_seven_working_days_is_overdue_the_next_day() {
        Task task = Visits.startedOn(LocalDate.parse("2026-09-24"));
        assertThat(Overdue.assess(task, SEVEN_DAYS, calendar, LocalDate.parse("2026-10-12"))).as("due that day").isEmpty();
        Overdue overdue = Overdue.assess(task, SEVEN_DAYS, calendar, LocalDate.parse("2026-10-13")).orElseThrow();
        assertThat(overdue.stage()).isEqualTo(Overdue.Stage.RECORD_NOT_ENTERED);
        assertThat(overdue.dueDate()).isEqualTo("2026-10-12");
        assertThat(overdue.workingDaysOverdue()).isEqualTo(1);
    }

    @Test
    void the_same_visit_under_twenty_working_days_is_not_yet_due() {
        Task task = Visits.startedOn(LocalDate.parse("2026-09-24"));
        assertThat(Overdue.assess(task, TWENTY_DAYS, calendar, LocalDate.parse("2026-10-13"))).isEmpty();
    }

    @Test
    void a_visit_not_made_by_the_end_of_its_quarter_is_overdue_as_not_inspected() {
        Overdue overdue = Overdue.assess(Visits.jointVisit(), TWENTY_DAYS, calendar, LocalDate.parse("2026-04-02")).orElseThrow();
        assertThat(overdue.stage()).isEqualTo(Overdue.Stage.NOT_INSPECTED);
        assertThat(overdue.dueDate()).isEqualTo("2026-03-31");
        assertThat(overdue.workingDaysOverdue()).isEqualTo(2);
    }

    @Test
    void a_submitted_task_is_never_overdue() {
        Task submitted = Visits.in(TaskState.SUBMITTED, LocalDate.parse("2026-01-05"));
        assertThat(Overdue.assess(submitted, SEVEN_DAYS, calendar, LocalDate.parse("2026-11-20"))).isEmpty();
    }

    @Test
    void a_due_date_beyond_the_published_calendar_is_not_guessed() {
        Task task = Visits.startedOn(LocalDate.parse("2026-12-21"));
        assertThat(Overdue.assess(task, TWENTY_DAYS, calendar, LocalDate.parse("2027-03-01"))).isEmpty();
    }
}
