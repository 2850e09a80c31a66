package cn.dsr.inspection.amendment;

import cn.dsr.platform.refusal.Refused;
import cn.dsr.platform.refusal.Violation;
import cn.dsr.inspection.amendment.Correction.Decision;
import cn.dsr.inspection.amendment.Correction.Status;
import cn.dsr.inspection.evidence.EvidenceService;
import cn.dsr.inspection.record.FieldRecord;
import cn.dsr.inspection.record.RecordMetrics;
import cn.dsr.inspection.record.RecordVersions;
import cn.dsr.inspection.record.Records;
import cn.dsr.inspection.record.Records.Amendment;
import cn.dsr.inspection.record.Records.Stored;
import cn.dsr.inspection.task.Task;
import cn.dsr.inspection.task.TaskAccess;
import cn.dsr.inspection.task.Tasks;
import cn.dsr.platform.tenant.CurrentUser;
import cn.dsr.platform.tenant.Roles;
import cn.dsr.platform.web.ProblemException;
import io.r2dbc.postgresql.codec.Json;
import io.r2dbc.spi.Readable;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Corrections of submitted records: requested with the corrected record and a reason, decided by
 * a district head, and on approval stored as the next version that supersedes the current one,
 * with an {@code inspection amended} event. Nothing earlier is changed.
 */
@Service
public class AmendmentService {

    private static final String SELECT = """
            SELECT q.*, d.outcome, d.comment, d.decided_by, d.decided_at
              FROM correction_request q LEFT JOIN correction_decision d USING (correction_id)""";

    private final TaskAccess access;
    private final Tasks tasks;
    private final Records records;
    private final RecordVersions versions;
    private final EvidenceService evidence;
    private final RecordMetrics metrics;
    private final JsonMapper json;
    private final Clock clock;

    public AmendmentService(TaskAccess access, Tasks tasks, Records records, RecordVersions versions, EvidenceService evidence,
                            RecordMetrics metrics, JsonMapper json, Clock clock) {
        this.access = access;
        this.tasks = tasks;
        this.records = records;
        this.versions = versions;
        this.evidence = evidence;
        this.metrics = metrics;
        this.json = json;
        this.clock = clock;
    }

    /** A correction as read back: the request, its state, and the decision once taken. */
    public record CorrectionView(UUID correctionId, String taskId, int baseVersion, Status status, String reason, String requestedBy,
                                 OffsetDateTime requestedAt, FieldRecord proposed, Decision decision, Integer resultingVersion) {}

    /** Asked by the visit's team or the district's staff, while no other correction of the visit is pending. */
    public Mono<CorrectionView> request(CurrentUser user, String taskId, String reason, FieldRecord proposed) {
        OffsetDateTime now = OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MICROS);
        UUID id = UUID.randomUUID();
        return access.inScope(user, db -> access.visible(db, user, taskId, true).flatMap(task -> access.requireTeamOrStaff(db, user, task,
                        "a correction is requested by the visit's team or the district's staff")
                .then(Mono.defer(() -> {
                    task.state().amend();
                    return pending(db, taskId).flatMap(p -> Mono.<Stored>error(Refused.conflict(
                                    "correction " + p.correctionId() + " of this record is still pending")))
                            .switchIfEmpty(records.latest(db, taskId))
                            .flatMap(current -> {
                                FieldRecord corrected = proposed == null ? null : proposed.recordedAtIfUnset(now);
                                Refused.unless(Correction.requestProblems(reason, current.record(), corrected));
                                Refused.unless(prefixed(corrected.problems(task, now)));
                                return evidence.requireAttached(db, taskId, corrected.evidence(), "record.evidence")
                                        .then(db.sql("""
                                                        INSERT INTO correction_request (correction_id, tenant, task_id, base_version, proposed, reason, requested_by, requested_at)
                                                        VALUES (:id, :tenant, :task, :base, :proposed, :reason, :by, :at)""")
                                                .bind("id", id).bind("tenant", task.tenant()).bind("task", taskId).bind("base", current.version())
                                                .bind("proposed", Json.of(json.writeValueAsBytes(corrected))).bind("reason", reason.strip())
                                                .bind("by", user.username()).bind("at", now).then());
                            });
                })))).then(Mono.defer(() -> get(user, id)));
    }

    /**
     * A district head of the visit's district decides. On approval the corrected record becomes
     * the next version, its due date counted from its own inspection date.
     */
    public Mono<CorrectionView> decide(CurrentUser user, UUID id, Status outcome, String comment) {
        OffsetDateTime now = OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MICROS);
        return access.inScope(user, db -> find(db, id)
                .switchIfEmpty(Mono.error(() -> ProblemException.notFound("no correction " + id)))
                .flatMap(found -> tasks.find(db, found.taskId(), true).flatMap(task -> {
                    if (!user.hasRole(Roles.DISTRICT_HEAD) || !task.tenant().equals(user.tenant())) {
                        throw Refused.forbidden("a correction is approved or rejected by a district head of the visit's district");
                    }
                    // read again under the task's lock: two heads deciding at once cannot both succeed
                    return find(db, id).flatMap(current -> {
                        Decision decision = current.decide(outcome, comment, user.username(), now);
                        Mono<Void> insert = insertDecision(db, task.tenant(), id, decision);
                        return outcome == Status.APPROVED ? insert.then(amend(db, user, task, current, decision)) : insert;
                    });
                })))
                .then(Mono.fromRunnable(() -> {
                    if (outcome == Status.APPROVED) metrics.amended();
                }))
                .then(Mono.defer(() -> get(user, id)));
    }

    public Flux<CorrectionView> list(CurrentUser user, String taskId) {
        return access.manyInScope(user, db -> access.visible(db, user, taskId, false)
                .flatMapMany(task -> db.sql(SELECT + " WHERE q.task_id = :task ORDER BY q.requested_at").bind("task", taskId)
                        .map(this::read).all())
                .concatMap(c -> resulting(db, c)));
    }

    public Mono<CorrectionView> get(CurrentUser user, UUID id) {
        return access.inScope(user, db -> find(db, id)
                .switchIfEmpty(Mono.error(() -> ProblemException.notFound("no correction " + id)))
                .flatMap(c -> access.visible(db, user, c.taskId(), false).then(resulting(db, c))));
    }

    private Mono<Void> amend(DatabaseClient db, CurrentUser user, Task task, Correction correction, Decision decision) {
        return records.latest(db, task.taskId()).flatMap(latest -> {
            if (latest.version() != correction.baseVersion()) {
                return Mono.error(Refused.conflict("the record changed since the correction was requested"));
            }
            Amendment amendment = new Amendment(correction.correctionId(), correction.reason(), correction.requestedBy(),
                    decision.decidedBy(), decision.decidedAt(), decision.comment());
            return versions.store(db, user, task, latest.version() + 1, correction.proposed(), correction.requestedBy(),
                    decision.decidedAt(), amendment).then();
        });
    }

    private Mono<Void> insertDecision(DatabaseClient db, String tenant, UUID id, Decision decision) {
        var insert = db.sql("""
                        INSERT INTO correction_decision (correction_id, tenant, outcome, comment, decided_by, decided_at)
                        VALUES (:id, :tenant, :outcome, :comment, :by, :at)""")
                .bind("id", id).bind("tenant", tenant).bind("outcome", decision.outcome().name())
                .bind("by", decision.decidedBy()).bind("at", decision.decidedAt());
        return (decision.comment() == null ? insert.bindNull("comment", String.class) : insert.bind("comment", decision.comment())).then();
    }

    private Mono<Correction> pending(DatabaseClient db, String taskId) {
        return db.sql(SELECT + " WHERE q.task_id = :task AND d.correction_id IS NULL").bind("task", taskId).map(this::read).all().next();
    }

    private Mono<Correction> find(DatabaseClient db, UUID id) {
        return db.sql(SELECT + " WHERE q.correction_id = :id").bind("id", id).map(this::read).one();
    }

    private Mono<CorrectionView> resulting(DatabaseClient db, Correction c) {
        return db.sql("SELECT version FROM inspection_record WHERE correction_id = :id").bind("id", c.correctionId())
                .map(row -> row.get("version", Integer.class)).one()
                .map(Optional::of).defaultIfEmpty(Optional.empty())
                .map(version -> new CorrectionView(c.correctionId(), c.taskId(), c.baseVersion(), c.status(), c.reason(), c.requestedBy(),
                        c.requestedAt(), c.proposed(), c.decision(), version.orElse(null)));
    }

    private Correction read(Readable row) {
        String outcome = row.get("outcome", String.class);
        Decision decision = outcome == null ? null : new Decision(Status.valueOf(outcome), row.get("comment", String.class),
                row.get("decided_by", String.class), row.get("decided_at", OffsetDateTime.class));
        return new Correction(row.get("correction_id", UUID.class), row.get("tenant", String.class), row.get("task_id", String.class),
                row.get("base_version", Integer.class), json.readValue(row.get("proposed", Json.class).asArray(), FieldRecord.class),
                row.get("reason", String.class), row.get("requested_by", String.class), row.get("requested_at", OffsetDateTime.class), decision);
    }

    /** The corrected record's violations, named as the request body has them. */
    private static List<Violation> prefixed(List<Violation> violations) {
        return violations.stream().map(v -> new Violation("record." + v.field(), v.message())).toList();
    }
}
