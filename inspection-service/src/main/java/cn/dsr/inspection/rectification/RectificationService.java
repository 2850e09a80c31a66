package cn.dsr.inspection.rectification;

import cn.dsr.inspection.InspectionEvents;
import cn.dsr.platform.refusal.Refused;
import cn.dsr.inspection.evidence.EvidenceService;
import cn.dsr.inspection.evidence.EvidenceService.EvidenceView;
import cn.dsr.inspection.record.ItemFinding;
import cn.dsr.inspection.record.RecordEvents.EntityRef;
import cn.dsr.inspection.record.Records.Stored;
import cn.dsr.inspection.rectification.Rectification.Completion;
import cn.dsr.inspection.rectification.Rectification.Problem;
import cn.dsr.inspection.rectification.Rectification.Progress;
import cn.dsr.inspection.settings.TenantSettings;
import cn.dsr.inspection.task.Task;
import cn.dsr.inspection.task.Task.Entity;
import cn.dsr.inspection.task.TaskAccess;
import cn.dsr.inspection.task.Tasks;
import cn.dsr.platform.outbox.Outbox;
import cn.dsr.platform.tenant.CurrentUser;
import cn.dsr.platform.web.ProblemException;
import io.r2dbc.postgresql.codec.Json;
import io.r2dbc.spi.Readable;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Rectifications: opened by a record that found a problem, followed by progress reports, closed
 * by a completion with evidence. Every step is a new row and a {@code rectification updated}
 * event; the overdue list shows the reason and stage last reported (001).
 */
@Service
public class RectificationService {

    private static final String SELECT = """
            SELECT r.*,
                   (SELECT s.kind FROM rectification_step s WHERE s.rectification_id = r.rectification_id AND s.kind <> 'PROGRESS'
                     ORDER BY s.id DESC LIMIT 1) AS closed_by,
                   p.reported_on AS p_reported_on, p.stage AS p_stage, p.reason AS p_reason, p.recorded_by AS p_by, p.recorded_at AS p_at,
                   c.reported_on AS c_completed_on, c.description AS c_description, c.evidence AS c_evidence,
                   c.recorded_by AS c_by, c.recorded_at AS c_at
              FROM rectification r
              LEFT JOIN LATERAL (SELECT * FROM rectification_step s WHERE s.rectification_id = r.rectification_id AND s.kind = 'PROGRESS'
                                  ORDER BY s.id DESC LIMIT 1) p ON true
              LEFT JOIN LATERAL (SELECT * FROM rectification_step s WHERE s.rectification_id = r.rectification_id AND s.kind = 'COMPLETED'
                                  ORDER BY s.id DESC LIMIT 1) c ON true""";

    private final TaskAccess access;
    private final Tasks tasks;
    private final EvidenceService evidence;
    private final Outbox outbox;
    private final JsonMapper json;
    private final Clock clock;

    public RectificationService(TaskAccess access, Tasks tasks, EvidenceService evidence, Outbox outbox, JsonMapper json, Clock clock) {
        this.access = access;
        this.tasks = tasks;
        this.evidence = evidence;
        this.outbox = outbox;
        this.json = json;
        this.clock = clock;
    }

    public enum Change { OPENED, PROGRESS_REPORTED, COMPLETED, CANCELLED }

    public record RectificationView(UUID rectificationId, String taskId, UUID recordId, String district, Entity entity,
                                    List<Problem> problems, LocalDate orderedOn, LocalDate deadline, RectificationStatus status,
                                    boolean overdue, Progress latestProgress, Completion completion) {}

    /** A rectification past its deadline with what was last reported on it. */
    public record OverdueRectification(UUID rectificationId, String taskId, String district, Entity entity, LocalDate orderedOn,
                                       LocalDate deadline, long daysOverdue, RectificationStatus status,
                                       LocalDate lastReportedOn, String stage, String reason) {}

    public record EvidenceRef(String sha256, String contentType, long size) {}

    public record ProgressRef(LocalDate reportedOn, String stage, String reason) {}

    public record CompletionRef(LocalDate completedOn, String description, List<EvidenceRef> evidence) {}

    /** The payload of {@code rectification updated}. */
    public record RectificationUpdated(String rectificationId, String taskId, String recordId, String tenant, EntityRef entity,
                                       boolean random, Change change, RectificationStatus status, LocalDate orderedOn, LocalDate deadline,
                                       List<Problem> problems, ProgressRef progress, CompletionRef completion, String note,
                                       String updatedBy, OffsetDateTime updatedAt) {}

    /**
     * Keeps the visit's rectification in line with its current record, in the record's
     * transaction: a record that found a problem opens one if none is active; an approved
     * correction that finds no problem after all cancels the active one.
     */
    public Mono<Void> reconcile(DatabaseClient db, Task task, Stored record, TenantSettings settings, String by) {
        return active(db, task.taskId()).map(List::of).defaultIfEmpty(List.of()).flatMap(active -> {
            if (record.record().problemFound() && active.isEmpty()) return open(db, task, record, settings, by);
            if (!record.record().problemFound() && !active.isEmpty()) {
                Rectification r = active.get(0);
                String note = "version " + record.version() + " of the record found no problem";
                return step(db, r, "CANCELLED", LocalDate.now(clock), null, note, null, List.of(), by)
                        .then(publish(db, task, r.rectificationId(), Change.CANCELLED, note, List.of(), by));
            }
            return Mono.empty();
        });
    }

    public Flux<RectificationView> list(CurrentUser user, RectificationStatus status) {
        LocalDate today = LocalDate.now(clock);
        return access.manyInScope(user, db -> visible(db, user, null))
                .filter(r -> status == null || r.status() == status)
                .flatMapSequential(r -> view(user, r, today));
    }

    public Mono<RectificationView> get(CurrentUser user, UUID id) {
        return access.inScope(user, db -> visible(db, user, id).next())
                .switchIfEmpty(Mono.error(() -> ProblemException.notFound("no rectification " + id)))
                .flatMap(r -> view(user, r, LocalDate.now(clock)));
    }

    public Mono<RectificationView> report(CurrentUser user, UUID id, Progress body) {
        LocalDate today = LocalDate.now(clock);
        return change(user, id, (db, task, r) -> {
            Refused.unless(body.problems(r, today));
            return step(db, r, "PROGRESS", body.reportedOn(), body.stage().strip(), text(body.reason()), null, List.of(), user.username())
                    .then(publish(db, task, id, Change.PROGRESS_REPORTED, null, List.of(), user.username()));
        });
    }

    public Mono<RectificationView> complete(CurrentUser user, UUID id, Completion body) {
        LocalDate today = LocalDate.now(clock);
        return change(user, id, (db, task, r) -> {
            Refused.unless(body.problems(r, today));
            return evidence.requireAttached(db, task.taskId(), body.evidence(), "evidence").flatMap(files ->
                    step(db, r, "COMPLETED", body.completedOn(), null, null, body.description().strip(), body.evidence(), user.username())
                            .then(publish(db, task, id, Change.COMPLETED, null, files, user.username())));
        });
    }

    /** Rectifications past their deadline, each with the reason and stage last reported. */
    public Flux<OverdueRectification> overdue(CurrentUser user, String district) {
        if (!user.hasAnyRole(TaskAccess.TENANT_READERS)) throw Refused.forbidden("overdue lists are for district staff, the city coordinator and auditors");
        LocalDate today = LocalDate.now(clock);
        return access.manyInScope(user, db -> visible(db, user, null))
                .filter(r -> r.overdue(today) && (district == null || district.equals(r.tenant())))
                .flatMapSequential(r -> access.inScope(user, db -> tasks.find(db, r.taskId(), false)).map(task -> {
                    Progress p = r.latestProgress();
                    return new OverdueRectification(r.rectificationId(), r.taskId(), r.tenant(), task.entity(), r.orderedOn(), r.deadline(),
                            ChronoUnit.DAYS.between(r.deadline(), today), r.status(),
                            p == null ? null : p.reportedOn(), p == null ? null : p.stage(), p == null ? null : p.reason());
                }));
    }

    private interface Step {
        Mono<Void> apply(DatabaseClient db, Task task, Rectification rectification);
    }

    /** Reports on an active rectification: by the visit's team or the district's staff. */
    private Mono<RectificationView> change(CurrentUser user, UUID id, Step step) {
        return access.inScope(user, db -> visible(db, user, id).next()
                        .switchIfEmpty(Mono.error(() -> ProblemException.notFound("no rectification " + id)))
                        .flatMap(r -> tasks.find(db, r.taskId(), true).flatMap(task -> access.requireTeamOrStaff(db, user, task,
                                        "a rectification is reported on by the visit's team or the district's staff")
                                .then(reload(db, id)).flatMap(current -> {
                                    current.requireActive();
                                    return step.apply(db, task, current);
                                }))))
                .then(Mono.defer(() -> get(user, id)));
    }

    private Mono<Void> open(DatabaseClient db, Task task, Stored record, TenantSettings settings, String by) {
        UUID id = UUID.randomUUID();
        List<Problem> problems = record.record().problems().stream()
                .map((ItemFinding f) -> new Problem(f.itemId(), f.description(), f.provision())).toList();
        LocalDate orderedOn = record.inspectionDate();
        return db.sql("""
                        INSERT INTO rectification (rectification_id, tenant, task_id, record_id, problems, ordered_on, deadline)
                        VALUES (:id, :tenant, :task, :record, :problems, :ordered, :deadline)""")
                .bind("id", id).bind("tenant", task.tenant()).bind("task", task.taskId()).bind("record", record.recordId())
                .bind("problems", Json.of(json.writeValueAsBytes(problems))).bind("ordered", orderedOn)
                .bind("deadline", settings.rectificationDue(orderedOn))
                .then()
                .then(publish(db, task, id, Change.OPENED, null, List.of(), by));
    }

    private Mono<Void> step(DatabaseClient db, Rectification r, String kind, LocalDate on, String stage, String reason,
                            String description, List<UUID> files, String by) {
        var insert = db.sql("""
                        INSERT INTO rectification_step (rectification_id, tenant, kind, reported_on, stage, reason, description, evidence, recorded_by)
                        VALUES (:id, :tenant, :kind, :on, :stage, :reason, :description, :evidence, :by)""")
                .bind("id", r.rectificationId()).bind("tenant", r.tenant()).bind("kind", kind).bind("on", on)
                .bind("evidence", files.toArray(UUID[]::new)).bind("by", by);
        insert = stage == null ? insert.bindNull("stage", String.class) : insert.bind("stage", stage);
        insert = reason == null ? insert.bindNull("reason", String.class) : insert.bind("reason", reason);
        insert = description == null ? insert.bindNull("description", String.class) : insert.bind("description", description);
        return insert.then();
    }

    private Mono<Void> publish(DatabaseClient db, Task task, UUID id, Change change, String note, List<EvidenceView> files, String by) {
        return reload(db, id).flatMap(r -> {
            Progress p = r.latestProgress();
            Completion c = r.completion();
            RectificationUpdated payload = new RectificationUpdated(id.toString(), task.taskId(), r.recordId().toString(), task.tenant(),
                    EntityRef.of(task), task.random(), change, r.status(), r.orderedOn(), r.deadline(), r.problems(),
                    p == null ? null : new ProgressRef(p.reportedOn(), p.stage(), p.reason()),
                    c == null ? null : new CompletionRef(c.completedOn(), c.description(),
                            files.stream().map(f -> new EvidenceRef(f.sha256(), f.contentType(), f.size())).toList()),
                    note, by, OffsetDateTime.now(clock));
            return outbox.publish(InspectionEvents.RECTIFICATION_UPDATED, task.taskId(), task.tenant(), payload).then();
        });
    }

    private Mono<Rectification> active(DatabaseClient db, String taskId) {
        return db.sql(SELECT + " WHERE r.task_id = :task ORDER BY r.opened_at DESC").bind("task", taskId)
                .map(this::read).all().filter(r -> r.status().isActive()).next();
    }

    private Mono<Rectification> reload(DatabaseClient db, UUID id) {
        return db.sql(SELECT + " WHERE r.rectification_id = :id").bind("id", id).map(this::read).one();
    }

    /** The rectifications the caller may see; an inspector only those of their teams' visits. */
    private Flux<Rectification> visible(DatabaseClient db, CurrentUser user, UUID id) {
        return TaskAccess.inspectorView(user)
                ? access.actingAs(db, user).flatMapMany(me -> select(db, id, me))
                : select(db, id, null);
    }

    /** With inspector ids, only the rectifications of those inspectors' teams' visits. */
    private Flux<Rectification> select(DatabaseClient db, UUID id, Set<String> inspectorIds) {
        StringBuilder sql = new StringBuilder(SELECT).append(" WHERE true");
        if (id != null) sql.append(" AND r.rectification_id = :id");
        if (inspectorIds != null) {
            sql.append(" AND EXISTS (SELECT 1 FROM task_member m WHERE m.task_id = r.task_id AND m.inspector_id = ANY(:me) AND m.active)");
        }
        sql.append(" ORDER BY r.tenant, r.deadline, r.rectification_id");
        var spec = db.sql(sql.toString());
        if (id != null) spec = spec.bind("id", id);
        if (inspectorIds != null) spec = spec.bind("me", inspectorIds.toArray(String[]::new));
        return spec.map(this::read).all();
    }

    private Mono<RectificationView> view(CurrentUser user, Rectification r, LocalDate today) {
        return access.inScope(user, db -> tasks.find(db, r.taskId(), false)).map(task -> new RectificationView(r.rectificationId(),
                r.taskId(), r.recordId(), r.tenant(), task.entity(), r.problems(), r.orderedOn(), r.deadline(), r.status(),
                r.overdue(today), r.latestProgress(), r.completion()));
    }

    private Rectification read(Readable row) {
        String closedBy = row.get("closed_by", String.class);
        LocalDate reportedOn = row.get("p_reported_on", LocalDate.class);
        LocalDate completedOn = row.get("c_completed_on", LocalDate.class);
        RectificationStatus status = closedBy != null ? RectificationStatus.valueOf(closedBy)
                : reportedOn != null ? RectificationStatus.IN_PROGRESS : RectificationStatus.OPEN;
        Progress progress = reportedOn == null ? null : new Progress(reportedOn, row.get("p_stage", String.class),
                row.get("p_reason", String.class), row.get("p_by", String.class), row.get("p_at", OffsetDateTime.class));
        UUID[] files = row.get("c_evidence", UUID[].class);
        Completion completion = completedOn == null ? null : new Completion(completedOn, row.get("c_description", String.class),
                files == null ? List.of() : Arrays.asList(files), row.get("c_by", String.class), row.get("c_at", OffsetDateTime.class));
        return new Rectification(row.get("rectification_id", UUID.class), row.get("tenant", String.class), row.get("task_id", String.class),
                row.get("record_id", UUID.class), Arrays.asList(json.readValue(row.get("problems", Json.class).asArray(), Problem[].class)),
                row.get("ordered_on", LocalDate.class), row.get("deadline", LocalDate.class), status, progress, completion);
    }

    private static String text(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
