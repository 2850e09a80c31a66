package cn.dsr.draw.core.eligibility;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * Tenant or plan settings deciding who may be drawn on-site. The seeds disagree, so each rule
 * is a setting, never a constant.
 *
 * @param annualCap                 the most on-site draws per year of a non-special entity
 *                                  (002: two); empty for no cap. Special entities are exempt.
 * @param excludeHigherLevelChecked leave out entities a higher level checked this year without
 *                                  finding a problem (004 allows it)
 * @param positiveListOffSite       send positive-list entities to off-site supervision (003)
 */
public record EligibilityRules(OptionalInt annualCap, boolean excludeHigherLevelChecked, boolean positiveListOffSite) {

    public static final int DEFAULT_ANNUAL_CAP = 2;

    public EligibilityRules {
        Objects.requireNonNull(annualCap, "annualCap");
        if (annualCap.isPresent() && annualCap.getAsInt() < 1) {
            throw new IllegalArgumentException("an annual cap below 1 would exclude every non-special entity");
        }
    }

    /** The starting point a tenant adjusts: cap of two, both exclusions on. */
    public static EligibilityRules defaults() {
        return new EligibilityRules(OptionalInt.of(DEFAULT_ANNUAL_CAP), true, true);
    }
}
