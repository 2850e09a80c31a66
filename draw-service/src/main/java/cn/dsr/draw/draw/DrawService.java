package cn.dsr.draw.draw;

import cn.dsr.draw.Numbering;
import cn.dsr.draw.access.AccessLog;
import cn.dsr.draw.core.Hashes;
import cn.dsr.draw.core.draw.DeclaredSource;
import cn.dsr.draw.core.draw.DrawInput;
import cn.dsr.draw.core.draw.DrawRecord;
import cn.dsr.draw.core.draw.EntityDraw;
import cn.dsr.draw.core.draw.Randomness;
import cn.dsr.draw.core.draw.RandomnessValue;
import cn.dsr.draw.core.draw.Selected;
import cn.dsr.draw.core.eligibility.EligibilityRules;
import cn.dsr.draw.core.eligibility.StratumRule;
import cn.dsr.draw.core.json.Jcs;
import cn.dsr.draw.core.json.JsonParser;
import cn.dsr.draw.core.matching.Assignment;
import cn.dsr.draw.core.matching.MatchingInfeasibleException;
import cn.dsr.draw.core.matching.Unstaffed;
import cn.dsr.draw.draw.DrawStore.DrawRow;
import cn.dsr.draw.draw.DrawStore.Source;
import cn.dsr.draw.draw.FrozenPlan.FrozenItem;
import cn.dsr.draw.draw.Freezing.TeamRoster;
import cn.dsr.draw.draw.FrozenPlan.FrozenStratum;
import cn.dsr.draw.plan.KnownItem;
import cn.dsr.draw.plan.OneToN;
import cn.dsr.draw.plan.Period;
import cn.dsr.draw.plan.Plan;
import cn.dsr.draw.plan.PlanBody.StratumSpec;
import cn.dsr.draw.plan.PlanLevel;
import cn.dsr.draw.plan.PlanService;
import cn.dsr.draw.plan.PlanStatus;
import cn.dsr.draw.replica.ReplicatedEntity;
import cn.dsr.draw.replica.ReplicatedInspector;
import cn.dsr.draw.replica.RosterSnapshot;
import cn.dsr.draw.replica.RosterSnapshot.Revisions;
import cn.dsr.platform.outbox.Outbox;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import cn.dsr.platform.tenant.CurrentUser;
import cn.dsr.platform.tenant.Roles;
import cn.dsr.platform.tenant.TenantTx;
import cn.dsr.platform.web.ProblemException;
import cn.dsr.platform.web.ProblemException.FieldViolation;
import io.r2dbc.postgresql.codec.Json;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * The life of a draw: schedule (freeze the input, publish the commitment), reveal (collect the
 * randomness), execute (exactly once), cancel (with a reason and the head's approval, never
 * silently), disclose. Every step runs in one tenant transaction with its event in the outbox.
 */
@Service
public class DrawService {

    private final TenantTx tx;
    private final PlanService plans;
    private final RosterSnapshot roster;
    private final DrawStore store;
    private final Outbox outbox;
    private final AccessLog accessLog;
    private final JsonMapper json;
    private final Counter executed;

    public DrawService(TenantTx tx, PlanService plans, RosterSnapshot roster, DrawStore store, Outbox outbox,
                       AccessLog accessLog, JsonMapper json, MeterRegistry meters) {
        this.tx = tx;
        this.plans = plans;
        this.roster = roster;
        this.store = store;
        this.outbox = outbox;
        this.accessLog = accessLog;
        this.json = json;
        this.executed = Counter.builder("dsr.draws.executed").description("draws executed, counted once committed").register(meters);
    }

    public record SourceRequest(String source, String commitment) {}

    public record ScheduleRequest(List<String> plans, List<SourceRequest> sources) {}

    public record RevealRequest(String source, String value) {}

    public record CancelRequest(String reason) {}

    public Mono<Draw> get(CurrentUser user, String id) {
        return tx.inTenants(user.visibleTenants(), db -> store.view(db, id)).switchIfEmpty(notFound(id));
    }

    public Flux<Draw> list(CurrentUser user) {
        return tx.manyInTenants(user.visibleTenants(), db -> db.sql("SELECT id FROM draw ORDER BY id")
                .map(r -> r.get("id", String.class)).all().concatMap(id -> store.view(db, id)));
    }

    // ---- schedule: freeze the input, publish the commitment

    public Mono<Draw> schedule(CurrentUser user, ScheduleRequest request) {
        List<String> ids = request.plans() == null ? List.of() : request.plans();
        if (ids.isEmpty()) return Mono.error(ProblemException.invalid("plans", "a draw draws for at least one plan"));
        if (new HashSet<>(ids).size() != ids.size()) return Mono.error(ProblemException.invalid("plans", "a plan is listed twice"));
        List<DeclaredSource> sources;
        try {
            sources = declaredSources(request.sources());
        } catch (ProblemException e) {
            return Mono.error(e);
        }
        return tx.inTenants(user.visibleTenants(), db -> plans.require(db, ids)
                .flatMap(found -> freeze(db, user, found, sources))
                .flatMap(id -> store.view(db, id)));
    }

    static List<DeclaredSource> declaredSources(List<SourceRequest> requested) {
        if (requested == null || requested.isEmpty()) {
            throw ProblemException.invalid("sources", "name the randomness sources: parties with commitments, public values");
        }
        List<DeclaredSource> sources = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < requested.size(); i++) {
            SourceRequest s = requested.get(i);
            try {
                if (s == null) throw new IllegalArgumentException("a source is named");
                DeclaredSource declared = new DeclaredSource(s.source(), Optional.ofNullable(s.commitment()));
                if (!names.add(declared.source())) throw new IllegalArgumentException(s.source() + " is named twice");
                sources.add(declared);
            } catch (IllegalArgumentException e) {
                throw ProblemException.invalid("sources[" + i + "]", e.getMessage());
            }
        }
        Freezing.weakSources(sources).ifPresent(why -> { throw ProblemException.invalid("sources", why); });
        sources.sort(Comparator.comparing(DeclaredSource::source));
        return sources;
    }

    private Mono<String> freeze(DatabaseClient db, CurrentUser user, List<Plan> found, List<DeclaredSource> sources) {
        Plan first = found.get(0);
        String tenant = first.tenant();
        for (int i = 0; i < found.size(); i++) {
            Plan p = found.get(i);
            if (!p.tenant().equals(user.tenant())) {
                return Mono.error(ProblemException.forbidden("plan " + p.id() + " belongs to " + p.tenant() + ": a bureau draws for its own plans"));
            }
            if (!p.period().equals(first.period())) {
                return Mono.error(ProblemException.invalid("plans[" + i + "]", "plan " + p.id() + " is for " + p.period()
                        + "; one draw covers one period (" + first.period() + ")"));
            }
            if (p.status() != PlanStatus.DRAFT) {
                return Mono.error(ProblemException.conflict("plan " + p.id() + " is " + p.status() + "; only a draft plan is scheduled"));
            }
        }
        ProblemException denied = operatorDenied(user, tenant);
        if (denied != null) return Mono.error(denied);
        EligibilityRules rules = Freezing.sharedRules(found).orElse(null);
        if (rules == null) return Mono.error(ProblemException.invalid("plans", "the plans of one draw share their exclusion settings"));
        Set<String> previous = found.stream().map(Plan::drawId).filter(Objects::nonNull).collect(Collectors.toSet());
        if (previous.size() > 1) {
            return Mono.error(ProblemException.conflict("the plans come from different cancelled draws " + previous + "; redraw them separately"));
        }
        String replaces = previous.isEmpty() ? null : previous.iterator().next();
        Period period = first.quarter();
        Set<String> itemIds = found.stream().flatMap(p -> p.body().items().stream()).collect(Collectors.toSet());
        Mono<TeamRoster> team = Mono.zip(roster.inspectors(db), roster.conflictsInForce(db, period.firstDay(), period.lastDay()),
                roster.previousInspectors(db)).map(t -> new TeamRoster(t.getT1(), t.getT2(), t.getT3()));
        return Mono.zip(Numbering.next(db, tenant, period.toString(), 'D'), plans.knownItems(db, itemIds), roster.entities(db),
                        roster.history(db, period.year()), roster.revisions(db), team)
                .flatMap(t -> frozenPlans(db, found, t.getT2(), period).flatMap(frozen -> {
                    String drawId = t.getT1();
                    Revisions revisions = t.getT5();
                    if (revisions.byTenant().isEmpty()) {
                        return Mono.error(ProblemException.conflict("the roster replica is empty: nothing to draw from yet"));
                    }
                    DrawInput input;
                    try {
                        input = Freezing.input(drawId, tenant, period, revisions.text(), sources, found, frozen, rules, t.getT3(), t.getT4(),
                                t.getT6());
                    } catch (IllegalArgumentException e) {
                        return Mono.error(ProblemException.conflict("the plans cannot be drawn: " + e.getMessage()));
                    }
                    return insertDraw(db, user, first.level(), period, found, frozen, input, revisions, replaces)
                            .thenReturn(drawId);
                }));
    }

    /** Freezes each plan: its items as the list names them, its strata with the quota basis decided now. */
    private Mono<Map<String, FrozenPlan>> frozenPlans(DatabaseClient db, List<Plan> found, Map<String, KnownItem> items, Period period) {
        String tenant = found.get(0).tenant();
        Mono<Integer> inPost = roster.inPostCount(db, tenant, period.year()).cache();
        return Flux.fromIterable(found).concatMap(plan -> {
            List<FrozenItem> frozenItems = new ArrayList<>();
            for (String id : plan.body().items()) {
                KnownItem item = items.get(id);
                if (item == null) return Mono.error(ProblemException.conflict("item " + id + " of plan " + plan.id() + " is not in the replica"));
                frozenItems.add(new FrozenItem(id, item.name(), item.requiredExpertise()));
            }
            List<StratumSpec> specs = plan.body().strata();
            return Flux.range(0, specs.size())
                    .concatMap(i -> frozenStratum(db, plan, i, specs.get(i), inPost, period))
                    .collectList()
                    .map(strata -> new FrozenPlan(plan.id(), plan.body().method(), plan.body().joint(), plan.body().teamSize(),
                            plan.body().capBp(), plan.body().team(), frozenItems, strata));
        }).collect(LinkedHashMap::new, (map, p) -> map.put(p.planId(), p));
    }

    private Mono<FrozenStratum> frozenStratum(DatabaseClient db, Plan plan, int index, StratumSpec spec, Mono<Integer> inPost,
                                             Period period) {
        StratumRule shape = spec.creditRisk() == null
                ? StratumRule.of(spec.category(), 0, 0, false)
                : StratumRule.of(spec.category(), spec.creditRisk(), 0, 0, false);
        String id = shape.stratumId(plan.id());
        String category = spec.category().name();
        String risk = spec.creditRisk() == null ? null : spec.creditRisk().name();
        if (spec.entitiesPerInspector() == null) {
            return Mono.just(new FrozenStratum(id, category, risk, spec.ratioBp(), null, null, null, spec.minCount(), spec.coverage()));
        }
        return inPost
                .switchIfEmpty(Mono.error(() -> ProblemException.conflict("no in-post count (在编在岗人数) of " + plan.tenant() + " for "
                        + period.year() + " in the roster replica: the 1:N rule of " + plan.id() + " strata[" + index + "] needs it")))
                .zipWith(roster.drawnUnderOneToN(db, plan.tenant(), period.year(), category, risk))
                .map(t -> new FrozenStratum(id, category, risk, null, spec.entitiesPerInspector(), t.getT1(), t.getT2(),
                        Math.max(spec.minCount(), OneToN.quarterlyCount(t.getT1(), spec.entitiesPerInspector(), t.getT2(),
                                period.periodsLeftInYear())),
                        spec.coverage()));
    }

    private Mono<Void> insertDraw(DatabaseClient db, CurrentUser user, PlanLevel level, Period period, List<Plan> found,
                                  Map<String, FrozenPlan> frozen, DrawInput input, Revisions revisions, String replaces) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        String digest = input.digest();
        List<String> planIds = found.stream().map(Plan::id).toList();
        var insert = db.sql("""
                        INSERT INTO draw (id, tenant, level, period, year, plan_ids, plans, input, input_digest, roster_revision,
                            roster_revisions, replaces, status, scheduled_by, scheduled_at)
                        VALUES (:id, :tenant, :level, :period, :year, :planIds, :plans, :input, :digest, :revision, :revisions,
                            :replaces, 'SCHEDULED', :by, :at)""")
                .bind("id", input.drawId()).bind("tenant", input.tenant()).bind("level", level.name())
                .bind("period", period.toString()).bind("year", period.year()).bind("planIds", planIds.toArray(String[]::new))
                .bind("plans", Json.of(store.plansJson(List.copyOf(frozen.values()))))
                .bind("input", Jcs.canonical(input.toJson())).bind("digest", digest)
                .bind("revision", revisions.total()).bind("revisions", revisions.text())
                .bind("by", user.username() == null ? user.subject() : user.username()).bind("at", now);
        insert = replaces == null ? insert.bindNull("replaces", String.class) : insert.bind("replaces", replaces);
        List<DrawEvents.Source> published = input.sources().stream()
                .map(s -> new DrawEvents.Source(s.source(), s.commitment().orElse(null))).toList();
        return insert.then()
                .thenMany(Flux.fromIterable(input.sources()).concatMap(s -> {
                    var source = db.sql("INSERT INTO draw_source (draw_id, tenant, source, commitment) VALUES (:draw, :tenant, :source, :commitment)")
                            .bind("draw", input.drawId()).bind("tenant", input.tenant()).bind("source", s.source());
                    return (s.commitment().isPresent() ? source.bind("commitment", s.commitment().get())
                            : source.bindNull("commitment", String.class)).then();
                }))
                .then(plans.advance(db, planIds, PlanStatus.DRAFT, PlanStatus.SCHEDULED, input.drawId()))
                .thenMany(Flux.fromIterable(found).concatMap(p -> {
                    FrozenPlan f = frozen.get(p.id());
                    return outbox.publish(DrawEvents.PLAN_PUBLISHED, p.id(), p.tenant(), new DrawEvents.PlanPublished(p.id(),
                            p.tenant(), p.level().name(), p.period(), p.series(), p.title(), input.drawId(), f.items(),
                            p.body().scope(), f.strata(), p.body().exclusions(), p.body().directed(), p.body().method(),
                            p.body().joint(), p.body().teamSize(), p.body().capBp(), now));
                }))
                .then(outbox.publish(DrawEvents.SCHEDULED, input.drawId(), input.tenant(), new DrawEvents.DrawScheduled(
                        input.drawId(), input.tenant(), level.name(), period.toString(), planIds, digest, revisions.total(),
                        revisions.text(), published, replaces, now)))
                .then();
    }

    // ---- reveal: secrets checked against their commitments, public values by the head

    public Mono<Draw> reveal(CurrentUser user, String drawId, RevealRequest request) {
        if (request.source() == null || request.source().isBlank()) return Mono.error(ProblemException.invalid("source", "must not be blank"));
        if (request.value() == null || request.value().isBlank()) return Mono.error(ProblemException.invalid("value", "must not be blank"));
        return tx.inTenants(user.visibleTenants(), db -> store.row(db, drawId, true).switchIfEmpty(notFound(drawId))
                .flatMap(row -> {
                    if (!Draw.SCHEDULED.equals(row.status())) {
                        return Mono.error(ProblemException.conflict("draw " + drawId + " is " + row.status() + ": it takes no more randomness"));
                    }
                    return store.sources(db, drawId).flatMap(sources -> {
                        Source source = sources.stream().filter(s -> s.source().equals(request.source())).findFirst().orElse(null);
                        if (source == null) {
                            return Mono.error(ProblemException.invalid("source", "draw " + drawId + " declared no source " + request.source()
                                    + "; it declared " + sources.stream().map(Source::source).toList()));
                        }
                        if (source.value() != null) return Mono.error(ProblemException.conflict(request.source() + " was revealed already"));
                        if (source.commitment() != null) {
                            if (!Hashes.isLowerHex(request.value(), 64)) {
                                return Mono.error(ProblemException.invalid("value", "a party reveals its 32-byte secret as 64 lowercase hex digits"));
                            }
                            String party = request.source().substring("party:".length());
                            if (!Hashes.commitment(party, request.value()).equals(source.commitment())) {
                                return Mono.error(ProblemException.invalid("value", "does not match the commitment of " + request.source()));
                            }
                        } else if (!(user.hasRole(Roles.DISTRICT_HEAD) && row.tenant().equals(user.tenant())
                                || user.hasRole(Roles.CITY_COORDINATOR))) {
                            // the coordinator sees only its city's draws (row-level security), so no tenant check is needed
                            return Mono.error(ProblemException.forbidden("a public value is entered by the bureau's head or the city coordinator"));
                        }
                        return db.sql("INSERT INTO draw_randomness (draw_id, tenant, source, value, entered_by) VALUES (:draw, :tenant, :source, :value, :by)")
                                .bind("draw", drawId).bind("tenant", row.tenant()).bind("source", request.source())
                                .bind("value", request.value()).bind("by", user.username() == null ? user.subject() : user.username())
                                .then();
                    });
                })
                .then(store.view(db, drawId)));
    }

    // ---- execute: exactly once, when the randomness is complete

    public Mono<Draw> execute(CurrentUser user, String drawId) {
        return tx.inTenants(user.visibleTenants(), db -> store.row(db, drawId, true).switchIfEmpty(notFound(drawId))
                .flatMap(row -> {
                    ProblemException denied = operatorDenied(user, row.tenant());
                    if (denied != null) return Mono.error(denied);
                    if (Draw.EXECUTED.equals(row.status())) {
                        return Mono.error(ProblemException.conflict("draw " + drawId + " was executed already: a draw never executes twice"));
                    }
                    if (Draw.CANCELLED.equals(row.status())) {
                        return Mono.error(ProblemException.conflict("draw " + drawId + " is cancelled; a new draw replaces it"));
                    }
                    return store.sources(db, drawId).flatMap(sources -> {
                        List<String> waiting = sources.stream().filter(s -> s.value() == null).map(Source::source).toList();
                        if (!waiting.isEmpty()) {
                            return Mono.error(ProblemException.conflict("the randomness is incomplete: waiting for " + waiting));
                        }
                        DrawInput input = DrawInput.fromJson(JsonParser.parse(row.input()), "input");
                        Randomness randomness = new Randomness(sources.stream().map(s -> new RandomnessValue(s.source(), s.value())).toList());
                        DrawRecord record;
                        try {
                            record = EntityDraw.execute(input, randomness);
                        } catch (MatchingInfeasibleException e) {
                            return Mono.error(unstaffed(drawId, e));
                        }
                        List<String> drawn = record.output().selected().stream().map(Selected::entity).distinct().toList();
                        return Mono.zip(roster.entities(db, drawn), roster.inspectors(db))
                                .flatMap(t -> store(db, user, row, record, t.getT1(), t.getT2()));
                    });
                })
                .then(store.view(db, drawId)))
                .doOnNext(draw -> executed.increment());
    }

    /**
     * No complete assignment exists: the draw stays scheduled, nothing is stored, and the answer
     * names every slot that cannot be staffed with its binding constraint (never relaxed).
     */
    static ProblemException unstaffed(String drawId, MatchingInfeasibleException e) {
        List<FieldViolation> slots = e.unstaffed().stream()
                .map(u -> new FieldViolation("visits[" + u.entity() + "].slots[" + u.slot() + "]", u.explain())).toList();
        long visits = e.unstaffed().stream().map(Unstaffed::entity).distinct().count();
        return new ProblemException(HttpStatus.UNPROCESSABLE_ENTITY, "Inspector matching infeasible", "draw " + drawId
                + " is not executed: " + visits + " visit(s) cannot be staffed lawfully; change the roster, conflicts or plan settings"
                + " and schedule a new draw", slots);
    }

    private Mono<Void> store(DatabaseClient db, CurrentUser user, DrawRow row, DrawRecord record, List<ReplicatedEntity> found,
                             List<ReplicatedInspector> inspectors) {
        Map<String, ReplicatedEntity> entities = new LinkedHashMap<>();
        found.forEach(e -> entities.putIfAbsent(e.uscc(), e));
        List<Selected> selected = record.output().selected();
        List<Visit> visits = Visits.of(row.id(), selected, row.plansById(), entities, teams(record, inspectors));
        Map<String, FrozenStratum> strata = Freezing.strataOf(row.plansById()).stream()
                .collect(Collectors.toMap(FrozenStratum::id, Function.identity()));
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        String by = user.username() == null ? user.subject() : user.username();
        return db.sql("UPDATE draw SET status = 'EXECUTED' WHERE id = :id AND status = 'SCHEDULED'").bind("id", row.id())
                .fetch().rowsUpdated()
                .flatMap(n -> n == 1 ? Mono.<Void>empty()
                        : Mono.error(ProblemException.conflict("draw " + row.id() + " was executed already: a draw never executes twice")))
                .then(db.sql("""
                                INSERT INTO draw_record (draw_id, tenant, record, result_digest, executed_by, executed_at)
                                VALUES (:draw, :tenant, :record, :digest, :by, :at)""")
                        .bind("draw", row.id()).bind("tenant", row.tenant()).bind("record", Jcs.canonical(record.toJson()))
                        .bind("digest", record.resultDigest()).bind("by", by).bind("at", now).then())
                .then(visits.isEmpty() ? Mono.empty() : db.sql("""
                                INSERT INTO draw_visit (visit_id, draw_id, tenant, entity, visit)
                                SELECT v, :draw, :tenant, e, CAST(j AS jsonb)
                                  FROM unnest(CAST(:visits AS text[]), CAST(:entities AS text[]), CAST(:json AS text[])) AS t(v, e, j)""")
                        .bind("draw", row.id()).bind("tenant", row.tenant())
                        .bind("visits", visits.stream().map(Visit::visitId).toArray(String[]::new))
                        .bind("entities", visits.stream().map(v -> v.entity().uscc()).toArray(String[]::new))
                        .bind("json", visits.stream().map(json::writeValueAsString).toArray(String[]::new))
                        .then())
                .then(selected.isEmpty() ? Mono.empty() : db.sql("""
                                INSERT INTO drawn_entity (draw_id, tenant, district, year, stratum, entity, category, credit_risk, one_to_n)
                                SELECT :draw, :tenant, d, :year, s, e, c, NULLIF(r, ''), o
                                  FROM unnest(CAST(:districts AS text[]), CAST(:strata AS text[]), CAST(:entities AS text[]),
                                              CAST(:categories AS text[]), CAST(:risks AS text[]), CAST(:oneToN AS boolean[])) AS t(d, s, e, c, r, o)""")
                        .bind("draw", row.id()).bind("tenant", row.tenant()).bind("year", row.year())
                        .bind("districts", selected.stream().map(s -> entities.get(s.entity()).district()).toArray(String[]::new))
                        .bind("strata", selected.stream().map(Selected::stratum).toArray(String[]::new))
                        .bind("entities", selected.stream().map(Selected::entity).toArray(String[]::new))
                        .bind("categories", selected.stream().map(s -> strata.get(s.stratum()).category()).toArray(String[]::new))
                        .bind("risks", selected.stream().map(s -> Objects.requireNonNullElse(strata.get(s.stratum()).creditRisk(), "")).toArray(String[]::new))
                        .bind("oneToN", selected.stream().map(s -> strata.get(s.stratum()).oneToN()).toArray(Boolean[]::new))
                        .then())
                .then(plans.advance(db, row.planIds(), PlanStatus.SCHEDULED, PlanStatus.EXECUTED, row.id()))
                .then(outbox.publish(DrawEvents.EXECUTED, row.id(), row.tenant(), new DrawEvents.DrawExecuted(row.id(), row.tenant(),
                        row.level(), row.period(), now, row.rosterRevision(), record.output().inputDigest(), record.resultDigest(),
                        row.replaces(), visits)))
                .then();
    }

    /** Each matched visit's team from {@code output.assignments}, slot order, with the names the roster gives now. */
    static Map<String, List<Visit.Inspector>> teams(DrawRecord record, List<ReplicatedInspector> inspectors) {
        if (record.output().assignments().isEmpty()) return Map.of();
        Map<String, ReplicatedInspector> byId = inspectors.stream().collect(Collectors.toMap(ReplicatedInspector::id, Function.identity()));
        Map<String, List<Visit.Inspector>> teams = new LinkedHashMap<>();
        Assignment.teams(record.output().assignments().get()).forEach((entity, ids) ->
                teams.put(entity, ids.stream().map(id -> member(byId, id)).toList()));
        return teams;
    }

    public static Visit.Inspector member(Map<String, ReplicatedInspector> byId, String id) {
        ReplicatedInspector i = byId.get(id);
        if (i == null) throw new IllegalStateException("matched inspector " + id + " is missing from the roster replica");
        return new Visit.Inspector(id, i.name(), i.kind(), i.homeDistrict());
    }

    // ---- cancel: a reason, the head's approval, and the draw stays on record

    public Mono<Draw> requestCancellation(CurrentUser user, String drawId, CancelRequest request) {
        if (request.reason() == null || request.reason().isBlank()) {
            return Mono.error(ProblemException.invalid("reason", "a cancellation states its reason"));
        }
        return tx.inTenants(user.visibleTenants(), db -> store.row(db, drawId, true).switchIfEmpty(notFound(drawId))
                .flatMap(row -> {
                    ProblemException denied = operatorDenied(user, row.tenant());
                    if (denied != null && !(row.tenant().equals(user.tenant()) && user.hasRole(Roles.DISTRICT_HEAD))) return Mono.error(denied);
                    if (Draw.CANCELLED.equals(row.status()) || row.disclosedAt() != null) {
                        return Mono.error(ProblemException.conflict("draw " + drawId + " is " + (row.disclosedAt() != null ? "disclosed" : "cancelled already")));
                    }
                    return db.sql("SELECT 1 FROM draw_cancellation WHERE draw_id = :id").bind("id", drawId).fetch().first().hasElement()
                            .flatMap(pending -> pending
                                    ? Mono.error(ProblemException.conflict("a cancellation of " + drawId + " was requested already"))
                                    : db.sql("INSERT INTO draw_cancellation (draw_id, tenant, reason, requested_by) VALUES (:id, :tenant, :reason, :by)")
                                            .bind("id", drawId).bind("tenant", row.tenant()).bind("reason", request.reason().strip())
                                            .bind("by", user.username() == null ? user.subject() : user.username()).then());
                })
                .then(store.view(db, drawId)));
    }

    /** The head approves a requested cancellation; whoever asked cannot approve it too. */
    public Mono<Draw> approveCancellation(CurrentUser user, String drawId) {
        String approver = user.username() == null ? user.subject() : user.username();
        return tx.inTenants(user.visibleTenants(), db -> store.view(db, drawId).switchIfEmpty(notFound(drawId))
                .flatMap(draw -> {
                    if (!draw.tenant().equals(user.tenant()) || !user.hasRole(Roles.DISTRICT_HEAD)) {
                        return Mono.error(ProblemException.forbidden("a cancellation is approved by the head (分管领导) of " + draw.tenant()));
                    }
                    Draw.Cancellation c = draw.cancellation();
                    if (c == null) return Mono.error(ProblemException.conflict("no cancellation of " + drawId + " was requested"));
                    if (c.approvedBy() != null) return Mono.error(ProblemException.conflict("the cancellation of " + drawId + " was approved already"));
                    if (c.requestedBy().equals(approver)) {
                        return Mono.error(ProblemException.forbidden("the head approving a cancellation is not the one who asked for it"));
                    }
                    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
                    boolean executed = Draw.EXECUTED.equals(draw.status());
                    return db.sql("UPDATE draw_cancellation SET approved_by = :by, approved_at = :at WHERE draw_id = :id")
                            .bind("by", approver).bind("at", now).bind("id", drawId).then()
                            .then(db.sql("UPDATE draw SET status = 'CANCELLED' WHERE id = :id").bind("id", drawId).then())
                            .then(plans.advance(db, draw.planIds(), executed ? PlanStatus.EXECUTED : PlanStatus.SCHEDULED,
                                    PlanStatus.DRAFT, drawId))
                            .then(outbox.publish(DrawEvents.CANCELLED, drawId, draw.tenant(), new DrawEvents.DrawCancelled(drawId,
                                    draw.tenant(), draw.period(), executed, c.reason(), c.requestedBy(), c.requestedAt(), approver, now)));
                })
                .then(store.view(db, drawId)));
    }

    // ---- disclose: after the period's inspections, the whole record becomes public

    public Mono<Draw> disclose(CurrentUser user, String drawId) {
        return tx.inTenants(user.visibleTenants(), db -> store.row(db, drawId, true).switchIfEmpty(notFound(drawId))
                .flatMap(row -> {
                    if (!row.tenant().equals(user.tenant()) || !user.hasAnyRole(List.of(Roles.DISTRICT_HEAD, Roles.CITY_COORDINATOR))) {
                        return Mono.error(ProblemException.forbidden("a draw is disclosed by the head of its bureau or the city coordinator"));
                    }
                    if (row.disclosedAt() != null) return Mono.error(ProblemException.conflict("draw " + drawId + " is disclosed already"));
                    if (Draw.SCHEDULED.equals(row.status())) {
                        return Mono.error(ProblemException.conflict("draw " + drawId + " has not been executed"));
                    }
                    Mono<Boolean> plansOpen = Draw.EXECUTED.equals(row.status())
                            ? db.sql("SELECT 1 FROM plan WHERE id = ANY(:ids) AND status <> 'CLOSED'")
                                    .bind("ids", row.planIds().toArray(String[]::new)).fetch().first().hasElement()
                            : Mono.just(false);
                    String by = user.username() == null ? user.subject() : user.username();
                    return plansOpen.flatMap(open -> open
                            ? Mono.error(ProblemException.conflict("draw " + drawId + " is disclosed after its plans are closed (the period's inspections done)"))
                            : db.sql("""
                                            WITH RECURSIVE chain(id) AS (
                                                SELECT CAST(:id AS text)
                                                UNION SELECT d.replaces FROM draw d JOIN chain c ON d.id = c.id WHERE d.replaces IS NOT NULL)
                                            UPDATE draw SET disclosed_at = now(), disclosed_by = :by
                                             WHERE id IN (SELECT id FROM chain) AND disclosed_at IS NULL""")
                                    .bind("id", drawId).bind("by", by).then());
                })
                .then(store.view(db, drawId)));
    }

    // ---- confidential reads: logged before the data is read while undisclosed

    public Mono<List<Visit>> visits(CurrentUser user, String drawId, String purpose) {
        return confidential(user, drawId, purpose, "visits", db -> db.sql("SELECT visit FROM draw_visit WHERE draw_id = :id ORDER BY visit_id")
                .bind("id", drawId).map(r -> json.readValue(r.get("visit", Json.class).asString(), Visit.class)).all().collectList());
    }

    public Mono<String> record(CurrentUser user, String drawId, String purpose) {
        return confidential(user, drawId, purpose, "record", db -> store.record(db, drawId));
    }

    /**
     * Reads a draw's selection for its bureau's staff. While undisclosed, the access-log entry is
     * committed in a transaction of its own before the read begins: a read that could not be
     * logged never happens, and an entry never waits on the read.
     */
    private <T> Mono<T> confidential(CurrentUser user, String drawId, String purpose, String what,
                                     Function<DatabaseClient, Mono<T>> read) {
        if (!user.hasAnyRole(List.of(Roles.DISTRICT_OPERATOR, Roles.DISTRICT_HEAD, Roles.CITY_COORDINATOR))) {
            return Mono.error(ProblemException.forbidden("an undisclosed selection is read by the bureau's authorised staff only"));
        }
        return tx.inTenants(user.visibleTenants(), db -> store.row(db, drawId, false).switchIfEmpty(notFound(drawId))
                        .flatMap(row -> {
                            if (Draw.SCHEDULED.equals(row.status())) {
                                return Mono.error(ProblemException.conflict("draw " + drawId + " has not been executed: there is no selection yet"));
                            }
                            return row.disclosedAt() != null ? Mono.just(row)
                                    : accessLog.write(db, user, row.tenant(), drawId, purpose, what).thenReturn(row);
                        }))
                .flatMap(row -> tx.inTenants(user.visibleTenants(), read));
    }

    // ---- public

    /** The draws of a tenant as the public sees them: commitments before, records after disclosure. */
    public Flux<Draw> publicList(String tenant) {
        return tx.manyInTenants(List.of(tenant), db -> db.sql("SELECT id FROM draw WHERE tenant = :tenant ORDER BY id")
                .bind("tenant", tenant).map(r -> r.get("id", String.class)).all().concatMap(id -> store.view(db, id)));
    }

    public Mono<Draw> publicView(String drawId) {
        return tenantOf(drawId).flatMap(tenant -> tx.inTenant(tenant, db -> store.view(db, drawId))).switchIfEmpty(notFound(drawId));
    }

    public Mono<String> publicRecord(String drawId) {
        return tenantOf(drawId).flatMap(tenant -> tx.inTenant(tenant, db -> store.row(db, drawId, false)
                        .filter(row -> row.disclosedAt() != null)
                        .flatMap(row -> store.record(db, drawId))))
                .switchIfEmpty(Mono.error(() -> ProblemException.notFound("no disclosed record of draw " + drawId)));
    }

    /** Draw ids start with the bureau's division code ({@code 411622-2026Q2-D001}). */
    private static Mono<String> tenantOf(String drawId) {
        return drawId != null && drawId.matches("[0-9]{6}-.+") ? Mono.just(drawId.substring(0, 6)) : Mono.empty();
    }

    /** Null when the caller may run the draws of this tenant: its operator or head, or for a city the coordinator. */
    public static ProblemException operatorDenied(CurrentUser user, String tenant) {
        boolean own = tenant.equals(user.tenant());
        boolean allowed = PlanLevel.of(tenant) == PlanLevel.CITY
                ? own && user.hasRole(Roles.CITY_COORDINATOR)
                : own && user.hasAnyRole(List.of(Roles.DISTRICT_OPERATOR, Roles.DISTRICT_HEAD));
        return allowed ? null : ProblemException.forbidden("draws of " + tenant + " are run by its own "
                + (PlanLevel.of(tenant) == PlanLevel.CITY ? "city coordinator" : "operator or head"));
    }

    private static <T> Mono<T> notFound(String drawId) {
        return Mono.error(() -> ProblemException.notFound("no draw " + drawId));
    }
}
