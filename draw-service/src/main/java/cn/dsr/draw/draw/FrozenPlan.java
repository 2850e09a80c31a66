package cn.dsr.draw.draw;

import cn.dsr.draw.plan.PlanBody.InspectionMethod;
import cn.dsr.draw.plan.PlanBody.Joint;
import cn.dsr.draw.plan.PlanBody.TeamRules;
import java.util.List;

/**
 * A plan as its draw froze it: the items with their names and required expertise, how the
 * visits are made, and how each stratum's quota was set. Kept with the draw, so the visits and
 * the audit of the quotas never depend on later changes to the item list.
 */
public record FrozenPlan(String planId, InspectionMethod method, Joint joint, int teamSize, int capBp, TeamRules team,
                         List<FrozenItem> items, List<FrozenStratum> strata) {

    public FrozenPlan {
        team = team == null ? TeamRules.DEFAULTS : team;
    }

    public record FrozenItem(String itemId, String itemName, List<String> requiredExpertise) {}

    /**
     * One stratum and the basis of its quota: a ratio, or a 1:N rule with the figures it was
     * computed from ({@code minCount} = ⌈max(0, inPost × N − drawnThisYear) / periodsLeftInYear⌉).
     */
    public record FrozenStratum(String id, String category, String creditRisk, Integer ratioBp, Integer entitiesPerInspector,
                                Integer inPost, Integer drawnThisYear, int minCount, boolean coverage) {

        public boolean oneToN() {
            return entitiesPerInspector != null;
        }
    }
}
