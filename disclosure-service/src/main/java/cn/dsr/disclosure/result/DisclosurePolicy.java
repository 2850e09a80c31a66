package cn.dsr.disclosure.result;

/**
 * A bureau's disclosure settings: results are public within {@code deadlineWorkingDays} working
 * days of the inspection (002, 004: 20 个工作日), and, where the bureau follows 000, also within
 * {@code afterQuarterWorkingDays} working days after the end of the quarter the visit was drawn
 * for (每季度抽查结束之日起10个工作日内); the earlier date applies. Optionally a review comes first.
 */
public record DisclosurePolicy(int deadlineWorkingDays, boolean reviewRequired, Integer afterQuarterWorkingDays) {

    public static final DisclosurePolicy DEFAULT = new DisclosurePolicy(20, false);

    public DisclosurePolicy {
        if (deadlineWorkingDays < 1 || deadlineWorkingDays > 60) {
            throw new IllegalArgumentException("deadlineWorkingDays must be between 1 and 60: " + deadlineWorkingDays);
        }
        if (afterQuarterWorkingDays != null && (afterQuarterWorkingDays < 1 || afterQuarterWorkingDays > 60)) {
            throw new IllegalArgumentException("afterQuarterWorkingDays must be between 1 and 60: " + afterQuarterWorkingDays);
        }
    }

    /** Only the deadline counted from the inspection. */
    public DisclosurePolicy(int deadlineWorkingDays, boolean reviewRequired) {
        this(deadlineWorkingDays, reviewRequired, null);
    }
}
