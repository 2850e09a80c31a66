package cn.dsr.draw.access;

import cn.dsr.platform.tenant.CurrentUser;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;

@RestController
public class AccessLogController {

    private final AccessLog log;

    public AccessLogController(AccessLog log) {
        this.log = log;
    }

    @GetMapping("/api/draw/access-log")
    public Flux<AccessLog.Entry> read(@RequestParam(required = false) String drawId) {
        return CurrentUser.current().flatMapMany(user -> log.read(user, drawId));
    }
}
