package cn.dsr.draw.core.eligibility;

import java.util.Objects;

/**
 * An entity of the roster as the draw sees it: its category and the facts of this year that
 * decide whether it may be drawn.
 *
 * @param timesDrawnThisYear on-site visits this entity was drawn for this year (one per draw,
 *                           however many plans selected it)
 * @param coveredThisYear    inspected this year already (coverage rule)
 * @param checkedByHigherLevelWithoutProblem checked this year by a higher level, no problem found
 */
public record Candidate(
        String entity,
        SupervisionCategory category,
        CreditRisk creditRisk,
        boolean positiveList,
        boolean offSite,
        int timesDrawnThisYear,
        boolean coveredThisYear,
        boolean checkedByHigherLevelWithoutProblem) {

    public Candidate {
        if (entity == null || entity.isEmpty()) {
            throw new IllegalArgumentException("candidate entity must not be empty");
        }
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(creditRisk, "creditRisk");
        if (timesDrawnThisYear < 0) {
            throw new IllegalArgumentException("candidate " + entity + ": timesDrawnThisYear must not be negative");
        }
    }
}
