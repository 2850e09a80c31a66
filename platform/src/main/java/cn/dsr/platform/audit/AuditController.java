package cn.dsr.platform.audit;

import cn.dsr.platform.tenant.CurrentUser;
import cn.dsr.platform.tenant.Roles;
import cn.dsr.platform.web.ProblemException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;

/**
 * The authorization audit of this service, for auditors only (read-only, their own tenants; a
 * city auditor sees the city's districts). Mounted under the service's own API prefix, which is
 * its application name ({@code /api/roster/...}), so the gateway routes it like the rest.
 */
@RestController
public class AuditController {

    public static final String PATH = "/api/${spring.application.name}/audit/decisions";

    private final AuthorizationAudit audit;

    public AuditController(AuthorizationAudit audit) {
        this.audit = audit;
    }

    @GetMapping(PATH)
    public Flux<AuthorizationAudit.Entry> decisions(@RequestParam(required = false) Decision decision,
                                                    @RequestParam(defaultValue = "100") int limit) {
        if (limit < 1 || limit > 1000) return Flux.error(ProblemException.invalid("limit", "must be between 1 and 1000"));
        return CurrentUser.current().flatMap(user -> user.require(Roles.AUDITOR))
                .flatMapMany(auditor -> audit.read(auditor, decision, limit));
    }
}
