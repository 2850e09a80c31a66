package cn.dsr.inspection.settings;

import cn.dsr.platform.refusal.Violation;
import cn.dsr.workingdays.WorkingDays;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * A bureau's deadlines, which the seeds set differently: results entered within 7 working days
 * of the inspection (000) or 20 (002, 004); rectification within 3 months as a rule (001).
 */
public record TenantSettings(int recordDueWorkingDays, int rectificationMonths) {

    public static final TenantSettings DEFAULT = new TenantSettings(20, 3);

    public List<Violation> problems() {
        List<Violation> out = new ArrayList<>();
        if (recordDueWorkingDays < 1 || recordDueWorkingDays > 60) {
            out.add(new Violation("recordDueWorkingDays", "between 1 and 60 working days"));
        }
        if (rectificationMonths < 1 || rectificationMonths > 24) {
            out.add(new Violation("rectificationMonths", "between 1 and 24 months"));
        }
        return out;
    }

    /** The last working day on which the field record of an inspection is due. */
    public LocalDate recordDue(WorkingDays calendar, LocalDate inspectionDate) {
        return calendar.addWorkingDays(inspectionDate, recordDueWorkingDays);
    }

    /** The day by which a rectification ordered on a date is to be done: calendar months, as the rule says. */
    public LocalDate rectificationDue(LocalDate orderedOn) {
        return orderedOn.plusMonths(rectificationMonths);
    }
}
