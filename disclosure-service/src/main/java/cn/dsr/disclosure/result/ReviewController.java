package cn.dsr.disclosure.result;

import cn.dsr.platform.tenant.CurrentUser;
import cn.dsr.platform.tenant.Roles;
import cn.dsr.platform.tenant.TenantTx;
import cn.dsr.platform.web.ProblemException;
import java.time.LocalDate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The review step: results waiting for the bureau's review, and publishing one before its due date. */
@RestController
@RequestMapping("/api/disclosure/reviews")
public class ReviewController {

    private final TenantTx tx;
    private final ResultBook book;

    public ReviewController(TenantTx tx, ResultBook book) {
        this.tx = tx;
        this.book = book;
    }

    public record Waiting(String resultId, int version, String uscc, String name, LocalDate inspectionDate, String conclusion, LocalDate due) {}

    @GetMapping
    public Flux<Waiting> waiting() {
        return CurrentUser.current().flatMap(user -> user.require(Roles.DISTRICT_OPERATOR, Roles.DISTRICT_HEAD))
                .flatMapMany(user -> tx.manyInTenants(user.visibleTenants(), db -> db.sql("""
                                SELECT result_id, version, uscc, name, inspection_date, conclusion, due FROM result_version
                                 WHERE state = 'AWAITING_REVIEW' ORDER BY due, result_id""")
                        .map(r -> new Waiting(r.get("result_id", String.class), r.get("version", Integer.class), r.get("uscc", String.class),
                                r.get("name", String.class), r.get("inspection_date", LocalDate.class), r.get("conclusion", String.class),
                                r.get("due", LocalDate.class)))
                        .all()));
    }

    /** The head approves publication (审核): the version is public at once. */
    @PostMapping("/{resultId}/versions/{version}/publish")
    public Mono<Void> publish(@PathVariable String resultId, @PathVariable int version) {
        return CurrentUser.current().flatMap(user -> user.require(Roles.DISTRICT_HEAD)).flatMap(user -> tx.inTenant(user.tenant(), db ->
                db.sql("SELECT state FROM result_version WHERE result_id = :id AND version = :version")
                        .bind("id", resultId).bind("version", version).map(r -> r.get("state", String.class)).one()
                        .switchIfEmpty(Mono.error(() -> ProblemException.notFound("no result " + resultId + " version " + version)))
                        .flatMap(state -> PublicationState.AWAITING_REVIEW.name().equals(state)
                                ? book.publishWaiting(db, resultId, version, user.username() == null ? user.subject() : user.username())
                                : Mono.error(ProblemException.conflict("result " + resultId + " version " + version + " is " + state + ", not awaiting review")))));
    }
}
