package cn.dsr.disclosure.result;

import cn.dsr.disclosure.Inputs;
import cn.dsr.platform.web.ProblemException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Results as anyone may read them (一公开): search, an entity's history, a period's results, open data. */
@RestController
@RequestMapping("/public/disclosure")
public class PublicResultsController {

    private final PublicResults results;
    private final JsonMapper json;
    /** The search's Cache-Control, or null to leave Spring Security's no-cache headers. */
    private final String searchCacheControl;

    public PublicResultsController(PublicResults results, JsonMapper json,
                                   @Value("${dsr.disclosure.portal.max-age:2s}") Duration portalMaxAge) {
        this.results = results;
        this.json = json;
        this.searchCacheControl = portalMaxAge.toSeconds() > 0 ? "public, max-age=" + portalMaxAge.toSeconds() : null;
    }

    public record Page(int page, int size, List<PublicResults.Shown> results) {}

    public record History(String uscc, String name, List<PublicResults.Shown> results) {}

    public record PeriodResults(String period, String district, long withheld, List<PublicResults.Shown> results) {}

    /**
     * The portal's listing, the public's busiest read: shared caches (the gateway) may keep it for
     * {@code dsr.disclosure.portal.max-age}, so a change shows there that much later. Entity
     * pages, period results, exports and the change feed stay exact.
     */
    @GetMapping("/results")
    public Mono<ResponseEntity<Page>> search(@RequestParam(required = false) String name, @RequestParam(required = false) String uscc,
                             @RequestParam(required = false) String district, @RequestParam(required = false) String period,
                             @RequestParam(required = false) String conclusion,
                             @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        var q = new PublicResults.Search(Inputs.likePattern("name", name), Inputs.uscc("uscc", uscc, false),
                Inputs.division("district", district, false), Inputs.period("period", period, false),
                Inputs.oneOf("conclusion", conclusion, Conclusion.class));
        int p = Inputs.range("page", page, 0, 10_000), s = Inputs.range("size", size, 1, 200);
        return results.search(q, p, s).collectList().map(list -> {
            ResponseEntity.BodyBuilder ok = ResponseEntity.ok();
            if (searchCacheControl != null) ok.header(HttpHeaders.CACHE_CONTROL, searchCacheControl);
            return ok.body(new Page(p, s, list));
        });
    }

    @GetMapping("/entities/{uscc}")
    public Mono<History> entity(@PathVariable String uscc) {
        Inputs.uscc("uscc", uscc, true);
        return results.history(uscc).collectList()
                .filter(list -> !list.isEmpty())
                .map(list -> new History(uscc, list.get(0).document().path("entity").path("name").asString(), list))
                .switchIfEmpty(Mono.error(() -> ProblemException.notFound("no published result about " + uscc)));
    }

    @GetMapping("/periods/{period}/results")
    public Mono<PeriodResults> period(@PathVariable String period, @RequestParam(required = false) String district) {
        Inputs.period("period", period, true);
        Inputs.division("district", district, false);
        return Mono.zip(results.period(period, district).collectList(), results.withheld(period, district))
                .map(t -> new PeriodResults(period, district, t.getT2(), t.getT1()));
    }

    /** Open data: a period's published versions, one JSON document per line. */
    @GetMapping(value = "/export/{period}.jsonl", produces = "application/x-ndjson")
    public ResponseEntity<Flux<DataBuffer>> jsonLines(@PathVariable String period) {
        Inputs.period("period", period, true);
        Flux<DataBuffer> body = results.period(period, null)
                .map(shown -> buffer(json.writeValueAsString(shown) + "\n"));
        return attachment("results-" + period + ".jsonl", MediaType.parseMediaType("application/x-ndjson"), body);
    }

    /** Open data: a period's published versions as CSV (UTF-8 with BOM, so spreadsheet programs read the Chinese). */
    @GetMapping(value = "/export/{period}.csv", produces = "text/csv")
    public ResponseEntity<Flux<DataBuffer>> csv(@PathVariable String period) {
        Inputs.period("period", period, true);
        Flux<DataBuffer> body = Flux.concat(
                Flux.just(buffer("\uFEFF" + String.join(",", ResultCsv.HEADER) + "\r\n")),
                results.period(period, null).map(shown -> buffer(ResultCsv.line(shown.state(), shown.document()) + "\r\n")));
        return attachment("results-" + period + ".csv", MediaType.parseMediaType("text/csv;charset=UTF-8"), body);
    }

    private static ResponseEntity<Flux<DataBuffer>> attachment(String filename, MediaType type, Flux<DataBuffer> body) {
        return ResponseEntity.ok().contentType(type)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + filename + "\"").body(body);
    }

    private static DataBuffer buffer(String s) {
        return DefaultDataBufferFactory.sharedInstance.wrap(s.getBytes(StandardCharsets.UTF_8));
    }

    /** The CSV columns of a result version. */
    static final class ResultCsv {
        static final List<String> HEADER = List.of("result_id", "version", "state", "district", "uscc", "name", "period",
                "inspection_date", "conclusion", "wording", "rectification", "case_number", "withheld", "due", "published_at");

        static String line(String state, JsonNode d) {
            JsonNode rect = d.path("rectification");
            return String.join(",", List.of(text(d.path("resultId")), text(d.path("version")), state,
                    text(d.path("district")), text(d.path("entity").path("uscc")), text(d.path("entity").path("name")),
                    text(d.path("period")), text(d.path("inspectionDate")), text(d.path("conclusion")),
                    text(d.path("wording")), text(rect.path("wording")), text(d.path("caseNumber")),
                    String.join(";", d.path("withheld").valueStream().map(JsonNode::asString).toList()),
                    text(d.path("due")), text(d.path("publishedAt")))
                    .stream().map(ResultCsv::cell).toList());
        }

        private static String text(JsonNode n) {
            return n.isNull() || n.isMissingNode() ? "" : n.asString();
        }

        /** RFC 4180 quoting; a leading formula character is defused for spreadsheet programs. */
        static String cell(String value) {
            String v = value == null ? "" : value;
            if (!v.isEmpty() && "=+-@".indexOf(v.charAt(0)) >= 0) v = "'" + v;
            return v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r") ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
        }
    }
}
