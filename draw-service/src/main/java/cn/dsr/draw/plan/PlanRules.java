package cn.dsr.draw.plan;

import cn.dsr.draw.core.eligibility.CreditRisk;
import cn.dsr.draw.core.eligibility.SupervisionCategory;
import cn.dsr.draw.plan.PlanBody.InspectionMethod;
import cn.dsr.draw.plan.PlanBody.Joint;
import cn.dsr.draw.plan.PlanBody.Scope;
import cn.dsr.draw.plan.PlanBody.StratumSpec;
import cn.dsr.platform.web.ProblemException.FieldViolation;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rules a plan must satisfy before it is stored: every refusal names the field, so the
 * operator sees what to change. Ratios below the tenant's minimum and items not on the tenant's
 * published item list are refused here (三个不查: no inspection without an item on the list).
 */
public final class PlanRules {

    private PlanRules() {}

    /**
     * @param minimums the tenant's lowest allowed ratio per category (absent: no minimum)
     * @param items    the tenant's replicated items by id
     */
    public static List<FieldViolation> check(PlanRequest plan, String tenant, Map<SupervisionCategory, Integer> minimums,
                                             Map<String, KnownItem> items) {
        List<FieldViolation> v = new ArrayList<>();
        if (plan.title() == null || plan.title().isBlank()) v.add(new FieldViolation("title", "must not be blank"));
        if (!Period.isValid(plan.period())) {
            v.add(new FieldViolation("period", "must be a quarter like 2026Q2 or a year like 2026"));
        }
        if (plan.method() == null) v.add(new FieldViolation("method", "must be one of " + List.of(InspectionMethod.values())));
        items(plan, tenant, items, v);
        strata(plan, minimums, v);
        scope(plan, tenant, v);
        if (plan.directed() == null) {
            v.add(new FieldViolation("directed", "must say whether the plan is directed (定向) or not (不定向)"));
        } else if (plan.scope() != null) {
            boolean narrows = plan.scope().narrows();
            if (plan.directed() && !narrows) {
                v.add(new FieldViolation("scope", "a directed plan narrows the roster by credit risk, industry, tags or registration date"));
            }
            if (!plan.directed() && narrows) {
                v.add(new FieldViolation("directed", "the scope narrows the roster, so the plan is directed"));
            }
        } else if (plan.directed()) {
            v.add(new FieldViolation("scope", "a directed plan narrows the roster by credit risk, industry, tags or registration date"));
        }
        joint(plan.joint(), v);
        if (plan.teamSize() != null && (plan.teamSize() < 2 || plan.teamSize() > PlanBody.MAX_TEAM_SIZE)) {
            v.add(new FieldViolation("teamSize", "an inspection team has two to " + PlanBody.MAX_TEAM_SIZE + " inspectors"));
        }
        if (plan.capBp() != null && (plan.capBp() < 1 || plan.capBp() > PlanBody.NO_CAP_BP)) {
            v.add(new FieldViolation("capBp", "the matching cap Q is 1..10000 basis points"));
        }
        if (plan.team() != null && plan.team().capacity() < 1) {
            v.add(new FieldViolation("team.capacity", "an inspector takes at least one visit"));
        }
        if (plan.team() != null && plan.team().crossDistrict() && PlanLevel.of(tenant) == PlanLevel.DISTRICT) {
            v.add(new FieldViolation("team.crossDistrict", "异地交叉执法 sends inspectors across districts: a city plan's setting"));
        }
        if (plan.exclusions() != null && plan.exclusions().annualCap() < 0) {
            v.add(new FieldViolation("exclusions.annualCap", "must be 0 (no cap) or more"));
        }
        return v;
    }

    private static void items(PlanRequest plan, String tenant, Map<String, KnownItem> known, List<FieldViolation> v) {
        if (plan.items() == null || plan.items().isEmpty()) {
            v.add(new FieldViolation("items", "a plan names at least one item of the item list"));
            return;
        }
        Integer year = Period.isValid(plan.period()) ? Period.quartersOf(plan.period()).get(0).year() : null;
        Set<String> seen = new LinkedHashSet<>();
        for (int i = 0; i < plan.items().size(); i++) {
            String id = plan.items().get(i);
            String field = "items[" + i + "]";
            KnownItem item = known.get(id);
            if (!seen.add(id)) {
                v.add(new FieldViolation(field, "item " + id + " is listed twice"));
            } else if (item == null || !item.tenant().equals(tenant)) {
                v.add(new FieldViolation(field, "unknown item " + id + ": not on the tenant's item list"));
            } else if (!item.published()) {
                v.add(new FieldViolation(field, "item " + id + " belongs to a superseded version of the item list"));
            } else if (year != null && item.year() != year) {
                v.add(new FieldViolation(field, "item " + id + " is on the " + item.year() + " list, the plan is for " + year));
            } else if (plan.method() != null && !item.methods().contains(plan.method().name())) {
                v.add(new FieldViolation(field, "item " + id + " is not checked " + plan.method() + " (list says " + item.methods() + ")"));
            }
        }
    }

    private static void strata(PlanRequest plan, Map<SupervisionCategory, Integer> minimums, List<FieldViolation> v) {
        List<StratumSpec> strata = plan.strata();
        if (strata == null || strata.isEmpty()) {
            v.add(new FieldViolation("strata", "a plan has at least one stratum"));
            return;
        }
        for (int i = 0; i < strata.size(); i++) {
            StratumSpec s = strata.get(i);
            String field = "strata[" + i + "]";
            if (s.category() == null) {
                v.add(new FieldViolation(field + ".category", "must be KEY, SPECIAL or GENERAL"));
                continue;
            }
            if ((s.ratioBp() == null) == (s.entitiesPerInspector() == null)) {
                v.add(new FieldViolation(field, "give either ratioBp or entitiesPerInspector (1:N), not both or neither"));
            } else if (s.ratioBp() != null) {
                int minimum = minimums.getOrDefault(s.category(), 0);
                if (s.ratioBp() < 0 || s.ratioBp() > 10_000) {
                    v.add(new FieldViolation(field + ".ratioBp", "must be 0..10000 basis points"));
                } else if (s.ratioBp() < minimum) {
                    v.add(new FieldViolation(field + ".ratioBp", s.ratioBp() + " is below the tenant's minimum of "
                            + minimum + " for " + s.category() + " entities"));
                }
            } else if (s.entitiesPerInspector() < 1) {
                v.add(new FieldViolation(field + ".entitiesPerInspector", "N of a 1:N rule is at least 1"));
            }
            if (s.minCount() < 0) v.add(new FieldViolation(field + ".minCount", "must not be negative"));
            for (int j = 0; j < i; j++) {
                StratumSpec o = strata.get(j);
                if (o.category() == s.category()
                        && (o.creditRisk() == null || s.creditRisk() == null || o.creditRisk() == s.creditRisk())) {
                    v.add(new FieldViolation(field, "overlaps strata[" + j + "]: an entity must fall in one stratum only"));
                }
            }
        }
    }

    /** Every entity in scope must fall into a stratum, so nobody in scope drops out of the plan unnoticed. */
    private static void scope(PlanRequest plan, String tenant, List<FieldViolation> v) {
        Scope scope = plan.scope() == null ? Scope.ALL : plan.scope();
        List<StratumSpec> strata = plan.strata() == null ? List.of()
                : plan.strata().stream().filter(s -> s.category() != null).toList();
        Set<SupervisionCategory> stratified = EnumSet.noneOf(SupervisionCategory.class);
        strata.forEach(s -> stratified.add(s.category()));
        for (int i = 0; i < scope.categories().size(); i++) {
            if (!stratified.contains(scope.categories().get(i))) {
                v.add(new FieldViolation("scope.categories[" + i + "]", scope.categories().get(i) + " entities are in scope but no stratum draws them"));
            }
        }
        Set<CreditRisk> risks = scope.creditRisks().isEmpty() ? EnumSet.allOf(CreditRisk.class) : EnumSet.copyOf(scope.creditRisks());
        for (SupervisionCategory category : stratified) {
            if (!scope.categories().isEmpty() && !scope.categories().contains(category)) {
                v.add(new FieldViolation("scope.categories", "a stratum draws " + category + " entities, which the scope leaves out"));
                continue;
            }
            boolean unweighted = strata.stream().anyMatch(s -> s.category() == category && s.creditRisk() == null);
            if (unweighted) continue;
            for (CreditRisk risk : risks) {
                if (strata.stream().noneMatch(s -> s.category() == category && s.creditRisk() == risk)) {
                    v.add(new FieldViolation("strata", category + " entities of credit risk " + risk + " are in scope but fall in no stratum"));
                }
            }
        }
        PlanLevel level = PlanLevel.of(tenant);
        for (int i = 0; i < scope.districts().size(); i++) {
            String d = scope.districts().get(i);
            boolean ok = level == PlanLevel.CITY
                    ? d.matches("[0-9]{6}") && d.startsWith(tenant.substring(0, 4)) && !d.equals(tenant)
                    : d.equals(tenant);
            if (!ok) {
                v.add(new FieldViolation("scope.districts[" + i + "]", level == PlanLevel.CITY
                        ? d + " is not a district of city " + tenant : "a district plan draws from its own district only"));
            }
        }
        for (int i = 0; i < scope.industries().size(); i++) {
            if (!scope.industries().get(i).matches("[A-T]([0-9]{2}([0-9]{1,2})?)?")) {
                v.add(new FieldViolation("scope.industries[" + i + "]", "must be a GB/T 4754 code or prefix like C26"));
            }
        }
        for (int i = 0; i < scope.statuses().size(); i++) {
            if (!List.of("ACTIVE", "DEREGISTERED", "CLOSED").contains(scope.statuses().get(i))) {
                v.add(new FieldViolation("scope.statuses[" + i + "]", "must be ACTIVE, DEREGISTERED or CLOSED"));
            }
        }
    }

    private static void joint(Joint joint, List<FieldViolation> v) {
        if (joint == null) return;
        if (joint.kind() == null) v.add(new FieldViolation("joint.kind", "must be INTERNAL or CROSS_AGENCY"));
        if (joint.initiating() == null || joint.initiating().isBlank()) {
            v.add(new FieldViolation("joint.initiating", "a joint inspection names its initiating department or agency"));
        }
        if (joint.cooperating().isEmpty()) {
            v.add(new FieldViolation("joint.cooperating", "a joint inspection has at least one cooperating department or agency"));
        } else if (joint.cooperating().contains(joint.initiating())) {
            v.add(new FieldViolation("joint.cooperating", "the initiating party does not also cooperate"));
        }
    }
}
