package cn.dsr.disclosure.stats;

import cn.dsr.disclosure.Inputs;
import cn.dsr.disclosure.Quarter;
import cn.dsr.disclosure.result.Conclusion;
import cn.dsr.platform.tenant.CurrentUser;
import cn.dsr.platform.tenant.Roles;
import cn.dsr.platform.tenant.TenantTx;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The detachment's figures (§8): per district and quarter, the city view across its districts,
 * and the disclosures not made in time (督办). A district's staff see their district; the city's
 * coordinator and auditor see every district of the city.
 */
@RestController
@RequestMapping("/api/disclosure/statistics")
public class StatisticsController {

    private final TenantTx tx;
    private final Clock clock;

    public StatisticsController(TenantTx tx, Clock clock) {
        this.tx = tx;
        this.clock = clock;
    }

    /** A quarter's figures; for a month's dispatch table the results are those inspected in {@code month}, the plans and draws the quarter's. */
    public record Report(String period, String month, LocalDate asOf, List<Figures> districts, Figures city) {}

    public record Overdue(String district, String resultId, String uscc, String name, LocalDate due, LocalDate publishedOn) {}

    record Dataset(List<Facts.Entity> entities, List<Facts.Plan> plans, List<Facts.Visit> visits, List<ResultRow> results) {}

    record ResultRow(Facts.Result fact, String uscc, String name, LocalDate inspectionDate) {}

    @GetMapping
    public Mono<Report> report(@RequestParam String period) {
        Inputs.period("period", period, true);
        return load(period).map(t -> report(t.getT1(), period, null, t.getT2()));
    }

    /** The monthly dispatch table (月调度表, 001: by the 5th for the previous month). */
    @GetMapping("/monthly")
    public Mono<Report> monthly(@RequestParam String month) {
        YearMonth m = month(month);
        String period = Quarter.of(m.atDay(1));
        return load(period).map(t -> report(t.getT1(), period, m, t.getT2()));
    }

    @GetMapping(value = "/monthly.xlsx", produces = QuarterlyWorkbook.MEDIA_TYPE)
    public Mono<ResponseEntity<byte[]>> monthlyXlsx(@RequestParam String month) {
        YearMonth m = month(month);
        return spreadsheet(Quarter.of(m.atDay(1)), m, "statistics-%s-" + m + ".xlsx");
    }

    @GetMapping("/overdue")
    public Mono<List<Overdue>> overdue(@RequestParam String period) {
        Inputs.period("period", period, true);
        LocalDate today = LocalDate.now(clock);
        return load(period).map(t -> t.getT2().results().stream()
                .filter(r -> Statistics.overdue(r.fact(), today))
                .map(StatisticsController::overdue)
                .sorted(java.util.Comparator.comparing(Overdue::district).thenComparing(Overdue::due))
                .toList());
    }

    /** The quarterly table (季度统计表) as a spreadsheet: one row per district, the city's total last, overdue disclosures on a second sheet. */
    @GetMapping(value = "/quarterly.xlsx", produces = QuarterlyWorkbook.MEDIA_TYPE)
    public Mono<ResponseEntity<byte[]>> xlsx(@RequestParam String period) {
        Inputs.period("period", period, true);
        return spreadsheet(period, null, "statistics-%s-" + period + ".xlsx");
    }

    /** The table as a spreadsheet: one row per district, the city's total last, overdue disclosures on a second sheet. */
    private Mono<ResponseEntity<byte[]>> spreadsheet(String period, YearMonth month, String filename) {
        LocalDate today = LocalDate.now(clock);
        return load(period).publishOn(Schedulers.boundedElastic()).map(t -> {
            Report report = report(t.getT1(), period, month, t.getT2());
            List<Overdue> overdue = within(t.getT2(), month).results().stream().filter(r -> Statistics.overdue(r.fact(), today))
                    .map(StatisticsController::overdue).toList();
            byte[] body = QuarterlyWorkbook.write(t.getT1().tenant(), report, overdue);
            return ResponseEntity.ok().contentType(MediaType.parseMediaType(QuarterlyWorkbook.MEDIA_TYPE))
                    .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + String.format(filename, t.getT1().tenant()) + "\"")
                    .body(body);
        });
    }

    private static Overdue overdue(ResultRow r) {
        return new Overdue(r.fact().district(), r.fact().visitId(), r.uscc(), r.name(), r.fact().disclosureDue(), r.fact().firstPublishedOn());
    }

    private static YearMonth month(String month) {
        try {
            return YearMonth.parse(month == null ? "" : month);
        } catch (java.time.format.DateTimeParseException e) {
            throw cn.dsr.platform.web.ProblemException.invalid("month", "a month such as 2026-05");
        }
    }

    /** The dataset with only the results inspected in the month; all of them without one. */
    private static Dataset within(Dataset data, YearMonth month) {
        if (month == null) return data;
        return new Dataset(data.entities(), data.plans(), data.visits(),
                data.results().stream().filter(r -> YearMonth.from(r.inspectionDate()).equals(month)).toList());
    }

    private Report report(CurrentUser user, String period, YearMonth month, Dataset all) {
        LocalDate today = LocalDate.now(clock);
        Dataset data = within(all, month);
        List<Facts.Result> results = data.results().stream().map(ResultRow::fact).toList();
        boolean city = user.visibleTenants().size() > 1;
        TreeSet<String> districts = new TreeSet<>();
        if (city) {
            data.entities().forEach(e -> districts.add(e.district()));
            data.visits().forEach(v -> districts.add(v.district()));
            results.forEach(r -> districts.add(r.district()));
            data.plans().forEach(p -> districts.add(p.district()));
            districts.remove(user.tenant());
        } else {
            districts.add(user.tenant());
        }
        List<Figures> rows = districts.stream()
                .map(d -> Statistics.of(d, d::equals, period, data.entities(), data.plans(), data.visits(), results, today)).toList();
        Figures total = city ? Statistics.of(user.tenant(), inScope(user), period, data.entities(), data.plans(), data.visits(), results, today) : null;
        return new Report(period, month == null ? null : month.toString(), today, rows, total);
    }

    private Mono<reactor.util.function.Tuple2<CurrentUser, Dataset>> load(String period) {
        return CurrentUser.current()
                .flatMap(user -> user.require(Roles.DISTRICT_OPERATOR, Roles.DISTRICT_HEAD, Roles.CITY_COORDINATOR, Roles.AUDITOR))
                .flatMap(user -> tx.inTenants(user.visibleTenants(), db -> dataset(db, period, inScope(user))).map(d -> reactor.util.function.Tuples.of(user, d)));
    }

    private static Predicate<String> inScope(CurrentUser user) {
        return division -> user.visibleTenants().stream()
                .anyMatch(s -> s.endsWith("*") ? division.startsWith(s.substring(0, s.length() - 1)) : s.equals(division));
    }

    private static Mono<Dataset> dataset(DatabaseClient db, String period, Predicate<String> inScope) {
        Mono<List<Facts.Entity>> entities = db.sql("SELECT district, category, status FROM roster_entity")
                .map(r -> new Facts.Entity(r.get("district", String.class), r.get("category", String.class), "ACTIVE".equals(r.get("status", String.class))))
                .all().collectList();
        // public rows: everyone may read them, so the caller's scope is applied here
        Mono<List<Facts.Plan>> plans = db.sql("SELECT tenant, period, planned FROM public_plan WHERE period = :period").bind("period", period)
                .map(r -> new Facts.Plan(r.get("tenant", String.class), r.get("period", String.class), r.get("planned", Integer.class)))
                .all().filter(p -> inScope.test(p.district())).collectList();
        Mono<List<Facts.Visit>> visits = db.sql("SELECT visit_id, district, period, joint, credit_risk FROM drawn_visit WHERE NOT void AND period = :period")
                .bind("period", period)
                .map(r -> new Facts.Visit(r.get("visit_id", String.class), r.get("district", String.class), r.get("period", String.class),
                        r.get("joint", Boolean.class), r.get("credit_risk", Boolean.class)))
                .all().collectList();
        Mono<List<ResultRow>> results = db.sql("""
                        SELECT DISTINCT ON (v.result_id) v.result_id, v.district, v.period, v.conclusion, v.state, v.uscc, v.name, v.inspection_date,
                               f.entered_on_time, f.due,
                               (SELECT min(p.published_at) FROM result_version p WHERE p.result_id = v.result_id) AS first_published
                          FROM result_version v
                          JOIN LATERAL (SELECT entered_on_time, due FROM result_version o WHERE o.result_id = v.result_id ORDER BY o.version LIMIT 1) f ON true
                         WHERE v.random AND v.period = :period
                         ORDER BY v.result_id, v.version DESC""")
                .bind("period", period)
                .map(r -> {
                    OffsetDateTime published = r.get("first_published", OffsetDateTime.class);
                    return new ResultRow(new Facts.Result(r.get("result_id", String.class), r.get("district", String.class), r.get("period", String.class),
                            Conclusion.valueOf(r.get("conclusion", String.class)), r.get("entered_on_time", Boolean.class),
                            "WITHHELD".equals(r.get("state", String.class)), r.get("due", LocalDate.class),
                            published == null ? null : published.atZoneSameInstant(Quarter.CHINA).toLocalDate()),
                            r.get("uscc", String.class), r.get("name", String.class), r.get("inspection_date", LocalDate.class));
                })
                .all().collectList();
        return Mono.zip(entities, plans, visits, results).map(t -> new Dataset(t.getT1(), t.getT2(), t.getT3(), t.getT4()));
    }
}
