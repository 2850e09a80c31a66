package cn.dsr.inspection.followup;

import cn.dsr.inspection.followup.FollowUp.CaseOpening;
import cn.dsr.inspection.followup.FollowUp.Transfer;
import cn.dsr.inspection.followup.FollowUpService.FollowUpView;
import cn.dsr.platform.tenant.CurrentUser;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@RestController
@RequestMapping("/api/inspection/tasks/{taskId}")
public class FollowUpController {

    private final FollowUpService service;

    public FollowUpController(FollowUpService service) {
        this.service = service;
    }

    /** 立案: the case number and the day the case was opened. */
    @PostMapping("/cases")
    @ResponseStatus(HttpStatus.CREATED)
    public Mono<FollowUpView> openCase(@PathVariable String taskId, @RequestBody CaseOpening body) {
        return CurrentUser.current().flatMap(user -> service.openCase(user, taskId, body));
    }

    /** 移送: to another agency or to the judicial organs. */
    @PostMapping("/transfers")
    @ResponseStatus(HttpStatus.CREATED)
    public Mono<FollowUpView> transfer(@PathVariable String taskId, @RequestBody Transfer body) {
        return CurrentUser.current().flatMap(user -> service.transfer(user, taskId, body));
    }

    @GetMapping("/follow-up")
    public Flux<FollowUpView> list(@PathVariable String taskId) {
        return CurrentUser.current().flatMapMany(user -> service.list(user, taskId));
    }
}
