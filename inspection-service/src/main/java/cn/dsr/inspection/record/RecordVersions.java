package cn.dsr.inspection.record;

import cn.dsr.inspection.InspectionEvents;
import cn.dsr.inspection.calendar.CalendarService;
import cn.dsr.inspection.record.Records.Amendment;
import cn.dsr.inspection.record.Records.Stored;
import cn.dsr.inspection.rectification.RectificationService;
import cn.dsr.inspection.settings.SettingsService;
import cn.dsr.inspection.task.Task;
import cn.dsr.inspection.task.TaskState;
import cn.dsr.inspection.task.Tasks;
import cn.dsr.platform.outbox.Outbox;
import cn.dsr.platform.tenant.CurrentUser;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Stores a version of a visit's record with everything that follows from it — its due date in
 * working days, the task's state, the {@code inspection submitted} or {@code amended} event, the
 * rectifications it opens or closes — alike for a first submission and an approved amendment.
 */
@Component
public class RecordVersions {

    private final Tasks tasks;
    private final Records records;
    private final RectificationService rectifications;
    private final CalendarService calendar;
    private final SettingsService settings;
    private final Outbox outbox;

    public RecordVersions(Tasks tasks, Records records, RectificationService rectifications, CalendarService calendar,
                          SettingsService settings, Outbox outbox) {
        this.tasks = tasks;
        this.records = records;
        this.rectifications = rectifications;
        this.calendar = calendar;
        this.settings = settings;
        this.outbox = outbox;
    }

    /** Version 1 when {@code amendment} is null, else the amendment's version; in the caller's transaction. */
    public Mono<Stored> store(DatabaseClient db, CurrentUser user, Task task, int version, FieldRecord record, String author,
                              OffsetDateTime at, Amendment amendment) {
        TaskState next = amendment == null ? task.state().submit() : task.state().amend();
        return settings.of(db, task.tenant()).zipWith(calendar.current()).flatMap(t -> {
            Stored stored = Stored.of(UUID.randomUUID(), task.tenant(), task.taskId(), version,
                    t.getT1().recordDue(t.getT2(), record.inspectionDate()), record, author, at, amendment);
            return records.insert(db, stored)
                    .then(tasks.moveTo(db, task.taskId(), next, record.inspectionDate()))
                    .then(amendment == null
                            ? outbox.publish(InspectionEvents.SUBMITTED, task.taskId(), task.tenant(), RecordEvents.submitted(task, stored))
                            : outbox.publish(InspectionEvents.AMENDED, task.taskId(), task.tenant(), RecordEvents.amended(task, stored)))
                    .then(rectifications.reconcile(db, task, stored, t.getT1(), user.username()))
                    .thenReturn(stored);
        });
    }
}
