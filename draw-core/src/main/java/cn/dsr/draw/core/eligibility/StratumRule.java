package cn.dsr.draw.core.eligibility;

import java.util.Objects;
import java.util.Optional;

/**
 * A plan's stratum: its candidates of one category (and, when credit-risk weighting is used,
 * one risk level), with the ratio, minimum count and coverage the plan sets for them.
 */
public record StratumRule(SupervisionCategory category, Optional<CreditRisk> creditRisk, int ratioBp, int minCount,
        boolean coverage) {

    public StratumRule {
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(creditRisk, "creditRisk");
    }

    public static StratumRule of(SupervisionCategory category, int ratioBp, int minCount, boolean coverage) {
        return new StratumRule(category, Optional.empty(), ratioBp, minCount, coverage);
    }

    public static StratumRule of(SupervisionCategory category, CreditRisk risk, int ratioBp, int minCount,
            boolean coverage) {
        return new StratumRule(category, Optional.of(risk), ratioBp, minCount, coverage);
    }

    boolean matches(Candidate c) {
        return c.category() == category && creditRisk.map(r -> r == c.creditRisk()).orElse(true);
    }

    boolean overlaps(StratumRule other) {
        return category == other.category
                && (creditRisk.isEmpty() || other.creditRisk.isEmpty() || creditRisk.equals(other.creditRisk));
    }

    /** {@code <planId>/<CATEGORY>} or {@code <planId>/<CATEGORY>/<RISK>}. */
    public String stratumId(String planId) {
        return planId + "/" + category + creditRisk.map(r -> "/" + r).orElse("");
    }
}
