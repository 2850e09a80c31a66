package cn.dsr.inspection.calendar;

import cn.dsr.platform.refusal.Refused;
import cn.dsr.platform.refusal.Violation;
import cn.dsr.platform.tenant.CurrentUser;
import cn.dsr.platform.tenant.Roles;
import cn.dsr.workingdays.Adjustment;
import cn.dsr.workingdays.HolidayNotice;
import cn.dsr.workingdays.UnknownYearException;
import cn.dsr.workingdays.WorkingDays;
import io.r2dbc.postgresql.codec.Json;
import io.r2dbc.spi.Readable;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * The official working-day calendar as this service uses it: the years shipped with the
 * working-days module, plus every year added and day fixed by an administrator, replayed from
 * {@code calendar_change}. Each use checks the newest change id, so a change made through any
 * instance is seen by all of them at once.
 */
@Service
public class CalendarService {

    private final DatabaseClient db;
    private final AtomicReference<Loaded> loaded = new AtomicReference<>(new Loaded(0, WorkingDays.official()));

    public CalendarService(DatabaseClient db) {
        this.db = db;
    }

    private record Loaded(long version, WorkingDays calendar) {}

    private record Change(long id, int year, HolidayNotice notice, Adjustment day) {
        WorkingDays applyTo(WorkingDays calendar) {
            return notice != null ? calendar.withNotice(notice) : calendar.withDay(day);
        }
    }

    /** One year as the calendar holds it: the notice's sources and the days set apart, fixes included. */
    public record YearView(int year, List<String> papers, List<Adjustment> days) {}

    public Mono<WorkingDays> current() {
        return db.sql("SELECT coalesce(max(id), 0) AS version FROM calendar_change")
                .map(row -> row.get("version", Long.class)).one()
                .flatMap(version -> version == loaded.get().version() ? Mono.just(loaded.get().calendar()) : reload());
    }

    public Mono<List<Integer>> years() {
        return current().map(calendar -> List.copyOf(calendar.years()));
    }

    public Mono<YearView> year(int year) {
        return current().map(calendar -> view(calendar, year));
    }

    /** Adds a year's notice, or replaces it with a corrected one (in the holiday-cn format). */
    public Mono<YearView> addYear(CurrentUser user, int year, HolidayNotice notice) {
        requireAdministrator(user);
        if (notice.year() != year) throw Refused.invalid("year", "the notice is for " + notice.year() + ", the address for " + year);
        return db.sql("INSERT INTO calendar_change (year, notice, changed_by) VALUES (:year, :notice, :by)")
                .bind("year", year).bind("notice", Json.of(notice.toJson())).bind("by", user.username())
                .then()
                .then(Mono.defer(() -> year(year)));
    }

    /** Fixes one day of a known year: a holiday or makeup working day the notice changed, or an error in the data. */
    public Mono<YearView> fixDay(CurrentUser user, LocalDate date, Boolean offDay, String name, String reason) {
        requireAdministrator(user);
        List<Violation> problems = new ArrayList<>();
        if (offDay == null) problems.add(new Violation("offDay", "is required: true for a day off, false for a working day"));
        if (reason == null || reason.isBlank()) problems.add(new Violation("reason", "a fix says why, e.g. the notice it follows"));
        else if (reason.length() > 500) problems.add(new Violation("reason", "at most 500 characters"));
        if (name != null && name.length() > 50) problems.add(new Violation("name", "at most 50 characters"));
        Refused.unless(problems);
        Adjustment day = new Adjustment(date, offDay, name);
        return current()
                .map(calendar -> calendar.withDay(day)) // an unknown year is refused before anything is stored
                .then(Mono.defer(() -> {
                    var insert = db.sql("INSERT INTO calendar_change (year, day, off_day, name, reason, changed_by) VALUES (:year, :day, :off, :name, :reason, :by)")
                            .bind("year", date.getYear()).bind("day", date).bind("off", offDay)
                            .bind("reason", reason.strip()).bind("by", user.username());
                    return (day.name() == null ? insert.bindNull("name", String.class) : insert.bind("name", day.name())).then();
                }))
                .then(Mono.defer(() -> year(date.getYear())));
    }

    private Mono<WorkingDays> reload() {
        return db.sql("SELECT id, year, notice, day, off_day, name FROM calendar_change ORDER BY id")
                .map(CalendarService::read).all()
                .reduce(new Loaded(0, WorkingDays.official()), (acc, change) -> new Loaded(change.id(), change.applyTo(acc.calendar())))
                .doOnNext(loaded::set)
                .map(Loaded::calendar);
    }

    private static Change read(Readable row) {
        Json notice = row.get("notice", Json.class);
        LocalDate day = row.get("day", LocalDate.class);
        return new Change(row.get("id", Long.class), row.get("year", Integer.class),
                notice == null ? null : HolidayNotice.read(notice.asArray()),
                day == null ? null : new Adjustment(day, row.get("off_day", Boolean.class), row.get("name", String.class)));
    }

    private static YearView view(WorkingDays calendar, int year) {
        HolidayNotice notice = calendar.notice(year).orElseThrow(() -> new UnknownYearException(year));
        return new YearView(year, notice.papers(), calendar.adjustmentsIn(year));
    }

    /** The calendar is national: the city detachment keeps it for the districts it coordinates. */
    static void requireAdministrator(CurrentUser user) {
        if (!user.hasRole(Roles.CITY_COORDINATOR)) throw Refused.forbidden("the working-day calendar is kept by a city coordinator");
    }
}
