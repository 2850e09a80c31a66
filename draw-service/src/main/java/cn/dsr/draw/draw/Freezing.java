package cn.dsr.draw.draw;

import cn.dsr.draw.core.draw.DeclaredSource;
import cn.dsr.draw.core.draw.DrawInput;
import cn.dsr.draw.core.draw.Stratum;
import cn.dsr.draw.core.eligibility.Candidate;
import cn.dsr.draw.core.eligibility.CreditRisk;
import cn.dsr.draw.core.eligibility.Eligibility;
import cn.dsr.draw.core.eligibility.EligibilityRules;
import cn.dsr.draw.core.eligibility.EligibleStrata;
import cn.dsr.draw.core.eligibility.PlanScope;
import cn.dsr.draw.core.eligibility.StratumRule;
import cn.dsr.draw.core.eligibility.SupervisionCategory;
import cn.dsr.draw.core.json.JsonValue;
import cn.dsr.draw.core.matching.MatchingInput;
import cn.dsr.draw.core.matching.MatchingInput.EntityFacts;
import cn.dsr.draw.core.matching.MatchingInput.PlanSettings;
import cn.dsr.draw.draw.FrozenPlan.FrozenStratum;
import cn.dsr.draw.plan.Period;
import cn.dsr.draw.plan.Plan;
import cn.dsr.draw.plan.PlanBody.InspectionMethod;
import cn.dsr.draw.plan.PlanBody.Scope;
import cn.dsr.draw.plan.PlanLevel;
import cn.dsr.draw.replica.ReplicatedEntity;
import cn.dsr.draw.replica.ReplicatedInspector;
import cn.dsr.draw.replica.RosterSnapshot.History;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Turns plans and the replicated roster into the dsr-draw/1 input a draw commits to: each plan's
 * scope picks its candidates, the eligibility rules exclude who may not be drawn, and the
 * strata carry the quotas as frozen. Plain Java, so the rules are tested without a database.
 */
public final class Freezing {

    private Freezing() {}

    /** An entity with no credit-risk rating is treated as 一般 (general) risk. */
    static CreditRisk riskOf(ReplicatedEntity e) {
        return e.creditRisk() == null ? CreditRisk.GENERAL : CreditRisk.valueOf(e.creditRisk());
    }

    /** Whether an entity is in a plan's scope: its level and districts, status, categories and the directed filters. */
    public static boolean inScope(Plan plan, List<FrozenStratum> strata, ReplicatedEntity e) {
        Scope s = plan.body().scope();
        boolean placed = plan.level() == PlanLevel.DISTRICT
                ? e.tenant().equals(plan.tenant())
                : e.district().startsWith(plan.tenant().substring(0, 4)) && (s.districts().isEmpty() || s.districts().contains(e.district()));
        if (!placed || !s.statuses().contains(e.status())) return false;
        SupervisionCategory category = SupervisionCategory.valueOf(e.category());
        boolean categoryInScope = s.categories().isEmpty()
                ? strata.stream().anyMatch(st -> st.category().equals(e.category()))
                : s.categories().contains(category);
        if (!categoryInScope) return false;
        if (!s.creditRisks().isEmpty() && !s.creditRisks().contains(riskOf(e))) return false;
        if (!s.industries().isEmpty() && (e.industry() == null || s.industries().stream().noneMatch(e.industry()::startsWith))) {
            return false;
        }
        if (!s.tags().isEmpty() && s.tags().stream().noneMatch(e.labels()::contains)) return false;
        return s.registeredBefore() == null || e.registrationDate() != null && e.registrationDate().isBefore(s.registeredBefore());
    }

    static StratumRule rule(FrozenStratum s) {
        SupervisionCategory category = SupervisionCategory.valueOf(s.category());
        int ratio = s.oneToN() ? 0 : s.ratioBp();
        return s.creditRisk() == null
                ? StratumRule.of(category, ratio, s.minCount(), s.coverage())
                : StratumRule.of(category, CreditRisk.valueOf(s.creditRisk()), ratio, s.minCount(), s.coverage());
    }

    /**
     * The input of a draw over these plans (all of one tenant and period, with one set of
     * exclusion rules): {@code frozen} gives each plan's strata with their quotas decided.
     */
    public static DrawInput input(String drawId, String tenant, Period period, String rosterRevision,
                                  List<DeclaredSource> sources, List<Plan> plans, Map<String, FrozenPlan> frozen,
                                  EligibilityRules rules, List<ReplicatedEntity> roster, History history, TeamRoster team) {
        List<PlanScope> scopes = new ArrayList<>();
        for (Plan plan : plans) {
            List<FrozenStratum> strata = frozen.get(plan.id()).strata();
            Map<String, Candidate> candidates = new LinkedHashMap<>();
            for (ReplicatedEntity e : roster) {
                if (inScope(plan, strata, e)) candidates.putIfAbsent(e.uscc(), candidate(e, history));
            }
            scopes.add(new PlanScope(plan.id(), strata.stream().map(Freezing::rule).toList(), List.copyOf(candidates.values())));
        }
        EligibleStrata eligible = Eligibility.apply(rules, scopes);
        DrawInput input = new DrawInput(drawId, tenant, period.toString(), period.periodsLeftInYear(), rosterRevision, sources,
                eligible.strata(), eligible.excluded(), matching(period, frozen, eligible.strata(), roster, team));
        if (input.matching().isPresent()) MatchingInput.of(input);
        return input;
    }

    /** What the inspector matching reads from the replicas when a draw is scheduled. */
    public record TeamRoster(List<ReplicatedInspector> inspectors, Map<String, Set<String>> conflicts,
                             Map<String, List<String>> previous) {}

    /**
     * {@code input.matching} (docs/draw-format.md §14.1) for the on-site plans: their team
     * settings, the roster with the plans' tightest capacity, and for every entity they may draw
     * its district, conflicts in force during the period and last team. Absent when no plan
     * checks on site.
     */
    static Optional<JsonValue> matching(Period period, Map<String, FrozenPlan> frozen, List<Stratum> strata,
                                        List<ReplicatedEntity> roster, TeamRoster team) {
        List<FrozenPlan> onSite = frozen.values().stream().filter(p -> p.method() == InspectionMethod.ON_SITE).toList();
        if (onSite.isEmpty()) return Optional.empty();
        Map<String, ReplicatedEntity> byUscc = new HashMap<>();
        roster.forEach(e -> byUscc.putIfAbsent(e.uscc(), e));
        List<PlanSettings> settings = new ArrayList<>();
        Set<String> drawable = new TreeSet<>();
        for (FrozenPlan p : onSite.stream().sorted(Comparator.comparing(FrozenPlan::planId)).toList()) {
            List<Stratum> own = strata.stream().filter(s -> planOf(s.id()).equals(p.planId())).toList();
            own.forEach(s -> s.population().forEach(e -> drawable.add(e.entity())));
            Set<String> expertise = new TreeSet<>();
            p.items().forEach(i -> expertise.addAll(i.requiredExpertise()));
            settings.add(new PlanSettings(p.planId(), own.stream().map(Stratum::id).toList(), p.teamSize(), p.capBp(),
                    List.copyOf(expertise), p.team().rotation(), p.team().crossDistrict()));
        }
        int capacity = onSite.stream().mapToInt(p -> p.team().capacity()).min().orElseThrow();
        List<MatchingInput.Inspector> inspectors = team.inspectors().stream()
                .sorted(Comparator.comparing(ReplicatedInspector::id))
                .map(i -> new MatchingInput.Inspector(i.id(), i.kind(), i.status(),
                        Optional.ofNullable(i.certificateValidUntil()).map(LocalDate::toString),
                        List.copyOf(new TreeSet<>(i.expertise())), i.homeDistrict(), capacity))
                .toList();
        List<EntityFacts> entities = drawable.stream().map(uscc -> new EntityFacts(uscc, byUscc.get(uscc).district(),
                List.copyOf(new TreeSet<>(team.conflicts().getOrDefault(uscc, Set.of()))),
                List.copyOf(new TreeSet<>(team.previous().getOrDefault(uscc, List.of()))))).toList();
        return Optional.of(new MatchingInput(period.lastDay().toString(), settings, inspectors, entities).toJson());
    }

    static Candidate candidate(ReplicatedEntity e, History h) {
        return new Candidate(e.uscc(), SupervisionCategory.valueOf(e.category()), riskOf(e), e.positiveList(), e.offSite(),
                h.timesDrawn().getOrDefault(e.uscc(), 0), h.covered().contains(e.uscc()),
                h.higherLevelNoProblem().contains(e.uscc()));
    }

    /** The strata of every plan of a draw, in plan order, with their ids. */
    public static List<FrozenStratum> strataOf(Map<String, FrozenPlan> frozen) {
        return frozen.values().stream().flatMap(p -> p.strata().stream()).toList();
    }

    /** The plan a stratum belongs to: stratum ids read {@code <planId>/…} and plan ids contain no '/'. */
    public static String planOf(String stratumId) {
        return stratumId.substring(0, stratumId.indexOf('/'));
    }

    /** Refuses a source list a single insider could steer: it needs a public value or at least two parties. */
    public static Optional<String> weakSources(List<DeclaredSource> sources) {
        long parties = sources.stream().filter(s -> s.partyId().isPresent()).count();
        boolean publicValue = parties < sources.size();
        return publicValue || parties >= 2 ? Optional.empty()
                : Optional.of("a draw needs a public value (lottery, beacon) or at least two committed parties");
    }

    /** The plans' shared exclusion rules: one rule set applies to a whole draw. */
    public static Optional<EligibilityRules> sharedRules(List<Plan> plans) {
        Set<Object> distinct = new HashSet<>();
        plans.forEach(p -> distinct.add(p.body().exclusions()));
        return distinct.size() == 1 ? Optional.of(plans.get(0).body().exclusions().rules()) : Optional.empty();
    }
}
