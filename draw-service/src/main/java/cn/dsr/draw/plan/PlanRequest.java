package cn.dsr.draw.plan;

import cn.dsr.draw.plan.PlanBody.Exclusions;
import cn.dsr.draw.plan.PlanBody.InspectionMethod;
import cn.dsr.draw.plan.PlanBody.Joint;
import cn.dsr.draw.plan.PlanBody.Scope;
import cn.dsr.draw.plan.PlanBody.StratumSpec;
import cn.dsr.draw.plan.PlanBody.TeamRules;
import java.util.List;

/**
 * A new plan as a client submits it. Tenant and level come from the caller, never from the body;
 * {@code period} is a quarter ({@code 2026Q2}) or a year ({@code 2026}, expanded into its quarters).
 */
public record PlanRequest(String title, String period, List<String> items, Scope scope, List<StratumSpec> strata,
                          Exclusions exclusions, Boolean directed, InspectionMethod method, Joint joint, Integer teamSize,
                          Integer capBp, TeamRules team) {

    /** The body to store once {@link PlanRules} found nothing wrong; defaults fill what was left out. */
    PlanBody body() {
        return new PlanBody(items, scope, strata, exclusions, directed, method,
                joint, teamSize == null ? PlanBody.DEFAULT_TEAM_SIZE : teamSize, capBp == null ? PlanBody.NO_CAP_BP : capBp, team);
    }
}
