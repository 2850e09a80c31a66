package cn.dsr.disclosure.result;

/**
 * A bureau's disclosure settings: results are public within {@code deadlineWorkingDays} working
 * days of the inspection (002, 004: 20 个工作日), and optionally pass a review first.
 */
public record DisclosurePolicy(int deadlineWorkingDays, boolean reviewRequired) {

    public static final DisclosurePolicy DEFAULT = new DisclosurePolicy(20, false);

    public DisclosurePolicy {
        if (deadlineWorkingDays < 1 || deadlineWorkingDays > 60) {
            throw new IllegalArgumentException("deadlineWorkingDays must be between 1 and 60: " + deadlineWorkingDays);
        }
    }
}
