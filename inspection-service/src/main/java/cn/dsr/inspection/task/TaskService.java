package cn.dsr.inspection.task;

import cn.dsr.platform.refusal.Refused;
import cn.dsr.inspection.calendar.CalendarService;
import cn.dsr.inspection.settings.SettingsService;
import cn.dsr.inspection.settings.TenantSettings;
import cn.dsr.inspection.task.Task.Entity;
import cn.dsr.inspection.task.Task.Joint;
import cn.dsr.inspection.task.Task.TeamMember;
import cn.dsr.inspection.task.Task.VisitItem;
import cn.dsr.inspection.task.Tasks.Filter;
import cn.dsr.inspection.task.Tasks.MemberHistory;
import cn.dsr.platform.tenant.CurrentUser;
import cn.dsr.platform.tenant.TenantTx;
import cn.dsr.workingdays.UnknownYearException;
import cn.dsr.workingdays.WorkingDays;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.function.Tuple2;

@Service
public class TaskService {

    private final TaskAccess access;
    private final Tasks tasks;
    private final TenantTx tx;
    private final CalendarService calendar;
    private final SettingsService settings;
    private final Clock clock;

    public TaskService(TaskAccess access, Tasks tasks, TenantTx tx, CalendarService calendar, SettingsService settings, Clock clock) {
        this.access = access;
        this.tasks = tasks;
        this.tx = tx;
        this.calendar = calendar;
        this.settings = settings;
        this.clock = clock;
    }

    /** A task as its readers see it, with the day its record is due once the inspection date is known. */
    public record TaskView(String taskId, String tenant, String drawId, String period, boolean random, TargetedReason targetedReason,
                           Entity entity, Method method, List<VisitItem> items, Joint joint, List<TeamMember> team,
                           TaskState state, LocalDate inspectionDate, LocalDate recordDueDate) {

        static TaskView of(Task t, LocalDate due) {
            return new TaskView(t.taskId(), t.tenant(), t.drawId(), t.period(), t.random(), t.targetedReason(), t.entity(), t.method(),
                    t.items(), t.joint(), t.team(), t.state(), t.inspectionDate(), due);
        }
    }

    public record OverdueView(String taskId, String district, Entity entity, boolean random, String period, TaskState state,
                              Overdue.Stage stage, LocalDate inspectionDate, LocalDate dueDate, Integer workingDaysOverdue,
                              List<TeamMember> team) {}

    /** The overdue tasks of one district (督办). */
    public record DistrictOverdue(String district, int count, List<OverdueView> tasks) {}

    public Flux<TaskView> list(CurrentUser user, Filter filter) {
        return access.inScope(user, db -> (TaskAccess.inspectorView(user)
                        ? access.actingAs(db, user).flatMap(me -> tasks.list(db, filter, me).collectList())
                        : tasks.list(db, filter, null).collectList())
                        .zipWith(settings.all(db)))
                .zipWith(calendar.current())
                .flatMapMany(t -> Flux.fromIterable(t.getT1().getT1())
                        .map(task -> TaskView.of(task, due(task, t.getT1().getT2(), t.getT2()))));
    }

    public Mono<TaskView> get(CurrentUser user, String taskId) {
        return access.inScope(user, db -> access.visible(db, user, taskId, false).zipWith(settings.all(db)))
                .zipWith(calendar.current())
                .map(t -> TaskView.of(t.getT1().getT1(), due(t.getT1().getT1(), t.getT1().getT2(), t.getT2())));
    }

    /** Everyone who has been on the visit's team, replaced members included. */
    public Flux<MemberHistory> team(CurrentUser user, String taskId) {
        return access.manyInScope(user, db -> access.visible(db, user, taskId, false).flatMapMany(task -> tasks.team(db, taskId)));
    }

    /** The team reports the visit made on a date; the record is due N working days after it. */
    public Mono<TaskView> start(CurrentUser user, String taskId, LocalDate inspectionDate) {
        if (inspectionDate == null) throw Refused.invalid("inspectionDate", "is required");
        if (inspectionDate.isAfter(LocalDate.now(clock))) throw Refused.invalid("inspectionDate", "lies in the future");
        return access.inScope(user, db -> access.visible(db, user, taskId, true).flatMap(task -> access.requireRecorder(db, user, task)
                .then(Mono.defer(() -> tasks.moveTo(db, taskId, task.state().start(), inspectionDate))))).then(Mono.defer(() -> get(user, taskId)));
    }

    /** A targeted inspection entered by the district's staff, recorded like a drawn visit but not random. */
    public Mono<TaskView> createTargeted(CurrentUser user, TargetedInspection inspection) {
        if (!user.hasAnyRole(TaskAccess.DISTRICT_STAFF) || CurrentUser.isCityLevel(user.tenant())) {
            throw Refused.forbidden("a targeted inspection is entered by the staff of the district it happens in");
        }
        Refused.unless(inspection.problems());
        Task task = inspection.toTask("T-" + UUID.randomUUID(), user.tenant());
        return tx.inTenants(user.visibleTenants(), db -> tasks.insert(db, task, user.username(), inspection.note())
                        .thenMany(Flux.fromIterable(task.team()).concatMap(m -> tasks.addMember(db, task.taskId(), task.tenant(), task.tenant(), m)))
                        .then())
                .then(Mono.defer(() -> get(user, task.taskId())));
    }

    /** The tasks behind time, by district, for the district staff and the city's supervision (督办, 000). */
    public Mono<List<DistrictOverdue>> overdue(CurrentUser user, String district) {
        if (!user.hasAnyRole(TaskAccess.TENANT_READERS)) throw Refused.forbidden("overdue lists are for district staff, the city coordinator and auditors");
        return behindTime(access.inScope(user, db -> openTasks(db, district))).map(overdue -> {
            Map<String, List<OverdueView>> byDistrict = overdue.stream()
                    .map(o -> new OverdueView(o.task().taskId(), o.task().tenant(), o.task().entity(), o.task().random(), o.task().period(),
                            o.task().state(), o.stage(), o.task().inspectionDate(), o.dueDate(), o.workingDaysOverdue(), o.task().team()))
                    .collect(Collectors.groupingBy(OverdueView::district, TreeMap::new, Collectors.toList()));
            return byDistrict.entrySet().stream()
                    .map(e -> new DistrictOverdue(e.getKey(), e.getValue().size(), e.getValue())).toList();
        });
    }

    /** The open tasks (of one district, or all the transaction sees) with their bureaus' settings. */
    Mono<Tuple2<List<Task>, Map<String, TenantSettings>>> openTasks(DatabaseClient db, String district) {
        return tasks.list(db, new Filter(null, null, district), null).filter(t -> t.state().isOpen()).collectList().zipWith(settings.all(db));
    }

    /** Which of those tasks are behind time today, by the official calendar. */
    Mono<List<Overdue>> behindTime(Mono<Tuple2<List<Task>, Map<String, TenantSettings>>> open) {
        LocalDate today = LocalDate.now(clock);
        return open.zipWith(calendar.current()).map(t -> t.getT1().getT1().stream()
                .flatMap(task -> Overdue.assess(task, t.getT1().getT2().getOrDefault(task.tenant(), TenantSettings.DEFAULT), t.getT2(), today).stream())
                .toList());
    }

    private static LocalDate due(Task task, Map<String, TenantSettings> settings, WorkingDays calendar) {
        if (task.inspectionDate() == null) return null;
        try {
            return settings.getOrDefault(task.tenant(), TenantSettings.DEFAULT).recordDue(calendar, task.inspectionDate());
        } catch (UnknownYearException e) {
            return null; // shown as unknown until the year's calendar is added
        }
    }
}
