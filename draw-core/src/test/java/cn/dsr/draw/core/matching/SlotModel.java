package cn.dsr.draw.core.matching;

import cn.dsr.draw.core.matching.MatchingInput.EntityFacts;
import cn.dsr.draw.core.matching.MatchingInput.Inspector;
import cn.dsr.draw.core.matching.MatchingInput.PlanSettings;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The slot model alone (tag k to slot k mod T), by exhaustive search: what the matching found
 * before §14.5a, so tests can tell the inputs only other layouts staff.
 */
final class SlotModel {

    private SlotModel() {
    }

    static boolean completeAssignmentExists(MatchingInput m) {
        PlanSettings plan = m.plans().get(0);
        int t = plan.teamSize();
        List<List<List<Inspector>>> options = new ArrayList<>();
        for (EntityFacts e : m.entities()) {
            List<List<Inspector>> slots = new ArrayList<>();
            for (int s = 0; s < t; s++) {
                List<String> need = new ArrayList<>();
                for (int k = s; k < plan.expertise().size(); k += t) {
                    need.add(plan.expertise().get(k));
                }
                List<Inspector> ok = new ArrayList<>();
                for (Inspector i : m.inspectors()) {
                    boolean certified = !i.officer() || i.certificateValidUntil().orElse("0000").compareTo(m.validThrough()) >= 0;
                    if (i.status().equals("IN_POST") && certified && i.capacity() > 0 && !e.conflicts().contains(i.inspector())
                            && !(plan.rotation() && e.previous().contains(i.inspector()))
                            && !(plan.crossDistrict() && i.district().equals(e.district()))
                            && (s >= 2 || i.officer()) && i.expertise().containsAll(need)) {
                        ok.add(i);
                    }
                }
                slots.add(ok);
            }
            options.add(slots);
        }
        return fill(options, 0, 0, new ArrayList<>(), new HashMap<>());
    }

    private static boolean fill(List<List<List<Inspector>>> options, int visit, int slot, List<String> team,
            Map<String, Integer> load) {
        if (visit == options.size()) {
            return true;
        }
        List<List<Inspector>> slots = options.get(visit);
        if (slot == slots.size()) {
            return fill(options, visit + 1, 0, new ArrayList<>(), load);
        }
        for (Inspector i : slots.get(slot)) {
            if (team.contains(i.inspector()) || load.getOrDefault(i.inspector(), 0) >= i.capacity()) {
                continue;
            }
            team.add(i.inspector());
            load.merge(i.inspector(), 1, Integer::sum);
            if (fill(options, visit, slot + 1, team, load)) {
                return true;
            }
            team.remove(team.size() - 1);
            load.merge(i.inspector(), -1, Integer::sum);
        }
        return false;
    }
}
