package cn.dsr.disclosure.yearlist;

import cn.dsr.disclosure.Inputs;
import cn.dsr.disclosure.feed.FeedType;
import cn.dsr.disclosure.feed.PublicChanges;
import cn.dsr.platform.tenant.CurrentUser;
import cn.dsr.platform.tenant.Roles;
import cn.dsr.platform.tenant.TenantTx;
import cn.dsr.platform.web.ProblemException;
import io.r2dbc.postgresql.codec.Json;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/** The yearly list of entities under random inspection: published once a year by each bureau, read by anyone. */
@RestController
public class YearlyListController {

    private final TenantTx tx;
    private final DatabaseClient db;
    private final PublicChanges changes;
    private final JsonMapper json;
    private final Clock clock;

    public YearlyListController(TenantTx tx, DatabaseClient db, PublicChanges changes, JsonMapper json, Clock clock) {
        this.tx = tx;
        this.db = db;
        this.changes = changes;
        this.json = json;
        this.clock = clock;
    }

    public record ListedEntity(String uscc, String name, String district, String category) {}

    public record YearlyListView(String tenant, int year, LocalDate due, boolean onTime, OffsetDateTime publishedAt, List<ListedEntity> entities) {}

    public record ListEntry(String tenant, int year, ListedEntity entity, int listSize, OffsetDateTime publishedAt) {}

    @PostMapping("/api/disclosure/yearly-lists/{year}")
    public Mono<YearlyListView> publish(@PathVariable int year) {
        int thisYear = LocalDate.now(clock).getYear();
        Inputs.range("year", year, thisYear, thisYear + 1); // prepared in December, due by the end of January
        return CurrentUser.current().flatMap(user -> user.require(Roles.DISTRICT_OPERATOR, Roles.DISTRICT_HEAD))
                .flatMap(user -> tx.inTenant(user.tenant(), db -> db.sql("SELECT 1 FROM public_yearly_list WHERE tenant = :t AND year = :y")
                        .bind("t", user.tenant()).bind("y", year).fetch().first()
                        .flatMap(exists -> Mono.<YearlyListView>error(ProblemException.conflict("the " + year + " list of " + user.tenant() + " is published already")))
                        .switchIfEmpty(Mono.defer(() -> publish(db, user, year)))));
    }

    private Mono<YearlyListView> publish(DatabaseClient db, CurrentUser user, int year) {
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        return db.sql("SELECT uscc, name, district, category, status FROM roster_entity WHERE tenant = :t ORDER BY uscc").bind("t", user.tenant())
                .map(r -> new Object[]{new ListedEntity(r.get("uscc", String.class), r.get("name", String.class), r.get("district", String.class),
                        r.get("category", String.class)), r.get("status", String.class)})
                .all()
                .filter(row -> YearlyList.listed((String) row[1]))
                .map(row -> (ListedEntity) row[0])
                .collectList()
                .filter(entities -> !entities.isEmpty())
                .switchIfEmpty(Mono.error(() -> ProblemException.conflict("the roster of " + user.tenant() + " has no entity in operation to list")))
                .flatMap(entities -> db.sql("""
                                INSERT INTO public_yearly_list (tenant, year, entities, published_by, published_at) VALUES (:t, :y, :e, :by, :at)""")
                        .bind("t", user.tenant()).bind("y", year).bind("e", Json.of(json.writeValueAsBytes(entities)))
                        .bind("by", user.username() == null ? user.subject() : user.username()).bind("at", now)
                        .then()
                        .thenMany(Flux.fromIterable(entities).concatMap(e -> changes.append(db, FeedType.LIST_PUBLISHED, e.uscc(),
                                user.tenant() + "/" + year + "/" + e.uscc(), user.tenant(), "1",
                                new ListEntry(user.tenant(), year, e, entities.size(), now))))
                        .then(Mono.fromSupplier(() -> view(user.tenant(), year, now, entities))));
    }

    /** Where each district stands with the year's list: published on time, late, or overdue (督办). */
    public record ListStatus(String district, int year, LocalDate due, OffsetDateTime publishedAt, boolean onTime, boolean overdue) {}

    @GetMapping("/api/disclosure/yearly-lists/{year}/status")
    public Flux<ListStatus> status(@PathVariable int year) {
        Inputs.range("year", year, 2020, 2100);
        LocalDate today = LocalDate.now(clock);
        return CurrentUser.current()
                .flatMap(user -> user.require(Roles.DISTRICT_OPERATOR, Roles.DISTRICT_HEAD, Roles.CITY_COORDINATOR, Roles.AUDITOR))
                .flatMapMany(user -> tx.manyInTenants(user.visibleTenants(), db -> db.sql("""
                                SELECT d.tenant, l.published_at FROM (SELECT DISTINCT tenant FROM roster_entity) d
                                  LEFT JOIN public_yearly_list l ON l.tenant = d.tenant AND l.year = :year ORDER BY d.tenant""")
                        .bind("year", year)
                        .map(r -> {
                            OffsetDateTime published = r.get("published_at", OffsetDateTime.class);
                            LocalDate on = published == null ? null : published.atZoneSameInstant(cn.dsr.disclosure.Quarter.CHINA).toLocalDate();
                            return new ListStatus(r.get("tenant", String.class), year, YearlyList.dueDate(year), published,
                                    on != null && YearlyList.onTime(year, on), YearlyList.overdue(year, today, on != null));
                        })
                        .all()));
    }

    @GetMapping("/public/disclosure/yearly-lists/{tenant}/{year}")
    public Mono<YearlyListView> read(@PathVariable String tenant, @PathVariable int year) {
        Inputs.division("tenant", tenant, true);
        return db.sql("SELECT entities::text AS e, published_at FROM public_yearly_list WHERE tenant = :t AND year = :y")
                .bind("t", tenant).bind("y", year)
                .map(r -> view(tenant, year, r.get("published_at", OffsetDateTime.class),
                        List.of(json.readValue(r.get("e", String.class), ListedEntity[].class))))
                .one()
                .switchIfEmpty(Mono.error(() -> ProblemException.notFound("no published " + year + " list of " + tenant)));
    }

    private static YearlyListView view(String tenant, int year, OffsetDateTime publishedAt, List<ListedEntity> entities) {
        LocalDate on = publishedAt.atZoneSameInstant(cn.dsr.disclosure.Quarter.CHINA).toLocalDate();
        return new YearlyListView(tenant, year, YearlyList.dueDate(year), YearlyList.onTime(year, on), publishedAt, entities);
    }
}
