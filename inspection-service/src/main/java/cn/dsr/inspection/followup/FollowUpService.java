package cn.dsr.inspection.followup;

import cn.dsr.inspection.InspectionEvents;
import cn.dsr.platform.refusal.Refused;
import cn.dsr.inspection.followup.FollowUp.CaseOpening;
import cn.dsr.inspection.followup.FollowUp.Transfer;
import cn.dsr.inspection.record.RecordEvents.EntityRef;
import cn.dsr.inspection.record.Records;
import cn.dsr.inspection.record.Records.Stored;
import cn.dsr.inspection.task.Task;
import cn.dsr.inspection.task.TaskAccess;
import cn.dsr.platform.outbox.Outbox;
import cn.dsr.platform.tenant.CurrentUser;
import cn.dsr.platform.web.ProblemException;
import io.r2dbc.spi.Readable;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.function.BiFunction;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Follow-up outcomes of a visit, each recorded once and published: case opened, case transferred. */
@Service
public class FollowUpService {

    private final TaskAccess access;
    private final Records records;
    private final Outbox outbox;
    private final Clock clock;

    public FollowUpService(TaskAccess access, Records records, Outbox outbox, Clock clock) {
        this.access = access;
        this.records = records;
        this.outbox = outbox;
        this.clock = clock;
    }

    public enum Kind { CASE_OPENED, TRANSFERRED }

    public record FollowUpView(UUID followUpId, String taskId, UUID recordId, Kind kind, String caseNumber, LocalDate openedOn,
                               TransferTarget target, String receivingOrgan, LocalDate transferredOn, String reason,
                               String documentNumber, String recordedBy, OffsetDateTime recordedAt) {}

    /** The payload of {@code case opened}. */
    public record CaseOpened(String caseId, String taskId, String recordId, String tenant, EntityRef entity, boolean random,
                             String caseNumber, LocalDate openedOn, String recordedBy, OffsetDateTime recordedAt) {}

    /** The payload of {@code case transferred}. */
    public record CaseTransferred(String transferId, String taskId, String recordId, String tenant, EntityRef entity, boolean random,
                                  TransferTarget target, String receivingOrgan, LocalDate transferredOn, String reason,
                                  String documentNumber, String recordedBy, OffsetDateTime recordedAt) {}

    public Mono<FollowUpView> openCase(CurrentUser user, String taskId, CaseOpening opening) {
        return record(user, taskId, (task, current) -> {
            Refused.unless(opening.problems(current.inspectionDate(), LocalDate.now(clock)));
            return new FollowUpView(UUID.randomUUID(), taskId, current.recordId(), Kind.CASE_OPENED, opening.caseNumber().strip(),
                    opening.openedOn(), null, null, null, null, null, user.username(), now());
        });
    }

    public Mono<FollowUpView> transfer(CurrentUser user, String taskId, Transfer transfer) {
        return record(user, taskId, (task, current) -> {
            Refused.unless(transfer.problems(current.inspectionDate(), LocalDate.now(clock)));
            return new FollowUpView(UUID.randomUUID(), taskId, current.recordId(), Kind.TRANSFERRED, null, null, transfer.target(),
                    transfer.receivingOrgan().strip(), transfer.transferredOn(), transfer.reason().strip(),
                    transfer.documentNumber() == null || transfer.documentNumber().isBlank() ? null : transfer.documentNumber().strip(),
                    user.username(), now());
        });
    }

    public Flux<FollowUpView> list(CurrentUser user, String taskId) {
        return access.manyInScope(user, db -> access.visible(db, user, taskId, false)
                .flatMapMany(task -> db.sql("SELECT * FROM follow_up WHERE task_id = :task ORDER BY recorded_at").bind("task", taskId)
                        .map(FollowUpService::read).all()));
    }

    /** Recorded by the district's staff, on a visit whose current record found a problem. */
    private Mono<FollowUpView> record(CurrentUser user, String taskId, BiFunction<Task, Stored, FollowUpView> make) {
        if (!user.hasAnyRole(TaskAccess.DISTRICT_STAFF)) throw Refused.forbidden("follow-up is recorded by the district's staff");
        return access.inScope(user, db -> access.visible(db, user, taskId, true).flatMap(task -> {
            if (!task.tenant().equals(user.tenant())) throw Refused.forbidden("follow-up is recorded by the staff of the visit's district");
            return records.latest(db, taskId)
                    .switchIfEmpty(Mono.error(() -> Refused.conflict("task " + taskId + " has no submitted record yet")))
                    .flatMap(current -> {
                        FollowUp.requireProblemFound(current.record().problemFound());
                        FollowUpView view = make.apply(task, current);
                        return insert(db, task, view).then(publish(task, view)).thenReturn(view);
                    });
        }));
    }

    private Mono<Void> insert(DatabaseClient db, Task task, FollowUpView v) {
        var insert = db.sql("""
                        INSERT INTO follow_up (follow_up_id, tenant, task_id, record_id, kind, case_number, opened_on, target,
                                               receiving_organ, transferred_on, reason, document_number, recorded_by, recorded_at)
                        VALUES (:id, :tenant, :task, :record, :kind, :case, :opened, :target, :organ, :transferred, :reason,
                                :document, :by, :at)""")
                .bind("id", v.followUpId()).bind("tenant", task.tenant()).bind("task", task.taskId()).bind("record", v.recordId())
                .bind("kind", v.kind().name()).bind("by", v.recordedBy()).bind("at", v.recordedAt());
        insert = bind(insert, "case", v.caseNumber(), String.class);
        insert = bind(insert, "opened", v.openedOn(), LocalDate.class);
        insert = bind(insert, "target", v.target() == null ? null : v.target().name(), String.class);
        insert = bind(insert, "organ", v.receivingOrgan(), String.class);
        insert = bind(insert, "transferred", v.transferredOn(), LocalDate.class);
        insert = bind(insert, "reason", v.reason(), String.class);
        insert = bind(insert, "document", v.documentNumber(), String.class);
        return insert.then().onErrorMap(DataIntegrityViolationException.class,
                e -> Refused.conflict("case number " + v.caseNumber() + " is already recorded in this district"));
    }

    private Mono<Void> publish(Task task, FollowUpView v) {
        EntityRef entity = EntityRef.of(task);
        return v.kind() == Kind.CASE_OPENED
                ? outbox.publish(InspectionEvents.CASE_OPENED, task.taskId(), task.tenant(), new CaseOpened(v.followUpId().toString(),
                        task.taskId(), v.recordId().toString(), task.tenant(), entity, task.random(), v.caseNumber(), v.openedOn(),
                        v.recordedBy(), v.recordedAt())).then()
                : outbox.publish(InspectionEvents.CASE_TRANSFERRED, task.taskId(), task.tenant(), new CaseTransferred(v.followUpId().toString(),
                        task.taskId(), v.recordId().toString(), task.tenant(), entity, task.random(), v.target(), v.receivingOrgan(),
                        v.transferredOn(), v.reason(), v.documentNumber(), v.recordedBy(), v.recordedAt())).then();
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MICROS);
    }

    private static <T> DatabaseClient.GenericExecuteSpec bind(DatabaseClient.GenericExecuteSpec spec, String name, T value, Class<T> type) {
        return value == null ? spec.bindNull(name, type) : spec.bind(name, value);
    }

    private static FollowUpView read(Readable row) {
        String target = row.get("target", String.class);
        return new FollowUpView(row.get("follow_up_id", UUID.class), row.get("task_id", String.class), row.get("record_id", UUID.class),
                Kind.valueOf(row.get("kind", String.class)), row.get("case_number", String.class), row.get("opened_on", LocalDate.class),
                target == null ? null : TransferTarget.valueOf(target), row.get("receiving_organ", String.class),
                row.get("transferred_on", LocalDate.class), row.get("reason", String.class), row.get("document_number", String.class),
                row.get("recorded_by", String.class), row.get("recorded_at", OffsetDateTime.class));
    }
}
