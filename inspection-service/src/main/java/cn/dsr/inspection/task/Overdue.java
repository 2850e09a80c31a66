package cn.dsr.inspection.task;

import cn.dsr.inspection.settings.TenantSettings;
import cn.dsr.workingdays.UnknownYearException;
import cn.dsr.workingdays.WorkingDays;
import java.time.LocalDate;
import java.util.Optional;

/**
 * A visit behind time (督办): inspected but its record not entered within the tenant's working
 * days, or not inspected by the end of its draw's quarter.
 */
public record Overdue(Task task, Stage stage, LocalDate dueDate, Integer workingDaysOverdue) {

    public enum Stage {
        NOT_INSPECTED,      // the quarter ended without a visit
        RECORD_NOT_ENTERED  // inspected, the record is past due
    }

    /**
     * Whether a task is overdue today. A due date that falls in a year without its official
     * calendar cannot be known, so such a task is not called overdue on a guess.
     */
    public static Optional<Overdue> assess(Task task, TenantSettings settings, WorkingDays calendar, LocalDate today) {
        if (!task.state().isOpen()) return Optional.empty();
        Stage stage;
        LocalDate due;
        try {
            if (task.inspectionDate() != null) {
                stage = Stage.RECORD_NOT_ENTERED;
                due = settings.recordDue(calendar, task.inspectionDate());
            } else if (task.periodEnd().isPresent()) {
                stage = Stage.NOT_INSPECTED;
                due = task.periodEnd().get();
            } else {
                return Optional.empty();
            }
        } catch (UnknownYearException e) {
            return Optional.empty();
        }
        if (!today.isAfter(due)) return Optional.empty();
        Integer late;
        try {
            late = calendar.workingDaysBetween(due, today);
        } catch (UnknownYearException e) {
            late = null;
        }
        return Optional.of(new Overdue(task, stage, due, late));
    }
}
