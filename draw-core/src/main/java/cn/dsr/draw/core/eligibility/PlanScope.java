package cn.dsr.draw.core.eligibility;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One plan of a draw: its strata and the candidates within its target scope. Every candidate
 * must fall into exactly one stratum, so nobody in scope silently drops out of the plan.
 */
public record PlanScope(String planId, List<StratumRule> strata, List<Candidate> candidates) {

    public PlanScope {
        if (planId == null || planId.isEmpty()) {
            throw new IllegalArgumentException("planId must not be empty");
        }
        strata = List.copyOf(strata);
        candidates = List.copyOf(candidates);
        if (strata.isEmpty()) {
            throw new IllegalArgumentException("plan " + planId + " defines no stratum");
        }
        for (int i = 0; i < strata.size(); i++) {
            for (int j = i + 1; j < strata.size(); j++) {
                if (strata.get(i).overlaps(strata.get(j))) {
                    throw new IllegalArgumentException("plan " + planId + ": strata " + strata.get(i).stratumId(planId)
                            + " and " + strata.get(j).stratumId(planId) + " overlap");
                }
            }
        }
        Set<String> seen = new HashSet<>();
        for (Candidate c : candidates) {
            if (!seen.add(c.entity())) {
                throw new IllegalArgumentException("plan " + planId + " lists candidate " + c.entity() + " twice");
            }
            if (strata.stream().noneMatch(s -> s.matches(c))) {
                throw new IllegalArgumentException("plan " + planId + ": candidate " + c.entity() + " (" + c.category()
                        + "/" + c.creditRisk() + ") falls in no stratum");
            }
        }
    }
}
