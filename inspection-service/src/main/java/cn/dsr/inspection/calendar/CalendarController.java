package cn.dsr.inspection.calendar;

import cn.dsr.platform.refusal.Refused;
import cn.dsr.platform.refusal.Violation;
import cn.dsr.inspection.calendar.CalendarService.YearView;
import cn.dsr.platform.tenant.CurrentUser;
import cn.dsr.platform.web.ProblemException;
import cn.dsr.workingdays.Adjustment;
import cn.dsr.workingdays.HolidayNotice;
import cn.dsr.workingdays.UnknownYearException;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** The official working-day calendar: read by anyone signed in, kept by a city coordinator. */
@RestController
@RequestMapping("/api/inspection/calendar")
public class CalendarController {

    private final CalendarService calendar;

    public CalendarController(CalendarService calendar) {
        this.calendar = calendar;
    }

    /** A year's notice in the holiday-cn format, as the State Council's notice is transcribed. */
    public record NoticeBody(Integer year, List<String> papers, List<DayBody> days) {

        HolidayNotice notice(int pathYear) {
            int year = this.year == null ? pathYear : this.year;
            List<Adjustment> adjustments = new ArrayList<>();
            List<Violation> problems = new ArrayList<>();
            List<DayBody> given = days == null ? List.of() : days;
            for (int i = 0; i < given.size(); i++) {
                DayBody day = given.get(i);
                if (day == null || day.date() == null) problems.add(new Violation("days[" + i + "].date", "is required"));
                else if (day.offDay() == null) problems.add(new Violation("days[" + i + "].isOffDay", "is required"));
                else adjustments.add(new Adjustment(day.date(), day.offDay(), day.name()));
            }
            Refused.unless(problems);
            Refused.unless(HolidayNotice.problems(year, adjustments).stream()
                    .map(p -> new Violation(p.field(), p.message())).toList());
            return new HolidayNotice(year, papers, adjustments);
        }
    }

    public record DayBody(String name, LocalDate date, @JsonProperty("isOffDay") Boolean offDay) {}

    public record DayFix(Boolean offDay, String name, String reason) {}

    public record Years(List<Integer> years) {}

    @GetMapping
    public Mono<Years> years() {
        return CurrentUser.current().then(calendar.years()).map(Years::new);
    }

    @GetMapping("/{year}")
    public Mono<YearView> year(@PathVariable int year) {
        return CurrentUser.current().then(calendar.year(year))
                .onErrorMap(UnknownYearException.class, e -> ProblemException.notFound(e.getMessage()));
    }

    /** Adds the year's notice or replaces it; a new notice supersedes days fixed by hand in that year. */
    @PutMapping("/{year}")
    public Mono<YearView> addYear(@PathVariable int year, @RequestBody NoticeBody body) {
        return CurrentUser.current().flatMap(user -> {
            CalendarService.requireAdministrator(user);
            return calendar.addYear(user, year, body.notice(year));
        });
    }

    @PutMapping("/days/{date}")
    public Mono<YearView> fixDay(@PathVariable LocalDate date, @RequestBody DayFix body) {
        return CurrentUser.current().flatMap(user -> calendar.fixDay(user, date, body.offDay(), body.name(), body.reason()));
    }
}
