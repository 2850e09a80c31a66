package cn.dsr.stack.client;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * The local stack's working-day calendar for the coming year. Deadlines count working days under
 * the State Council's yearly notice, and a year the calendar does not know is refused, never
 * guessed; so from December on, a record due in January cannot be stored until a city coordinator
 * adds the coming year. The product ships only the notices published when it was built. On a
 * local stack (tests, load runs, the demo) the coordinator here adds a stand-in with the one day
 * off no notice moves, New Year's Day, and says so; the official notice replaces it with the
 * same {@code PUT /api/inspection/calendar/{year}}.
 */
public final class ComingYearCalendar {

    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    /** How far ahead of today deadlines reach: records (≤ 60 working days) and disclosure. */
    static final int DAYS_AHEAD = 120;

    private ComingYearCalendar() {}

    /** Adds the stand-in as {@code coordinator} if deadlines from today reach a year the stack does not know; says what it did. */
    public static Optional<String> cover(Api coordinator, LocalDate today) {
        Optional<Integer> reached = yearReached(today);
        if (reached.isEmpty()) return Optional.empty();
        int coming = reached.get();
        Api.Response years = coordinator.get("/api/inspection/calendar");
        if (years.status() != 200) throw new IllegalStateException("the calendar's years: " + years.status() + " " + years.raw());
        for (JsonNode known : years.body().get("years")) {
            if (known.asInt() == coming) return Optional.empty();
        }
        Api.Response added = coordinator.put("/api/inspection/calendar/" + coming, standIn(coming));
        if (added.status() != 200) throw new IllegalStateException("the stand-in calendar for " + coming + ": " + added.status() + " " + added.raw());
        return Optional.of("the working-day calendar has no notice for " + coming + " yet: added a stand-in with New Year's Day only"
                + " (city coordinator; replace it with the State Council's notice: PUT /api/inspection/calendar/" + coming + ")");
    }

    public static Optional<String> cover(Api coordinator) {
        return cover(coordinator, LocalDate.now(CHINA));
    }

    /** The coming year, if deadlines counted from {@code today} may reach into it. */
    static Optional<Integer> yearReached(LocalDate today) {
        int reached = today.plusDays(DAYS_AHEAD).getYear();
        return reached == today.getYear() ? Optional.empty() : Optional.of(reached);
    }

    static String standIn(int year) {
        return "{\"year\":" + year + ",\"papers\":[],\"days\":[{\"name\":\"元旦\",\"date\":\"" + year + "-01-01\",\"isOffDay\":true}]}";
    }
}
