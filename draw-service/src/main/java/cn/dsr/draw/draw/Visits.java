package cn.dsr.draw.draw;

import cn.dsr.draw.core.draw.Selected;
import cn.dsr.draw.plan.PlanBody.InspectionMethod;
import cn.dsr.draw.plan.PlanBody.JointKind;
import cn.dsr.draw.replica.ReplicatedEntity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Merges a draw's selection into visits: an entity selected in several strata (several plans)
 * is one visit listing every plan's items. Visits follow the selection order of their first
 * stratum.
 */
public final class Visits {

    private Visits() {}

    /**
     * @param teams the team of each entity's visit, by slot, from the record's assignments; an
     *              entity-only draw, or a visit no on-site plan drew, has none and carries an empty team
     */
    public static List<Visit> of(String drawId, List<Selected> selected, Map<String, FrozenPlan> plans,
                                 Map<String, ReplicatedEntity> entities, Map<String, List<Visit.Inspector>> teams) {
        Map<String, List<Selected>> byEntity = new LinkedHashMap<>();
        selected.forEach(s -> byEntity.computeIfAbsent(s.entity(), k -> new ArrayList<>()).add(s));
        List<Visit> visits = new ArrayList<>(byEntity.size());
        byEntity.forEach((uscc, selections) -> {
            ReplicatedEntity e = entities.get(uscc);
            if (e == null) throw new IllegalStateException("drawn entity " + uscc + " is missing from the roster replica");
            List<FrozenPlan> contributing = selections.stream().map(s -> plans.get(Freezing.planOf(s.stratum()))).distinct().toList();
            List<Visit.Item> items = new ArrayList<>();
            for (Selected s : selections) {
                FrozenPlan plan = plans.get(Freezing.planOf(s.stratum()));
                plan.items().forEach(i -> items.add(new Visit.Item(plan.planId(), s.stratum(), i.itemId(), i.itemName(), i.requiredExpertise())));
            }
            visits.add(new Visit(drawId + "-" + uscc,
                    new Visit.Entity(uscc, e.name(), e.address(), e.district(), e.category()),
                    items, method(contributing).name(), joint(contributing), teams.getOrDefault(uscc, List.of())));
        });
        return visits;
    }

    /** On-site if any plan checks on-site (the written items are checked at the visit too), else the first plan's method. */
    static InspectionMethod method(List<FrozenPlan> plans) {
        return plans.stream().anyMatch(p -> p.method() == InspectionMethod.ON_SITE) ? InspectionMethod.ON_SITE : plans.get(0).method();
    }

    /**
     * The first joint plan's initiating department leads; every other department or agency named
     * by the plans cooperates. Cross-agency if any plan is.
     */
    static Visit.Joint joint(List<FrozenPlan> plans) {
        List<FrozenPlan> joint = plans.stream().filter(p -> p.joint() != null).toList();
        if (joint.isEmpty()) return null;
        String initiating = joint.get(0).joint().initiating();
        Set<String> cooperating = new LinkedHashSet<>();
        for (FrozenPlan p : joint) {
            cooperating.add(p.joint().initiating());
            cooperating.addAll(p.joint().cooperating());
        }
        cooperating.remove(initiating);
        boolean crossAgency = joint.stream().anyMatch(p -> p.joint().kind() == JointKind.CROSS_AGENCY);
        return new Visit.Joint((crossAgency ? JointKind.CROSS_AGENCY : JointKind.INTERNAL).name(), initiating, List.copyOf(cooperating));
    }
}
