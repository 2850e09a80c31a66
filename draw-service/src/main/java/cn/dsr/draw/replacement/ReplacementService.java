package cn.dsr.draw.replacement;

import cn.dsr.draw.core.Hashes;
import cn.dsr.draw.core.draw.DrawInput;
import cn.dsr.draw.core.draw.EntityDraw;
import cn.dsr.draw.core.json.JsonFields;
import cn.dsr.draw.core.json.JsonParser;
import cn.dsr.draw.core.matching.Assignment;
import cn.dsr.draw.core.matching.Matching;
import cn.dsr.draw.core.matching.MatchingInfeasibleException;
import cn.dsr.draw.core.matching.MatchingInput;
import cn.dsr.draw.draw.Draw;
import cn.dsr.draw.draw.DrawEvents;
import cn.dsr.draw.draw.DrawService;
import cn.dsr.draw.draw.DrawStore;
import cn.dsr.draw.draw.DrawStore.DrawRow;
import cn.dsr.draw.replica.ReplicatedInspector;
import cn.dsr.draw.replica.RosterSnapshot;
import cn.dsr.platform.outbox.Outbox;
import cn.dsr.platform.tenant.CurrentUser;
import cn.dsr.platform.tenant.Roles;
import cn.dsr.platform.tenant.TenantTx;
import cn.dsr.platform.web.ProblemException;
import io.r2dbc.spi.Readable;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * 执法人员调整 (001): drawn teams must not be changed at will, except that an inspector may be
 * replaced for post change, work conflict, health or avoidance, with the head's approval and
 * records kept. The operator asks, the head decides, and on approval the substitute is drawn
 * from the draw's seed among the inspectors eligible for the slot (docs/draw-format.md §14.8).
 */
@Service
public class ReplacementService {

    static final List<String> REASONS = List.of("POST_CHANGE", "WORK_CONFLICT", "HEALTH", "AVOIDANCE");

    private final TenantTx tx;
    private final DrawStore store;
    private final RosterSnapshot roster;
    private final Outbox outbox;

    public ReplacementService(TenantTx tx, DrawStore store, RosterSnapshot roster, Outbox outbox) {
        this.tx = tx;
        this.store = store;
        this.roster = roster;
        this.outbox = outbox;
    }

    public record ReplacementRequest(String visitId, String inspectorId, String reason, String comment) {}

    public record Decision(Boolean approve) {}

    public Flux<Replacement> list(CurrentUser user, String drawId) {
        return tx.manyInTenants(user.visibleTenants(), db -> replacements(db, drawId));
    }

    public Mono<Replacement> request(CurrentUser user, String drawId, ReplacementRequest request) {
        if (request.visitId() == null || request.visitId().isBlank()) return Mono.error(ProblemException.invalid("visitId", "name the visit"));
        if (request.inspectorId() == null || request.inspectorId().isBlank()) {
            return Mono.error(ProblemException.invalid("inspectorId", "name the inspector to replace"));
        }
        if (!REASONS.contains(request.reason())) {
            return Mono.error(ProblemException.invalid("reason", "one of " + REASONS + " (001: post change, work conflict, health, avoidance)"));
        }
        return tx.inTenants(user.visibleTenants(), db -> executedRow(db, drawId, true).flatMap(row -> {
            ProblemException denied = DrawService.operatorDenied(user, row.tenant());
            if (denied != null) return Mono.error(denied);
            return Mono.zip(draw(db, drawId), replacements(db, drawId).collectList(), visitEntity(db, drawId, request.visitId()))
                    .flatMap(t -> {
                        String entity = t.getT3();
                        List<String> team = t.getT1().currentTeams(t.getT2()).get(entity);
                        if (team == null || !team.contains(request.inspectorId())) {
                            return Mono.error(ProblemException.invalid("inspectorId", request.inspectorId() + " is not on the team of visit "
                                    + request.visitId() + " (now " + team + ")"));
                        }
                        boolean pending = t.getT2().stream().anyMatch(r -> r.pending() && r.visitId().equals(request.visitId())
                                && r.replaced().equals(request.inspectorId()));
                        if (pending) return Mono.error(ProblemException.conflict("the replacement of " + request.inspectorId()
                                + " on " + request.visitId() + " awaits the head's decision already"));
                        var insert = db.sql("""
                                        INSERT INTO draw_replacement (draw_id, tenant, visit_id, entity, replaced, reason, comment, requested_by)
                                        VALUES (:draw, :tenant, :visit, :entity, :replaced, :reason, :comment, :by) RETURNING id""")
                                .bind("draw", drawId).bind("tenant", row.tenant()).bind("visit", request.visitId()).bind("entity", entity)
                                .bind("replaced", request.inspectorId()).bind("reason", request.reason()).bind("by", name(user));
                        insert = request.comment() == null ? insert.bindNull("comment", String.class) : insert.bind("comment", request.comment());
                        return insert.map(r -> r.get("id", Long.class)).one().flatMap(id -> one(db, id));
                    });
        }));
    }

    /** The head approves (the substitute is drawn) or rejects; the requester cannot decide, and a decision is given once. */
    public Mono<Replacement> decide(CurrentUser user, String drawId, long id, Decision decision) {
        if (decision == null || decision.approve() == null) {
            return Mono.error(ProblemException.invalid("approve", "true to approve, false to reject"));
        }
        String head = name(user);
        return tx.inTenants(user.visibleTenants(), db -> executedRow(db, drawId, true).flatMap(row -> {
            boolean city = CurrentUser.isCityLevel(row.tenant());
            if (!row.tenant().equals(user.tenant()) || !user.hasRole(city ? Roles.CITY_COORDINATOR : Roles.DISTRICT_HEAD)) {
                return Mono.error(ProblemException.forbidden("a replacement is approved by the head (分管领导) of " + row.tenant()));
            }
            return one(db, id).filter(r -> r.drawId().equals(drawId))
                    .switchIfEmpty(Mono.error(() -> ProblemException.notFound("no replacement " + id + " of draw " + drawId)))
                    .flatMap(r -> {
                        if (!r.pending()) return Mono.error(ProblemException.conflict("replacement " + id + " was " + r.decision() + " already"));
                        if (r.requestedBy().equals(head)) {
                            return Mono.error(ProblemException.forbidden("the head deciding a replacement is not the one who asked for it"));
                        }
                        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
                        if (!decision.approve()) {
                            return db.sql("UPDATE draw_replacement SET decision = 'REJECTED', decided_by = :by, decided_at = :at WHERE id = :id")
                                    .bind("by", head).bind("at", now).bind("id", id).then().then(one(db, id));
                        }
                        return approve(db, row, r, head, now);
                    });
        }));
    }

    private Mono<Replacement> approve(DatabaseClient db, DrawRow row, Replacement r, String head, OffsetDateTime now) {
        return Mono.zip(draw(db, row.id()), replacements(db, row.id()).collectList(), roster.inspectors(db)).flatMap(t -> {
            List<Replacement> approved = approved(t.getT2());
            Set<String> removed = new HashSet<>();
            approved.stream().filter(a -> a.visitId().equals(r.visitId())).forEach(a -> removed.add(a.replaced()));
            removed.add(r.replaced());
            int number = approved.size() + 1;
            Map<String, List<String>> teams = t.getT1().currentTeams(t.getT2());
            if (!teams.getOrDefault(r.entity(), List.of()).contains(r.replaced())) {
                return Mono.error(ProblemException.conflict(r.replaced() + " has left the team of " + r.visitId() + " already"));
            }
            Matching.Substitute substitute;
            try {
                substitute = t.getT1().matching().replace(number, r.entity(), r.replaced(), teams, removed);
            } catch (MatchingInfeasibleException e) {
                return Mono.error(ProblemException.conflict("no eligible inspector can take slot " + e.unstaffed().get(0).slot()
                        + " of " + r.visitId() + ": the replacement cannot be approved (reject it, or change the roster and redraw)"));
            }
            Map<String, ReplicatedInspector> byId = t.getT3().stream().collect(Collectors.toMap(ReplicatedInspector::id, Function.identity()));
            return db.sql("""
                            UPDATE draw_replacement SET decision = 'APPROVED', decided_by = :by, decided_at = :at, number = :n,
                                slot = :slot, substitute = :substitute, candidates = :candidates WHERE id = :id""")
                    .bind("by", head).bind("at", now).bind("n", number).bind("slot", substitute.slot())
                    .bind("substitute", substitute.inspector()).bind("candidates", substitute.candidates()).bind("id", r.id())
                    .then()
                    .then(outbox.publish(DrawEvents.INSPECTOR_REPLACED, row.id(), row.tenant(), new DrawEvents.InspectorReplaced(
                            row.id(), r.visitId(), row.tenant(), r.replaced(), DrawService.member(byId, substitute.inspector()),
                            r.reason(), r.comment(), r.requestedBy(), head, now)))
                    .then(one(db, r.id()));
        });
    }

    /** What a replacement is drawn from: the record's input, seed, selection and original teams. */
    record DrawnTeams(Matching matching, Map<String, List<String>> original) {

        /** The teams now: the original ones with every approved replacement applied in number order. */
        Map<String, List<String>> currentTeams(List<Replacement> replacements) {
            Map<String, List<String>> teams = new LinkedHashMap<>();
            original.forEach((entity, team) -> teams.put(entity, new ArrayList<>(team)));
            for (Replacement a : approved(replacements)) {
                List<String> team = teams.get(a.entity());
                team.set(a.slot(), a.substitute());
            }
            return teams;
        }
    }

    static List<Replacement> approved(List<Replacement> replacements) {
        return replacements.stream().filter(r -> Replacement.APPROVED.equals(r.decision()))
                .sorted((a, b) -> Integer.compare(a.number(), b.number())).toList();
    }

    private Mono<DrawnTeams> draw(DatabaseClient db, String drawId) {
        return store.record(db, drawId).map(text -> {
            JsonFields record = JsonFields.of(JsonParser.parse(text), "record");
            DrawInput input = DrawInput.fromJson(record.required("input"), "input");
            JsonFields output = JsonFields.of(record.required("output"), "output");
            if (input.matching().isEmpty()) {
                throw ProblemException.conflict("draw " + drawId + " matched no inspectors: there is nobody to replace");
            }
            byte[] seed = Hashes.fromHex(output.string("seed"));
            Matching matching = new Matching(MatchingInput.of(input), seed, EntityDraw.select(input, seed));
            return new DrawnTeams(matching, Assignment.teams(output.required("assignments")));
        });
    }

    private Mono<DrawRow> executedRow(DatabaseClient db, String drawId, boolean forUpdate) {
        return store.row(db, drawId, forUpdate)
                .switchIfEmpty(Mono.error(() -> ProblemException.notFound("no draw " + drawId)))
                .flatMap(row -> Draw.EXECUTED.equals(row.status()) ? Mono.just(row)
                        : Mono.error(ProblemException.conflict("draw " + drawId + " is " + row.status()
                                + ": only the teams of an executed draw are replaced")));
    }

    private static Mono<String> visitEntity(DatabaseClient db, String drawId, String visitId) {
        return db.sql("SELECT entity FROM draw_visit WHERE draw_id = :draw AND visit_id = :visit").bind("draw", drawId)
                .bind("visit", visitId).map(r -> r.get("entity", String.class)).one()
                .switchIfEmpty(Mono.error(() -> ProblemException.invalid("visitId", "draw " + drawId + " has no visit " + visitId)));
    }

    private static Flux<Replacement> replacements(DatabaseClient db, String drawId) {
        return db.sql("SELECT * FROM draw_replacement WHERE draw_id = :draw ORDER BY id").bind("draw", drawId)
                .map(ReplacementService::replacement).all();
    }

    private static Mono<Replacement> one(DatabaseClient db, long id) {
        return db.sql("SELECT * FROM draw_replacement WHERE id = :id").bind("id", id).map(ReplacementService::replacement).one();
    }

    private static Replacement replacement(Readable r) {
        return new Replacement(r.get("id", Long.class), r.get("draw_id", String.class), r.get("visit_id", String.class),
                r.get("entity", String.class), r.get("replaced", String.class), r.get("reason", String.class),
                r.get("comment", String.class), r.get("requested_by", String.class), r.get("requested_at", OffsetDateTime.class),
                r.get("decision", String.class), r.get("decided_by", String.class), r.get("decided_at", OffsetDateTime.class),
                r.get("number", Integer.class), r.get("slot", Integer.class), r.get("substitute", String.class),
                r.get("candidates", Integer.class));
    }

    private static String name(CurrentUser user) {
        return user.username() == null ? user.subject() : user.username();
    }
}
