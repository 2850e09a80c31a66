package cn.dsr.draw.plan;

/**
 * The 1:N rule (seeds 000, 001, 004): each in-post inspector (在编在岗) accounts for N entities
 * a year. The year's count is spread over the quarters left, taking off what the tenant's draws
 * already took this year, so the year ends on target however the quarters went:
 * <pre>
 *   annual    = inPost × N
 *   remaining = max(0, annual − drawnThisYear)
 *   count     = ⌈remaining / periodsLeftInYear⌉
 * </pre>
 * The count becomes the stratum's {@code minCount} with {@code ratioBp} 0 (docs/plans.md).
 */
public final class OneToN {

    private OneToN() {}

    public static int quarterlyCount(int inPost, int entitiesPerInspector, int drawnThisYear, int periodsLeftInYear) {
        if (inPost < 0 || entitiesPerInspector < 1 || drawnThisYear < 0 || periodsLeftInYear < 1 || periodsLeftInYear > 4) {
            throw new IllegalArgumentException("1:N needs inPost ≥ 0, N ≥ 1, drawn ≥ 0 and 1..4 periods left");
        }
        long remaining = Math.max(0, (long) inPost * entitiesPerInspector - drawnThisYear);
        return (int) Math.min(Integer.MAX_VALUE, (remaining + periodsLeftInYear - 1) / periodsLeftInYear);
    }
}
