package cn.dsr.draw.plan;

import java.time.LocalDate;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/** A quarter (2026Q2), the period a plan and its draw belong to. */
public record Period(int year, int quarter) {

    private static final Pattern QUARTER = Pattern.compile("([0-9]{4})Q([1-4])");
    private static final Pattern YEAR = Pattern.compile("[0-9]{4}");

    public Period {
        if (year < 2000 || year > 2100 || quarter < 1 || quarter > 4) {
            throw new IllegalArgumentException("no such period: " + year + "Q" + quarter);
        }
    }

    /** True for {@code 2026Q2} (a quarterly plan) or {@code 2026} (a yearly plan, expanded into quarters). */
    public static boolean isValid(String text) {
        if (text == null) return false;
        Matcher q = QUARTER.matcher(text);
        int year = q.matches() ? Integer.parseInt(q.group(1)) : YEAR.matcher(text).matches() ? Integer.parseInt(text) : 0;
        return year >= 2000 && year <= 2100;
    }

    /** The quarters a period names: itself, or the four of a year. */
    public static List<Period> quartersOf(String text) {
        Matcher q = QUARTER.matcher(text);
        if (q.matches()) return List.of(new Period(Integer.parseInt(q.group(1)), Integer.parseInt(q.group(2))));
        int year = Integer.parseInt(text);
        return IntStream.rangeClosed(1, 4).mapToObj(i -> new Period(year, i)).toList();
    }

    public static Period parse(String text) {
        List<Period> quarters = quartersOf(text);
        if (quarters.size() != 1) throw new IllegalArgumentException("not a quarter: " + text);
        return quarters.get(0);
    }

    /** DRAW-SPEC's {@code periodsLeftInYear}: the current quarter counts, 4 in Q1 … 1 in Q4. */
    public int periodsLeftInYear() {
        return 5 - quarter;
    }

    public LocalDate firstDay() {
        return LocalDate.of(year, 3 * quarter - 2, 1);
    }

    /** The period's last day: enforcement certificates must be valid through it. */
    public LocalDate lastDay() {
        return firstDay().plusMonths(3).minusDays(1);
    }

    @Override
    public String toString() {
        return year + "Q" + quarter;
    }
}
