package cn.dsr.roster.entity;

import cn.dsr.platform.tenant.CurrentUser;
import cn.dsr.roster.revision.RosterChanges.ChangeRecord;
import cn.dsr.roster.entity.EntityService.Filter;
import java.net.URI;
import java.time.LocalDate;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@RestController
@RequestMapping("/api/roster/entities")
public class EntityController {

    private final EntityService service;

    public EntityController(EntityService service) {
        this.service = service;
    }

    /** The request body: tenant and category are derived, never taken from the client. */
    public record EntityBody(String uscc, String name, String address, String district, String legalRepresentative,
                             String industry, EntityStatus status, LocalDate registrationDate, EntityTags tags, String reason) {
        EntityDraft draft() {
            return new EntityDraft(uscc, name, address, district, legalRepresentative, industry, status, registrationDate, tags);
        }
    }

    public record OverrideBody(SupervisionCategory category, Boolean offSite, String reason) {}

    @PostMapping
    public Mono<ResponseEntity<EntityState>> create(@RequestBody EntityBody body) {
        return CurrentUser.current()
                .flatMap(user -> service.create(user, body.draft(), body.reason()))
                .map(state -> ResponseEntity.created(URI.create("/api/roster/entities/" + state.id())).body(state));
    }

    @PutMapping("/{id}")
    public Mono<EntityState> update(@PathVariable UUID id, @RequestBody EntityBody body) {
        return CurrentUser.current().flatMap(user -> service.update(user, id, body.draft(), body.reason()));
    }

    /**
     * The roster now, or as of a tenant roster revision ({@code asOfRevision}) or a moment
     * ({@code asOf}: a date means the end of that day in China).
     */
    @GetMapping
    public Flux<EntityState> list(@RequestParam(required = false) String tenant, @RequestParam(required = false) String district,
                                  @RequestParam(required = false) EntityStatus status,
                                  @RequestParam(required = false) SupervisionCategory category,
                                  @RequestParam(required = false) String uscc,
                                  @RequestParam(required = false) Long asOfRevision, @RequestParam(required = false) String asOf) {
        AsOf at = AsOf.parse(asOfRevision, asOf);
        return CurrentUser.current().flatMapMany(user ->
                service.list(user, new Filter(tenant, district, status, category, Uscc.normalize(uscc)), at));
    }

    @GetMapping("/{id}")
    public Mono<EntityState> get(@PathVariable UUID id, @RequestParam(required = false) Long asOfRevision,
                                 @RequestParam(required = false) String asOf) {
        AsOf at = AsOf.parse(asOfRevision, asOf);
        return CurrentUser.current().flatMap(user -> service.get(user, id, at));
    }

    @GetMapping("/{id}/history")
    public Flux<ChangeRecord<EntityState>> history(@PathVariable UUID id) {
        return CurrentUser.current().flatMapMany(user -> service.history(user, id));
    }

    @PutMapping("/{id}/category-override")
    public Mono<EntityState> override(@PathVariable UUID id, @RequestBody OverrideBody body) {
        return CurrentUser.current().flatMap(user -> service.override(user, id, body.category(), Boolean.TRUE.equals(body.offSite()), body.reason()));
    }

    @DeleteMapping("/{id}/category-override")
    public Mono<EntityState> removeOverride(@PathVariable UUID id, @RequestParam(required = false) String reason) {
        return CurrentUser.current().flatMap(user -> service.removeOverride(user, id, reason));
    }
}
