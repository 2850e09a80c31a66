package cn.dsr.draw.draw;

import cn.dsr.draw.core.verify.Check;
import cn.dsr.draw.core.verify.MalformedRecordException;
import cn.dsr.draw.core.verify.VerificationReport;
import cn.dsr.draw.core.verify.Verifier;
import cn.dsr.platform.web.ProblemException;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * What anyone may see (一公开): before inspections the commitment (input digest, sources,
 * commitments) and the lifecycle, cancellations included; after disclosure the whole record,
 * and a verifier for any record.
 */
@RestController
@RequestMapping("/public/draw")
public class PublicDrawController {

    private final DrawService draws;

    public PublicDrawController(DrawService draws) {
        this.draws = draws;
    }

    public record PublicDraw(String drawId, String tenant, String level, String period, List<String> planIds, String status,
                             String inputDigest, String rosterRevisions, List<Draw.SourceState> sources, String replaces,
                             String replacedBy, OffsetDateTime scheduledAt, String resultDigest, OffsetDateTime executedAt,
                             Draw.Cancellation cancellation, OffsetDateTime disclosedAt, String record) {

        static PublicDraw of(Draw d) {
            return new PublicDraw(d.id(), d.tenant(), d.level(), d.period(), d.planIds(), d.status(), d.inputDigest(),
                    d.rosterRevisions(), d.sources(), d.replaces(), d.replacedBy(), d.scheduledAt(), d.resultDigest(),
                    d.executedAt(), d.cancellation(), d.disclosedAt(),
                    d.disclosed() && d.executedAt() != null ? "/public/draw/draws/" + d.id() + "/record" : null);
        }
    }

    public record Verification(boolean ok, String firstMismatch, List<Check> checks) {

        static Verification of(VerificationReport report) {
            return new Verification(report.ok(), report.firstMismatch().map(Check::name).orElse(null), report.checks());
        }
    }

    @GetMapping("/draws")
    public Flux<PublicDraw> list(@RequestParam String tenant) {
        if (!tenant.matches("[0-9]{6}")) return Flux.error(ProblemException.invalid("tenant", "a six-digit division code"));
        return draws.publicList(tenant).map(PublicDraw::of);
    }

    @GetMapping("/draws/{id}")
    public Mono<PublicDraw> get(@PathVariable String id) {
        return draws.publicView(id).map(PublicDraw::of);
    }

    /** The disclosed record, byte for byte as stored: what {@code verify-draw} checks. */
    @GetMapping(value = "/draws/{id}/record", produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<String> record(@PathVariable String id) {
        return draws.publicRecord(id);
    }

    /** Verifies a submitted record by recomputing it: every check with its outcome, the first mismatch named. */
    @PostMapping(value = "/verify", consumes = MediaType.ALL_VALUE)
    public Mono<Verification> verify(@RequestBody String record) {
        return Mono.fromCallable(() -> {
            try {
                return Verification.of(Verifier.verify(record));
            } catch (MalformedRecordException e) {
                throw ProblemException.invalid("record", e.getMessage());
            }
        }).subscribeOn(Schedulers.boundedElastic()); // recomputing a large record is CPU work, kept off the event loop
    }
}
