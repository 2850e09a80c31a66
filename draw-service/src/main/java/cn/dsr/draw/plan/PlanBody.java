package cn.dsr.draw.plan;

import cn.dsr.draw.core.eligibility.CreditRisk;
import cn.dsr.draw.core.eligibility.EligibilityRules;
import cn.dsr.draw.core.eligibility.SupervisionCategory;
import java.time.LocalDate;
import java.util.List;
import java.util.OptionalInt;

/**
 * What a plan (抽查计划) says, as submitted and stored: the items, who is in scope, how many to
 * draw in each stratum, who is left out, and how the visits are made.
 *
 * @param directed 定向 (the scope narrows the roster by industry, tags, credit risk or registration
 *                 date) or 不定向 (the whole roster of the strata's categories)
 * @param teamSize inspectors per on-site visit, two (行政执法 two-person rule) to ten
 * @param capBp    the matching's cap Q on any (inspector, entity) probability, in basis points
 * @param team     how on-site teams are matched: capacity, rotation, cross-district
 */
public record PlanBody(List<String> items, Scope scope, List<StratumSpec> strata, Exclusions exclusions, boolean directed,
                       InspectionMethod method, Joint joint, int teamSize, int capBp, TeamRules team) {

    public static final int DEFAULT_TEAM_SIZE = 2;
    /** The largest team docs/draw-format.md §14.1 allows. */
    public static final int MAX_TEAM_SIZE = 10;
    public static final int NO_CAP_BP = 10_000;

    public enum InspectionMethod { ON_SITE, WRITTEN, ONLINE, OFF_SITE }

    public enum JointKind { INTERNAL, CROSS_AGENCY }

    /**
     * Who is in scope; an empty list or null restricts nothing.
     *
     * @param industries GB/T 4754 code prefixes ("C26" takes in "C2614")
     * @param tags       the entity carries at least one of them (supervision type, pollutant kind or flag)
     * @param districts  for a city plan, the districts it draws from (empty: every district of the city)
     * @param statuses   roster statuses in scope; empty means ACTIVE (在营) only
     */
    public record Scope(List<SupervisionCategory> categories, List<CreditRisk> creditRisks, List<String> industries,
                        List<String> tags, List<String> districts, LocalDate registeredBefore, List<String> statuses) {

        public static final Scope ALL = new Scope(List.of(), List.of(), List.of(), List.of(), List.of(), null, List.of());

        public Scope {
            categories = orEmpty(categories);
            creditRisks = orEmpty(creditRisks);
            industries = orEmpty(industries);
            tags = orEmpty(tags);
            districts = orEmpty(districts);
            statuses = statuses == null || statuses.isEmpty() ? List.of("ACTIVE") : List.copyOf(statuses);
        }

        /** Narrowed beyond the strata's categories and the districts: what makes a plan 定向. */
        boolean narrows() {
            return !creditRisks.isEmpty() || !industries.isEmpty() || !tags.isEmpty() || registeredBefore != null;
        }
    }

    /**
     * One stratum: entities of a category (and, when weighted by credit risk, of one risk level)
     * drawn at {@code ratioBp} or by the 1:N rule {@code entitiesPerInspector} — exactly one of the two.
     */
    public record StratumSpec(SupervisionCategory category, CreditRisk creditRisk, Integer ratioBp,
                              Integer entitiesPerInspector, Integer minCount, Boolean coverage) {

        public StratumSpec {
            minCount = minCount == null ? 0 : minCount;
            coverage = Boolean.TRUE.equals(coverage);
        }
    }

    /**
     * Who is left out of the on-site draw (DOMAIN §4). {@code annualCap} 0 turns the cap off;
     * absent, it is two a year.
     */
    public record Exclusions(Integer annualCap, Boolean excludeHigherLevelChecked, Boolean positiveListOffSite) {

        public static final Exclusions DEFAULTS = new Exclusions(EligibilityRules.DEFAULT_ANNUAL_CAP, true, true);

        public Exclusions {
            annualCap = annualCap == null ? EligibilityRules.DEFAULT_ANNUAL_CAP : annualCap;
            excludeHigherLevelChecked = excludeHigherLevelChecked == null || excludeHigherLevelChecked;
            positiveListOffSite = positiveListOffSite == null || positiveListOffSite;
        }

        public EligibilityRules rules() {
            return new EligibilityRules(annualCap == 0 ? OptionalInt.empty() : OptionalInt.of(annualCap),
                    excludeHigherLevelChecked, positiveListOffSite);
        }
    }

    /**
     * The matching's avoidance and load settings (docs/draw-format.md §14).
     *
     * @param capacity      the most visits of one draw an inspector may take; absent, {@value #DEFAULT_CAPACITY}
     * @param rotation      avoid the entity's previous inspectors; absent, yes
     * @param crossDistrict 异地交叉执法: only inspectors based outside the entity's district (city plans); absent, no
     */
    public record TeamRules(Integer capacity, Boolean rotation, Boolean crossDistrict) {

        public static final int DEFAULT_CAPACITY = 30;
        public static final TeamRules DEFAULTS = new TeamRules(DEFAULT_CAPACITY, true, false);

        public TeamRules {
            capacity = capacity == null ? DEFAULT_CAPACITY : capacity;
            rotation = rotation == null || rotation;
            crossDistrict = Boolean.TRUE.equals(crossDistrict);
        }
    }

    /** Joint inspection (联合抽查): the initiating department or agency and those cooperating. */
    public record Joint(JointKind kind, String initiating, List<String> cooperating) {

        public Joint {
            cooperating = orEmpty(cooperating);
        }
    }

    public PlanBody {
        items = orEmpty(items);
        scope = scope == null ? Scope.ALL : scope;
        strata = orEmpty(strata);
        exclusions = exclusions == null ? Exclusions.DEFAULTS : exclusions;
        team = team == null ? TeamRules.DEFAULTS : team;
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : List.copyOf(list);
    }
}
