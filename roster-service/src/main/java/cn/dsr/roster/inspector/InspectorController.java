package cn.dsr.roster.inspector;

import cn.dsr.platform.tenant.CurrentUser;
import cn.dsr.roster.revision.RosterChanges.ChangeRecord;
import cn.dsr.roster.inspector.InspectorService.Filter;
import cn.dsr.roster.inspector.InspectorService.InPostView;
import java.net.URI;
import java.time.LocalDate;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@RestController
public class InspectorController {

    private final InspectorService service;

    public InspectorController(InspectorService service) {
        this.service = service;
    }

    /** The request body: the tenant comes from the unit, never from the client. */
    public record InspectorBody(String name, String unit, String department, String employer, String certificateNo,
                                LocalDate certificateValidFrom, LocalDate certificateValidUntil, String post, InspectorKind kind,
                                Set<String> expertise, InspectorStatus status, String homeDistrict, String account, String reason) {
        InspectorDraft draft() {
            return new InspectorDraft(name, unit, department, employer, certificateNo, certificateValidFrom, certificateValidUntil,
                    post, kind, expertise, status, homeDistrict, account);
        }
    }

    public record InPostBody(Integer count, String reason) {}

    @PostMapping("/api/roster/inspectors")
    public Mono<ResponseEntity<InspectorState>> create(@RequestBody InspectorBody body) {
        return CurrentUser.current().flatMap(user -> service.create(user, body.draft(), body.reason()))
                .map(state -> ResponseEntity.created(URI.create("/api/roster/inspectors/" + state.id())).body(state));
    }

    @PutMapping("/api/roster/inspectors/{id}")
    public Mono<InspectorState> update(@PathVariable UUID id, @RequestBody InspectorBody body) {
        return CurrentUser.current().flatMap(user -> service.update(user, id, body.draft(), body.reason()));
    }

    @GetMapping("/api/roster/inspectors")
    public Flux<InspectorState> list(@RequestParam(required = false) InspectorStatus status, @RequestParam(required = false) InspectorKind kind,
                                     @RequestParam(required = false) String expertise, @RequestParam(required = false) LocalDate availableOn) {
        return CurrentUser.current().flatMapMany(user -> service.list(user, new Filter(status, kind, expertise, availableOn)));
    }

    @GetMapping("/api/roster/inspectors/{id}")
    public Mono<InspectorState> get(@PathVariable UUID id) {
        return CurrentUser.current().flatMap(user -> service.get(user, id));
    }

    @GetMapping("/api/roster/inspectors/{id}/history")
    public Flux<ChangeRecord<InspectorState>> history(@PathVariable UUID id) {
        return CurrentUser.current().flatMapMany(user -> service.history(user, id));
    }

    @PutMapping("/api/roster/in-post-counts/{year}")
    public Mono<InPostCount> setInPostCount(@PathVariable int year, @RequestBody InPostBody body) {
        return CurrentUser.current().flatMap(user -> service.setInPostCount(user, year, body.count(), body.reason()));
    }

    @GetMapping("/api/roster/in-post-counts/{year}")
    public Mono<InPostView> inPostCount(@PathVariable int year) {
        return CurrentUser.current().flatMap(user -> service.inPostCount(user, year));
    }
}
