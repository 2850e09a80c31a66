package cn.dsr.disclosure.stats;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.function.Predicate;

/**
 * Counts a quarter's figures from the facts. Only random inspections count (targeted ones are
 * kept out of random statistics); the denominator of the disclosure rate leaves out the records
 * withheld as national secrets, which are counted on their own.
 */
public final class Statistics {

    private Statistics() {}

    /**
     * The figures of the districts {@code inScope} selects, labelled {@code label} (a district's
     * code, or the city's for the city view), as of {@code today}.
     */
    public static Figures of(String label, Predicate<String> inScope, String period, Collection<Facts.Entity> entities,
                             Collection<Facts.Plan> plans, Collection<Facts.Visit> visits, Collection<Facts.Result> results,
                             LocalDate today) {
        List<Facts.Entity> es = entities.stream().filter(e -> e.active() && inScope.test(e.district())).toList();
        List<Facts.Visit> vs = visits.stream().filter(v -> inScope.test(v.district()) && period.equals(v.period())).toList();
        List<Facts.Result> rs = results.stream().filter(r -> inScope.test(r.district()) && period.equals(r.period())).toList();

        int planned = plans.stream().filter(p -> inScope.test(p.district()) && period.equals(p.period())).mapToInt(Facts.Plan::planned).sum();
        int inspected = rs.size();
        int onTime = (int) rs.stream().filter(Facts.Result::enteredOnTime).count();
        int problems = (int) rs.stream().filter(r -> r.conclusion().problemFound()).count();
        int withheld = (int) rs.stream().filter(Facts.Result::withheld).count();
        List<Facts.Result> disclosable = rs.stream().filter(r -> !r.withheld()).toList();
        List<Facts.Result> disclosed = disclosable.stream().filter(r -> r.firstPublishedOn() != null).toList();
        int disclosedOnTime = (int) disclosed.stream().filter(r -> !r.firstPublishedOn().isAfter(r.disclosureDue())).count();
        int overdue = (int) disclosable.stream().filter(r -> overdue(r, today)).count();
        int joint = (int) vs.stream().filter(Facts.Visit::joint).count();
        int creditRisk = (int) vs.stream().filter(Facts.Visit::creditRiskBased).count();

        return new Figures(label, period,
                count(es, "KEY"), count(es, "SPECIAL"), count(es, "GENERAL"),
                planned, vs.size(), inspected, onTime,
                problems, Figures.percent(problems, inspected),
                withheld, disclosed.size(), Figures.percent(disclosed.size(), disclosable.size()),
                disclosedOnTime, Figures.percent(disclosedOnTime, disclosed.size()),
                joint, Figures.percent(joint, vs.size()), creditRisk, Figures.percent(creditRisk, vs.size()),
                overdue);
    }

    /** Not public by its due date: still unpublished past it, or published late. Withheld records are never overdue. */
    public static boolean overdue(Facts.Result r, LocalDate today) {
        if (r.withheld()) return false;
        return r.firstPublishedOn() == null ? today.isAfter(r.disclosureDue()) : r.firstPublishedOn().isAfter(r.disclosureDue());
    }

    private static int count(List<Facts.Entity> entities, String category) {
        return (int) entities.stream().filter(e -> category.equals(e.category())).count();
    }
}
