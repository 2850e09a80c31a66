package cn.dsr.draw.core.eligibility;

import cn.dsr.draw.core.draw.Exclusion;
import cn.dsr.draw.core.draw.PopulationEntry;
import cn.dsr.draw.core.draw.Stratum;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Builds the strata of an on-site draw from candidates. Exclusions are facts about an entity
 * (its visits this year, its supervision mode), so one rule set applies to the whole draw and
 * an excluded entity is out of every plan of it.
 */
public final class Eligibility {

    private Eligibility() {
    }

    /**
     * Strata in plan order, then each plan's stratum order, populations sorted by entity; the
     * excluded entities sorted by entity, each with the first reason that applies.
     */
    public static EligibleStrata apply(EligibilityRules rules, List<PlanScope> plans) {
        Map<String, Candidate> byEntity = new TreeMap<>();
        for (PlanScope plan : plans) {
            for (Candidate c : plan.candidates()) {
                Candidate known = byEntity.putIfAbsent(c.entity(), c);
                if (known != null && !known.equals(c)) {
                    throw new IllegalArgumentException("candidate " + c.entity() + " is described differently by two plans");
                }
            }
        }
        List<Exclusion> excluded = new ArrayList<>();
        Set<String> out = new HashSet<>();
        for (Candidate c : byEntity.values()) {
            reason(rules, c).ifPresent(r -> {
                excluded.add(new Exclusion(c.entity(), r.name()));
                out.add(c.entity());
            });
        }

        List<Stratum> strata = new ArrayList<>();
        for (PlanScope plan : plans) {
            for (StratumRule rule : plan.strata()) {
                List<PopulationEntry> population = plan.candidates().stream()
                        .filter(rule::matches)
                        .filter(c -> !out.contains(c.entity()))
                        .sorted(Comparator.comparing(Candidate::entity))
                        .map(c -> new PopulationEntry(c.entity(), c.coveredThisYear()))
                        .toList();
                strata.add(new Stratum(rule.stratumId(plan.planId()), rule.ratioBp(), rule.minCount(), rule.coverage(),
                        population));
            }
        }
        return new EligibleStrata(strata, excluded);
    }

    /** The reason this candidate may not be drawn on-site, in {@link ExclusionReason} precedence. */
    public static Optional<ExclusionReason> reason(EligibilityRules rules, Candidate c) {
        if (c.offSite() || (rules.positiveListOffSite() && c.positiveList())) {
            return Optional.of(ExclusionReason.OFF_SITE);
        }
        if (rules.excludeHigherLevelChecked() && c.checkedByHigherLevelWithoutProblem()) {
            return Optional.of(ExclusionReason.HIGHER_LEVEL_CHECKED);
        }
        if (c.category() != SupervisionCategory.SPECIAL && rules.annualCap().isPresent()
                && c.timesDrawnThisYear() >= rules.annualCap().getAsInt()) {
            return Optional.of(ExclusionReason.ANNUAL_CAP);
        }
        return Optional.empty();
    }
}
