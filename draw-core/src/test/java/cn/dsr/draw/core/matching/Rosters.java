package cn.dsr.draw.core.matching;

import cn.dsr.draw.core.draw.DrawInput;
import cn.dsr.draw.core.draw.PopulationEntry;
import cn.dsr.draw.core.draw.Stratum;
import cn.dsr.draw.core.matching.MatchingInput.EntityFacts;
import cn.dsr.draw.core.matching.MatchingInput.Inspector;
import cn.dsr.draw.core.matching.MatchingInput.PlanSettings;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.TreeSet;

/** Generated rosters and draw inputs with a matching, for tests and the benchmark. */
public final class Rosters {

    public static final String VALID_THROUGH = "2025-06-30";
    static final String[] SKILLS = {"AIR", "WATER", "SOLID_WASTE", "NOISE", "RADIATION", "SOIL", "EIA", "MONITORING",
            "HAZARDOUS", "VEHICLE", "ODS", "MARINE", "ECOLOGY", "PERMIT", "EMERGENCY", "LAB", "FORESTRY",
            "MINING", "CHEMICAL", "POWER"};

    private Rosters() {
    }

    /**
     * The shape of a generated draw.
     *
     * @param skills        how many expertise areas exist (≤ 20)
     * @param plans         how many plans share the population (plan p requires skills p, p+1, …)
     * @param planSkills    how many skills each plan's items require
     * @param conflictsPer  average declared conflicts per entity (in tenths: 5 = 0.5)
     * @param badPerMille   inspectors not in post or with a lapsed certificate, per mille
     */
    public record Shape(int plans, int entities, int ratioBp, int inspectors, int districts, int teamSize, int capBp,
            int skills, int planSkills, boolean rotation, boolean crossDistrict, int capacity, int conflictsPer,
            int badPerMille) {}

    public static DrawInput input(Shape shape, long rosterSeed) {
        Random r = new Random(rosterSeed);
        List<List<PopulationEntry>> populations = new ArrayList<>();
        for (int p = 0; p < shape.plans(); p++) {
            populations.add(new ArrayList<>());
        }
        List<EntityFacts> facts = new ArrayList<>();
        List<String> inspectorIds = new ArrayList<>();
        for (int i = 0; i < shape.inspectors(); i++) {
            inspectorIds.add(String.format("I%05d", i));
        }
        for (int e = 0; e < shape.entities(); e++) {
            String entity = String.format("E%07d", e);
            populations.get(e % shape.plans()).add(new PopulationEntry(entity, false));
            TreeSet<String> conflicts = new TreeSet<>();
            int k = shape.conflictsPer() / 10 + (r.nextInt(10) < shape.conflictsPer() % 10 ? 1 : 0);
            for (int c = 0; c < k; c++) {
                conflicts.add(inspectorIds.get(r.nextInt(inspectorIds.size())));
            }
            TreeSet<String> previous = new TreeSet<>();
            if (r.nextInt(3) == 0) {
                previous.add(inspectorIds.get(r.nextInt(inspectorIds.size())));
                previous.add(inspectorIds.get(r.nextInt(inspectorIds.size())));
            }
            facts.add(new EntityFacts(entity, district(r.nextInt(shape.districts())), List.copyOf(conflicts),
                    List.copyOf(previous)));
        }
        List<Inspector> inspectors = new ArrayList<>();
        for (int i = 0; i < shape.inspectors(); i++) {
            boolean officer = r.nextInt(10) < 8;
            TreeSet<String> skills = new TreeSet<>();
            int k = 1 + r.nextInt(officer ? 3 : 4);
            for (int s = 0; s < k; s++) {
                skills.add(SKILLS[r.nextInt(shape.skills())]);
            }
            boolean bad = r.nextInt(1000) < shape.badPerMille();
            String status = bad && r.nextBoolean() ? "LEAVE" : "IN_POST";
            Optional<String> certificate = officer
                    ? Optional.of(bad && status.equals("IN_POST") ? "2025-05-31" : "2027-12-31") : Optional.empty();
            inspectors.add(new Inspector(inspectorIds.get(i), officer ? "OFFICER" : r.nextBoolean() ? "EXPERT" : "THIRD_PARTY",
                    status, certificate, List.copyOf(skills), district(r.nextInt(shape.districts())), shape.capacity()));
        }
        List<PlanSettings> plans = new ArrayList<>();
        List<Stratum> strata = new ArrayList<>();
        for (int p = 0; p < shape.plans(); p++) {
            TreeSet<String> planSkills = new TreeSet<>();
            for (int k = 0; k < shape.planSkills(); k++) {
                planSkills.add(SKILLS[(p + k) % shape.skills()]);
            }
            String id = String.format("P%02d", p + 1);
            plans.add(new PlanSettings(id, List.of(id + "/KEY"), shape.teamSize(), shape.capBp(),
                    List.copyOf(planSkills), shape.rotation(), shape.crossDistrict()));
            strata.add(new Stratum(id + "/KEY", shape.ratioBp(), 0, false, populations.get(p)));
        }
        MatchingInput matching = new MatchingInput(VALID_THROUGH, plans, inspectors, facts);
        return new DrawInput("d-match", "411600", "2025Q2", 3, "r1", List.of(), strata, List.of(),
                Optional.of(matching.toJson()));
    }

    static String district(int d) {
        return String.valueOf(411621 + d);
    }
}
