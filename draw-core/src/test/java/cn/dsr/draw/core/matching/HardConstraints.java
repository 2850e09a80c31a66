package cn.dsr.draw.core.matching;

import cn.dsr.draw.core.draw.DrawInput;
import cn.dsr.draw.core.draw.Selected;
import cn.dsr.draw.core.matching.MatchingInput.EntityFacts;
import cn.dsr.draw.core.matching.MatchingInput.Inspector;
import cn.dsr.draw.core.matching.MatchingInput.PlanSettings;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a matching's teams against the rules of DOMAIN §5 straight from the input, without the
 * engine's code: every visit staffed, team size, two certified officers in post, expertise
 * covered, avoidance, capacity.
 */
final class HardConstraints {

    private HardConstraints() {
    }

    static List<String> violations(DrawInput input, List<Selected> selected, List<Assignment> assignments) {
        MatchingInput m = MatchingInput.of(input);
        Map<String, Inspector> roster = new HashMap<>();
        m.inspectors().forEach(i -> roster.put(i.inspector(), i));
        Map<String, EntityFacts> facts = new HashMap<>();
        m.entities().forEach(e -> facts.put(e.entity(), e));
        Map<String, PlanSettings> planOf = new HashMap<>();
        m.plans().forEach(p -> p.strata().forEach(s -> planOf.put(s, p)));
        Map<String, List<PlanSettings>> visits = new LinkedHashMap<>();
        for (Selected s : selected) {
            PlanSettings p = planOf.get(s.stratum());
            if (p != null) {
                List<PlanSettings> plans = visits.computeIfAbsent(s.entity(), k -> new ArrayList<>());
                if (!plans.contains(p)) {
                    plans.add(p);
                }
            }
        }
        List<String> v = new ArrayList<>();
        if (assignments.size() != visits.size()) {
            v.add(visits.size() + " visits but " + assignments.size() + " assignments");
        }
        Map<String, Integer> load = new HashMap<>();
        for (Assignment a : assignments) {
            List<PlanSettings> plans = visits.get(a.entity());
            if (plans == null) {
                v.add(a.entity() + " is not a visit");
                continue;
            }
            int teamSize = plans.stream().mapToInt(PlanSettings::teamSize).max().orElseThrow();
            boolean rotation = plans.stream().anyMatch(PlanSettings::rotation);
            boolean cross = plans.stream().anyMatch(PlanSettings::crossDistrict);
            Set<String> required = new HashSet<>();
            plans.forEach(p -> required.addAll(p.expertise()));
            EntityFacts e = facts.get(a.entity());
            String at = a.entity() + ": ";
            if (a.team().size() != teamSize) {
                v.add(at + "team of " + a.team().size() + ", plan says " + teamSize);
            }
            if (new HashSet<>(a.team()).size() != a.team().size()) {
                v.add(at + "someone twice on the team");
            }
            long officers = a.team().stream().map(roster::get).filter(i -> i.officer()
                    && i.certificateValidUntil().orElse("0000").compareTo(m.validThrough()) >= 0).count();
            if (officers < 2) {
                v.add(at + "only " + officers + " officers with a valid certificate");
            }
            Set<String> covered = new HashSet<>();
            for (String id : a.team()) {
                Inspector i = roster.get(id);
                covered.addAll(i.expertise());
                load.merge(id, 1, Integer::sum);
                if (!i.status().equals("IN_POST")) v.add(at + id + " is not in post");
                if (i.officer() && i.certificateValidUntil().orElse("0000").compareTo(m.validThrough()) < 0) {
                    v.add(at + id + " has no valid certificate");
                }
                if (e.conflicts().contains(id)) v.add(at + id + " has a declared conflict");
                if (rotation && e.previous().contains(id)) v.add(at + id + " inspected it last time");
                if (cross && i.district().equals(e.district())) v.add(at + id + " is from the same district");
            }
            if (!covered.containsAll(required)) {
                v.add(at + "expertise " + required + " not covered by " + covered);
            }
        }
        load.forEach((id, n) -> {
            if (n > roster.get(id).capacity()) v.add(id + " takes " + n + " visits, capacity " + roster.get(id).capacity());
        });
        return v;
    }
}
