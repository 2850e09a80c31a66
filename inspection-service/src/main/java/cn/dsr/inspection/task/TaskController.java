package cn.dsr.inspection.task;

import cn.dsr.inspection.task.Task.Entity;
import cn.dsr.inspection.task.Task.TeamMember;
import cn.dsr.inspection.task.Task.VisitItem;
import cn.dsr.inspection.task.TaskService.DistrictOverdue;
import cn.dsr.inspection.task.TaskService.TaskView;
import cn.dsr.inspection.task.Tasks.Filter;
import cn.dsr.inspection.task.Tasks.MemberHistory;
import cn.dsr.platform.tenant.CurrentUser;
import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@RestController
@RequestMapping("/api/inspection")
public class TaskController {

    private final TaskService service;

    public TaskController(TaskService service) {
        this.service = service;
    }

    public record StartBody(LocalDate inspectionDate) {}

    /** The request body of a targeted inspection: the tenant is the caller's district, never the client's word. */
    public record TargetedBody(TargetedReason reason, String note, Entity entity, Method method,
                               List<VisitItem> items, List<TeamMember> team) {}

    @GetMapping("/tasks")
    public Flux<TaskView> list(@RequestParam(required = false) TaskState state, @RequestParam(required = false) Boolean random,
                               @RequestParam(required = false) String district) {
        return CurrentUser.current().flatMapMany(user -> service.list(user, new Filter(state, random, district)));
    }

    @GetMapping("/tasks/{taskId}")
    public Mono<TaskView> get(@PathVariable String taskId) {
        return CurrentUser.current().flatMap(user -> service.get(user, taskId));
    }

    @GetMapping("/tasks/{taskId}/team")
    public Flux<MemberHistory> team(@PathVariable String taskId) {
        return CurrentUser.current().flatMapMany(user -> service.team(user, taskId));
    }

    @PostMapping("/tasks/{taskId}/start")
    public Mono<TaskView> start(@PathVariable String taskId, @RequestBody StartBody body) {
        return CurrentUser.current().flatMap(user -> service.start(user, taskId, body.inspectionDate()));
    }

    @PostMapping("/tasks/targeted")
    public Mono<ResponseEntity<TaskView>> targeted(@RequestBody TargetedBody body) {
        return CurrentUser.current()
                .flatMap(user -> service.createTargeted(user, new TargetedInspection(body.reason(), body.note(), body.entity(),
                        body.method(), body.items(), body.team())))
                .map(task -> ResponseEntity.created(URI.create("/api/inspection/tasks/" + task.taskId())).body(task));
    }

    /** Open tasks behind time, grouped by district; {@code district} narrows a city's list to one. */
    @GetMapping("/overdue")
    public Mono<List<DistrictOverdue>> overdue(@RequestParam(required = false) String district) {
        return CurrentUser.current().flatMap(user -> service.overdue(user, district));
    }
}
