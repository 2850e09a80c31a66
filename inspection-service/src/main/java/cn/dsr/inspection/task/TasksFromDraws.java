package cn.dsr.inspection.task;

import cn.dsr.inspection.InspectionEvents;
import cn.dsr.inspection.task.Task.Entity;
import cn.dsr.inspection.task.Task.Joint;
import cn.dsr.inspection.task.Task.TeamMember;
import cn.dsr.inspection.task.Task.VisitItem;
import cn.dsr.platform.events.Event;
import cn.dsr.platform.inbox.Subscription;
import cn.dsr.platform.tenant.CurrentUser;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns draws into tasks: every visit of a {@code draw executed} event becomes a task with all its
 * items and its team, {@code inspector replaced} swaps one member of a visit's team, and
 * {@code draw cancelled} withdraws the visits nobody has recorded. All are idempotent beyond the
 * inbox: a draw replayed under new event ids creates nothing twice.
 */
@Configuration(proxyBeanMethods = false)
public class TasksFromDraws {

    static final String CONSUMER = "draw-tasks";
    static final String FROM_DRAW = "draw-service";

    @JsonIgnoreProperties(ignoreUnknown = true)
    record DrawExecuted(String drawId, String tenant, String level, String period, List<Visit> visits) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Visit(String visitId, Entity entity, List<DrawnItem> items, Method method, Joint joint, List<TeamMember> inspectors) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record DrawnItem(String planId, String itemId, String itemName) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record DrawCancelled(String drawId, String tenant, String reason) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record InspectorReplaced(String drawId, String visitId, String tenant, String replaced, TeamMember substitute, String reason) {}

    @Bean
    Subscription drawTasksSubscription(JsonMapper json, Tasks tasks) {
        return new Subscription(CONSUMER, List.of(InspectionEvents.DRAWS), (event, db) -> apply(json, tasks, event, db));
    }

    static Mono<Void> apply(JsonMapper json, Tasks tasks, Event event, DatabaseClient db) {
        return switch (event.type()) {
            case InspectionEvents.DRAW_EXECUTED -> executed(tasks, json.readValue(event.data(), DrawExecuted.class), event, db);
            case InspectionEvents.INSPECTOR_REPLACED -> replaced(tasks, json.readValue(event.data(), InspectorReplaced.class), event, db);
            case InspectionEvents.DRAW_CANCELLED -> cancelled(tasks, json.readValue(event.data(), DrawCancelled.class), event, db);
            default -> Mono.empty();
        };
    }

    private static Mono<Void> executed(Tasks tasks, DrawExecuted draw, Event event, DatabaseClient db) {
        requireSameTenant(draw.tenant(), event);
        List<String> scope = scopeOf(draw.tenant());
        for (Visit visit : draw.visits()) {
            if (!inScope(scope, visit.entity().district())) {
                throw new IllegalArgumentException("visit " + visit.visitId() + " lies in district " + visit.entity().district()
                        + ", outside the draw's tenant " + draw.tenant());
            }
        }
        return widen(db, scope).thenMany(Flux.fromIterable(draw.visits()).concatMap(visit -> {
            String tenant = visit.entity().district();
            Task task = new Task(visit.visitId(), tenant, draw.drawId(), draw.period(), true, null, visit.entity(), visit.method(),
                    visit.items().stream().map(i -> new VisitItem(i.planId(), i.itemId(), i.itemName())).toList(),
                    visit.joint(), visit.inspectors(), TaskState.ASSIGNED, null);
            return tasks.insert(db, task, FROM_DRAW, null).flatMapMany(created -> !created ? Flux.empty()
                    : Flux.fromIterable(task.team()).concatMap(member ->
                            tasks.addMember(db, task.taskId(), tenant, homeOf(member, draw.tenant()), member)));
        })).then();
    }

    /** A cancelled draw's visits are void: those not yet recorded are withdrawn, records stay what they are. */
    private static Mono<Void> cancelled(Tasks tasks, DrawCancelled cancellation, Event event, DatabaseClient db) {
        requireSameTenant(cancellation.tenant(), event);
        return widen(db, scopeOf(cancellation.tenant())).then(tasks.withdrawDraw(db, cancellation.drawId()));
    }

    private static Mono<Void> replaced(Tasks tasks, InspectorReplaced replacement, Event event, DatabaseClient db) {
        requireSameTenant(replacement.tenant(), event);
        return widen(db, scopeOf(replacement.tenant()))
                .then(tasks.find(db, replacement.visitId(), true))
                .switchIfEmpty(Mono.error(() -> new IllegalStateException("inspector replaced on unknown visit " + replacement.visitId())))
                .flatMap(task -> tasks.removeMember(db, task.taskId(), replacement.replaced(), replacement.reason(),
                                replacement.substitute().inspectorId())
                        .then(tasks.addMember(db, task.taskId(), task.tenant(), homeOf(replacement.substitute(), replacement.tenant()),
                                replacement.substitute())));
    }

    /**
     * A district draws for itself; a city detachment's draw creates tasks in its districts, so
     * its events are applied with the city's scope, as its coordinators act (CurrentUser).
     */
    static List<String> scopeOf(String tenant) {
        return CurrentUser.isCityLevel(tenant) ? List.of(tenant, tenant.substring(0, 4) + "*") : List.of(tenant);
    }

    private static boolean inScope(List<String> scope, String district) {
        return district != null && scope.stream().anyMatch(s -> s.endsWith("*")
                ? district.startsWith(s.substring(0, s.length() - 1)) : s.equals(district));
    }

    /** The inbox set app.tenant to the event's tenant; a city's events need the city's scope. */
    private static Mono<Void> widen(DatabaseClient db, List<String> scope) {
        return db.sql("SELECT set_config('app.tenant', :scope, true)").bind("scope", String.join(",", scope))
                .fetch().rowsUpdated().then();
    }

    /** An inspector finds their assignments from their own bureau; without one named, the drawing bureau. */
    private static String homeOf(TeamMember member, String drawTenant) {
        return member.district() != null ? member.district() : drawTenant;
    }

    private static void requireSameTenant(String payloadTenant, Event event) {
        if (payloadTenant == null || !payloadTenant.equals(event.tenant())) {
            throw new IllegalArgumentException("event " + event.id() + " carries tenant " + event.tenant() + " but its payload " + payloadTenant);
        }
    }
}
