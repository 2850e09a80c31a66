package cn.dsr.draw.plan;

import cn.dsr.draw.Numbering;
import cn.dsr.draw.core.eligibility.SupervisionCategory;
import cn.dsr.platform.tenant.CurrentUser;
import cn.dsr.platform.tenant.Roles;
import cn.dsr.platform.tenant.TenantTx;
import cn.dsr.platform.web.ProblemException;
import cn.dsr.platform.web.ProblemException.FieldViolation;
import io.r2dbc.postgresql.codec.Json;
import io.r2dbc.spi.Readable;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

@Service
public class PlanService {

    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    private final TenantTx tx;
    private final JsonMapper json;

    public PlanService(TenantTx tx, JsonMapper json) {
        this.tx = tx;
        this.json = json;
    }

    /**
     * Checks and stores a plan; a yearly plan becomes its quarters not yet over, sharing a series
     * id. A district plan is written by the district's operator or head, a city plan by the
     * city coordinator.
     */
    public Mono<List<Plan>> create(CurrentUser user, PlanRequest request) {
        String tenant = user.tenant();
        PlanLevel level = PlanLevel.of(tenant);
        boolean allowed = level == PlanLevel.CITY
                ? user.hasRole(Roles.CITY_COORDINATOR)
                : user.hasAnyRole(List.of(Roles.DISTRICT_OPERATOR, Roles.DISTRICT_HEAD));
        if (!allowed) {
            return Mono.error(ProblemException.forbidden(level == PlanLevel.CITY
                    ? "city plans are written by the city coordinator" : "plans are written by the district's operator or head"));
        }
        return tx.inTenants(user.visibleTenants(), db -> MinimumRatios.of(db, tenant)
                .zipWith(knownItems(db, request.items() == null ? List.of() : request.items()))
                .flatMap(settings -> {
                    List<FieldViolation> violations = PlanRules.check(request, tenant, settings.getT1(), settings.getT2());
                    List<Period> quarters = violations.isEmpty() ? openQuarters(request.period(), violations) : List.of();
                    if (!violations.isEmpty()) return Mono.error(ProblemException.invalid(violations));
                    return store(db, user, tenant, level, request, quarters);
                }));
    }

    private static List<Period> openQuarters(String period, List<FieldViolation> violations) {
        LocalDate today = LocalDate.now(CHINA);
        List<Period> open = Period.quartersOf(period).stream()
                .filter(q -> !LocalDate.of(q.year(), q.quarter() * 3, 1).plusMonths(1).isBefore(today.plusDays(1)))
                .toList();
        if (open.isEmpty()) violations.add(new FieldViolation("period", period + " is over"));
        return open;
    }

    private Mono<List<Plan>> store(DatabaseClient db, CurrentUser user, String tenant, PlanLevel level, PlanRequest request,
                                   List<Period> quarters) {
        PlanBody body = request.body();
        boolean yearly = !request.period().contains("Q");
        Mono<String> series = yearly ? Numbering.next(db, tenant, request.period(), 'P') : Mono.just("");
        return series.flatMap(s -> Flux.fromIterable(quarters)
                .concatMap(q -> (yearly ? Mono.just(s + "-Q" + q.quarter()) : Numbering.next(db, tenant, q.toString(), 'P'))
                        .flatMap(id -> insert(db, new Plan(id, tenant, level, q.toString(), yearly ? s : null, PlanStatus.DRAFT,
                                request.title().strip(), body, null, user.username(), null))))
                .collectList());
    }

    private Mono<Plan> insert(DatabaseClient db, Plan plan) {
        var insert = db.sql("""
                        INSERT INTO plan (id, tenant, level, period, series, status, title, body, created_by)
                        VALUES (:id, :tenant, :level, :period, :series, :status, :title, :body, :by)
                        RETURNING *""")
                .bind("id", plan.id()).bind("tenant", plan.tenant()).bind("level", plan.level().name())
                .bind("period", plan.period()).bind("status", plan.status().name()).bind("title", plan.title())
                .bind("body", Json.of(json.writeValueAsBytes(plan.body()))).bind("by", plan.createdBy());
        insert = plan.series() == null ? insert.bindNull("series", String.class) : insert.bind("series", plan.series());
        return insert.map(this::read).one();
    }

    public Flux<Plan> list(CurrentUser user, String period) {
        return tx.manyInTenants(user.visibleTenants(), db -> (period == null
                ? db.sql("SELECT * FROM plan ORDER BY id")
                : db.sql("SELECT * FROM plan WHERE period = :period ORDER BY id").bind("period", period))
                .map(this::read).all());
    }

    public Mono<Plan> get(CurrentUser user, String id) {
        return tx.inTenants(user.visibleTenants(), db -> find(db, id))
                .switchIfEmpty(Mono.error(() -> ProblemException.notFound("no plan " + id)));
    }

    /** Closes an executed plan once the period's inspections are done. */
    public Mono<Plan> close(CurrentUser user, String id) {
        return user.require(Roles.DISTRICT_OPERATOR, Roles.DISTRICT_HEAD, Roles.CITY_COORDINATOR)
                .flatMap(u -> tx.inTenants(u.visibleTenants(), db -> db.sql("""
                                UPDATE plan SET status = 'CLOSED', closed_by = :by, closed_at = now()
                                 WHERE id = :id AND status = 'EXECUTED' AND tenant = :tenant RETURNING *""")
                        .bind("id", id).bind("by", u.username()).bind("tenant", u.tenant())
                        .map(this::read).one()
                        .switchIfEmpty(find(db, id)
                                .switchIfEmpty(Mono.error(() -> ProblemException.notFound("no plan " + id)))
                                .flatMap(p -> Mono.error(ProblemException.conflict("plan " + id + " is " + p.status()
                                        + "; only an executed plan of your own tenant can be closed"))))));
    }

    /** The plans of a draw, in the order given, all found or a refusal naming the missing one. */
    public Mono<List<Plan>> require(DatabaseClient db, List<String> ids) {
        return db.sql("SELECT * FROM plan WHERE id = ANY(:ids)").bind("ids", ids.toArray(String[]::new))
                .map(this::read).all()
                .collectMap(Plan::id, Function.identity())
                .flatMap(found -> {
                    for (int i = 0; i < ids.size(); i++) {
                        if (!found.containsKey(ids.get(i))) {
                            return Mono.error(ProblemException.invalid("plans[" + i + "]", "no plan " + ids.get(i)));
                        }
                    }
                    return Mono.just(ids.stream().map(found::get).toList());
                });
    }

    /** Moves the plans of a draw along their lifecycle; refuses unless every one is in the expected status. */
    public Mono<Void> advance(DatabaseClient db, Collection<String> ids, PlanStatus from, PlanStatus to, String drawId) {
        return db.sql("UPDATE plan SET status = :to, draw_id = :draw WHERE id = ANY(:ids) AND status = :from")
                .bind("to", to.name()).bind("from", from.name()).bind("draw", drawId).bind("ids", ids.toArray(String[]::new))
                .fetch().rowsUpdated()
                .flatMap(n -> n == ids.size() ? Mono.<Void>empty()
                        : Mono.error(ProblemException.conflict("every plan of the draw must be " + from + "; one is not")));
    }

    public Mono<Map<String, KnownItem>> knownItems(DatabaseClient db, Collection<String> ids) {
        return db.sql("SELECT * FROM replica_item WHERE id::text = ANY(:ids)").bind("ids", ids.toArray(String[]::new))
                .map(row -> new KnownItem(row.get("id", UUID.class).toString(), row.get("tenant", String.class),
                        row.get("year", Integer.class), row.get("status", String.class), row.get("name", String.class),
                        Arrays.asList(row.get("methods", String[].class)),
                        Arrays.asList(row.get("required_expertise", String[].class))))
                .all().collect(Collectors.toMap(KnownItem::id, Function.identity()));
    }

    private Mono<Plan> find(DatabaseClient db, String id) {
        return db.sql("SELECT * FROM plan WHERE id = :id").bind("id", id).map(this::read).one();
    }

    private Plan read(Readable row) {
        return new Plan(row.get("id", String.class), row.get("tenant", String.class),
                PlanLevel.valueOf(row.get("level", String.class)), row.get("period", String.class),
                row.get("series", String.class), PlanStatus.valueOf(row.get("status", String.class)),
                row.get("title", String.class), json.readValue(row.get("body", Json.class).asArray(), PlanBody.class),
                row.get("draw_id", String.class), row.get("created_by", String.class),
                row.get("created_at", OffsetDateTime.class));
    }

    public Mono<Map<SupervisionCategory, Integer>> minimumRatios(CurrentUser user) {
        return tx.inTenants(user.visibleTenants(), db -> MinimumRatios.of(db, user.tenant()));
    }

    /** The district's head sets its own minimums; the city coordinator its own and its districts'. */
    public Mono<Map<SupervisionCategory, Integer>> setMinimumRatios(CurrentUser user, String tenant,
                                                                    Map<SupervisionCategory, Integer> minimums) {
        boolean own = tenant.equals(user.tenant()) && user.hasAnyRole(List.of(Roles.DISTRICT_HEAD, Roles.CITY_COORDINATOR));
        boolean district = user.hasRole(Roles.CITY_COORDINATOR) && CurrentUser.isCityLevel(user.tenant())
                && tenant.matches("[0-9]{6}") && tenant.startsWith(user.tenant().substring(0, 4));
        if (!own && !district) return Mono.error(ProblemException.forbidden("not allowed to set the minimum ratios of " + tenant));
        for (var e : minimums.entrySet()) {
            if (e.getValue() == null || e.getValue() < 0 || e.getValue() > 10_000) {
                return Mono.error(ProblemException.invalid("minRatioBp." + e.getKey(), "must be 0..10000 basis points"));
            }
        }
        return tx.inTenants(user.visibleTenants(), db -> MinimumRatios.set(db, tenant, minimums, user.username())
                .then(MinimumRatios.of(db, tenant)));
    }
}
