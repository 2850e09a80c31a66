package cn.dsr.roster.org;

import cn.dsr.platform.tenant.CurrentUser;
import cn.dsr.roster.org.OrgUnitService.NewOrgUnit;
import cn.dsr.roster.org.OrgUnitService.OrgUnitState;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@RestController
@RequestMapping("/api/roster/org-units")
public class OrgUnitController {

    private final OrgUnitService service;

    public OrgUnitController(OrgUnitService service) {
        this.service = service;
    }

    /** The request body: tenant and status are derived, never taken from the client. */
    public record CreateOrgUnit(
            @NotBlank @Size(max = 40) String code,
            @NotBlank @Size(max = 100) String name,
            @NotNull OrgUnitKind kind,
            @Size(max = 40) String parentCode) {}

    @PostMapping
    public Mono<ResponseEntity<OrgUnitState>> create(@Valid @RequestBody CreateOrgUnit body) {
        return CurrentUser.current()
                .flatMap(user -> service.create(user, new NewOrgUnit(body.code(), body.name(), body.kind(), body.parentCode())))
                .map(state -> ResponseEntity.created(URI.create("/api/roster/org-units/" + state.code())).body(state));
    }

    @GetMapping
    public Flux<OrgUnit> list() {
        return CurrentUser.current().flatMapMany(service::list);
    }

    @GetMapping("/{code}")
    public Mono<OrgUnit> get(@PathVariable String code) {
        return CurrentUser.current().flatMap(user -> service.get(user, code));
    }
}
