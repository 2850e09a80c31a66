package cn.dsr.workingdays;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * China's official working-day calendar (工作日): Monday to Friday, except public holidays, plus
 * the weekend days the State Council turns into makeup working days (调休). The calendar is data —
 * one {@link HolidayNotice} per year, published each winter — so a date in a year without its
 * notice is an {@link UnknownYearException}, never a guess.
 *
 * <p>Immutable: {@link #withNotice} and {@link #withDay} return a new calendar, so a service can
 * swap the one it uses atomically when an administrator adds a year or fixes a day.
 */
public final class WorkingDays {

    private static final String BUNDLE = "/cn/dsr/workingdays/holiday-cn/";
    private static volatile WorkingDays official;

    private final Map<Integer, HolidayNotice> notices;
    private final Map<LocalDate, Adjustment> fixes;
    private final Map<LocalDate, Adjustment> effective;

    private WorkingDays(Map<Integer, HolidayNotice> notices, Map<LocalDate, Adjustment> fixes) {
        this.notices = Collections.unmodifiableMap(new TreeMap<>(notices));
        this.fixes = Map.copyOf(fixes);
        Map<LocalDate, Adjustment> all = new HashMap<>();
        this.notices.values().forEach(n -> n.days().forEach(d -> all.put(d.date(), d)));
        all.putAll(this.fixes);
        this.effective = Map.copyOf(all);
    }

    /** The calendar as shipped: the notices bundled with this module (see its holiday-cn README). */
    public static WorkingDays official() {
        WorkingDays loaded = official;
        if (loaded == null) {
            List<HolidayNotice> bundled = new ArrayList<>();
            for (String file : bundledFiles()) bundled.add(HolidayNotice.bundled(BUNDLE + file));
            loaded = of(bundled);
            official = loaded;
        }
        return loaded;
    }

    public static WorkingDays of(Collection<HolidayNotice> notices) {
        Map<Integer, HolidayNotice> byYear = new HashMap<>();
        notices.forEach(n -> byYear.put(n.year(), n));
        return new WorkingDays(byYear, Map.of());
    }

    /**
     * Adds a year, or replaces it with a corrected notice. The new notice supersedes any day
     * fixed by hand in that year, since it is the newer word on it.
     */
    public WorkingDays withNotice(HolidayNotice notice) {
        Map<Integer, HolidayNotice> next = new HashMap<>(notices);
        next.put(notice.year(), notice);
        Map<LocalDate, Adjustment> keptFixes = new HashMap<>(fixes);
        keptFixes.keySet().removeIf(date -> date.getYear() == notice.year());
        return new WorkingDays(next, keptFixes);
    }

    /** Fixes one day of a known year, e.g. a holiday the notice moved after publication. */
    public WorkingDays withDay(Adjustment day) {
        requireKnown(day.date().getYear());
        Map<LocalDate, Adjustment> next = new HashMap<>(fixes);
        next.put(day.date(), day);
        return new WorkingDays(notices, next);
    }

    /** The years whose notice is known. */
    public SortedSet<Integer> years() {
        return Collections.unmodifiableSortedSet(new TreeSet<>(notices.keySet()));
    }

    public Optional<HolidayNotice> notice(int year) {
        return Optional.ofNullable(notices.get(year));
    }

    /** The days of a known year that differ from the ordinary week, after any fixes, in date order. */
    public List<Adjustment> adjustmentsIn(int year) {
        requireKnown(year);
        return effective.values().stream().filter(d -> d.date().getYear() == year)
                .sorted(Comparator.comparing(Adjustment::date)).toList();
    }

    public boolean isWorkingDay(LocalDate date) {
        requireKnown(date.getYear());
        Adjustment adjustment = effective.get(date);
        if (adjustment != null) return !adjustment.offDay();
        DayOfWeek day = date.getDayOfWeek();
        return day != DayOfWeek.SATURDAY && day != DayOfWeek.SUNDAY;
    }

    /**
     * The {@code n}-th working day after {@code start} (before it, for a negative {@code n}). The
     * start day itself is not counted, as for every period counted in days (民法典 第二百零一条:
     * 开始的当日不计入): a record due "within 7 working days" of a Friday inspection is due on
     * the Tuesday of the week after next, holidays allowing.
     */
    public LocalDate addWorkingDays(LocalDate start, int n) {
        int step = n >= 0 ? 1 : -1;
        LocalDate day = start;
        for (int counted = 0; counted < Math.abs(n); ) {
            day = day.plusDays(step);
            if (isWorkingDay(day)) counted++;
        }
        return day;
    }

    /**
     * How many working days lie after {@code from} up to and including {@code to}; negative when
     * {@code to} is earlier. The inverse of {@link #addWorkingDays}:
     * {@code workingDaysBetween(s, addWorkingDays(s, n)) == n}.
     */
    public int workingDaysBetween(LocalDate from, LocalDate to) {
        if (to.isBefore(from)) return -workingDaysBetween(to, from);
        int count = 0;
        for (LocalDate day = from.plusDays(1); !day.isAfter(to); day = day.plusDays(1)) {
            if (isWorkingDay(day)) count++;
        }
        return count;
    }

    private void requireKnown(int year) {
        if (!notices.containsKey(year)) throw new UnknownYearException(year);
    }

    private static List<String> bundledFiles() {
        try (InputStream in = WorkingDays.class.getResourceAsStream(BUNDLE + "index")) {
            if (in == null) throw new IllegalStateException("the bundled calendar index is missing");
            return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines()
                    .map(String::strip).filter(line -> !line.isEmpty()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
