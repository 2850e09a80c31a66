package cn.dsr.draw.core.matching;

import cn.dsr.draw.core.matching.MatchingInput.EntityFacts;
import cn.dsr.draw.core.matching.MatchingInput.Inspector;
import cn.dsr.draw.core.matching.MatchingInput.PlanSettings;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides by exhaustive search whether tiny single-plan inputs (every entity a visit) have a
 * complete assignment under the rules themselves, written from DOMAIN §5, not from the engine or
 * its slots: each team is T distinct eligible inspectors, at least two of them officers, whose
 * expertise together covers the plan's (one member may cover several tags), and no inspector
 * takes more visits than its capacity.
 */
final class BruteForce {

    private BruteForce() {
    }

    static boolean completeAssignmentExists(MatchingInput m) {
        PlanSettings plan = m.plans().get(0);
        List<List<List<Inspector>>> teams = new ArrayList<>();
        for (EntityFacts e : m.entities()) {
            List<Inspector> ok = new ArrayList<>();
            for (Inspector i : m.inspectors()) {
                boolean certified = !i.officer() || i.certificateValidUntil().orElse("0000").compareTo(m.validThrough()) >= 0;
                if (i.status().equals("IN_POST") && certified && i.capacity() > 0 && !e.conflicts().contains(i.inspector())
                        && !(plan.rotation() && e.previous().contains(i.inspector()))
                        && !(plan.crossDistrict() && i.district().equals(e.district()))) {
                    ok.add(i);
                }
            }
            List<List<Inspector>> lawful = new ArrayList<>();
            subsets(ok, 0, plan.teamSize(), new ArrayList<>(), plan.expertise(), lawful);
            teams.add(lawful);
        }
        return fill(teams, 0, new HashMap<>());
    }

    private static void subsets(List<Inspector> pool, int from, int size, List<Inspector> team, List<String> required,
            List<List<Inspector>> out) {
        if (team.size() == size) {
            Set<String> covered = new HashSet<>();
            team.forEach(i -> covered.addAll(i.expertise()));
            if (team.stream().filter(Inspector::officer).count() >= 2 && covered.containsAll(required)) {
                out.add(List.copyOf(team));
            }
            return;
        }
        for (int k = from; k < pool.size(); k++) {
            team.add(pool.get(k));
            subsets(pool, k + 1, size, team, required, out);
            team.remove(team.size() - 1);
        }
    }

    private static boolean fill(List<List<List<Inspector>>> teams, int visit, Map<String, Integer> load) {
        if (visit == teams.size()) {
            return true;
        }
        for (List<Inspector> team : teams.get(visit)) {
            if (team.stream().anyMatch(i -> load.getOrDefault(i.inspector(), 0) >= i.capacity())) {
                continue;
            }
            team.forEach(i -> load.merge(i.inspector(), 1, Integer::sum));
            if (fill(teams, visit + 1, load)) {
                return true;
            }
            team.forEach(i -> load.merge(i.inspector(), -1, Integer::sum));
        }
        return false;
    }
}
