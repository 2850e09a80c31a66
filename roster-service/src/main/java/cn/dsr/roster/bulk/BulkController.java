package cn.dsr.roster.bulk;

import cn.dsr.platform.tenant.CurrentUser;
import cn.dsr.platform.web.ProblemException;
import cn.dsr.roster.entity.AsOf;
import cn.dsr.roster.entity.EntityService;
import cn.dsr.roster.entity.EntityStatus;
import cn.dsr.platform.refusal.Refused;
import cn.dsr.roster.entity.SupervisionCategory;
import cn.dsr.roster.inspector.InspectorKind;
import cn.dsr.roster.inspector.InspectorService;
import cn.dsr.roster.inspector.InspectorStatus;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Spreadsheet import and export of the rosters. The file is the request body itself, sent as
 * {@code text/csv} or as an .xlsx workbook; the answer is the import report, or 422 problem
 * details listing every refused row and column when the caller chose to reject the whole file.
 */
@RestController
public class BulkController {

    private final BulkService service;
    private final int maxBytes;

    public BulkController(BulkService service, @Value("${dsr.roster.import.max-bytes:16777216}") int maxBytes) {
        this.service = service;
        this.maxBytes = maxBytes;
    }

    @PostMapping(value = "/api/roster/entities/import", consumes = {FileFormat.CSV_TYPE, FileFormat.XLSX_TYPE})
    public Mono<ResponseEntity<Object>> importEntities(ServerHttpRequest request, @RequestParam(defaultValue = "REJECT_ALL") ImportMode mode,
                                                       @RequestParam(required = false) String reason) {
        return upload(request, mode, reason, service::importEntities);
    }

    @PostMapping(value = "/api/roster/inspectors/import", consumes = {FileFormat.CSV_TYPE, FileFormat.XLSX_TYPE})
    public Mono<ResponseEntity<Object>> importInspectors(ServerHttpRequest request, @RequestParam(defaultValue = "REJECT_ALL") ImportMode mode,
                                                         @RequestParam(required = false) String reason) {
        return upload(request, mode, reason, service::importInspectors);
    }

    @GetMapping("/api/roster/entities/export")
    public Mono<ResponseEntity<byte[]>> exportEntities(@RequestParam(defaultValue = "csv") String format,
                                                       @RequestParam(required = false) String tenant, @RequestParam(required = false) String district,
                                                       @RequestParam(required = false) EntityStatus status,
                                                       @RequestParam(required = false) SupervisionCategory category,
                                                       @RequestParam(required = false) Long asOfRevision, @RequestParam(required = false) String asOf) {
        FileFormat f = format(format);
        AsOf at = AsOf.parse(asOfRevision, asOf);
        return CurrentUser.current()
                .flatMap(user -> service.exportEntities(user, new EntityService.Filter(tenant, district, status, category, null), at, f))
                .map(bytes -> file(bytes, f, "entities"));
    }

    @GetMapping("/api/roster/inspectors/export")
    public Mono<ResponseEntity<byte[]>> exportInspectors(@RequestParam(defaultValue = "csv") String format,
                                                         @RequestParam(required = false) InspectorStatus status,
                                                         @RequestParam(required = false) InspectorKind kind) {
        FileFormat f = format(format);
        return CurrentUser.current()
                .flatMap(user -> service.exportInspectors(user, new InspectorService.Filter(status, kind, null, null), f))
                .map(bytes -> file(bytes, f, "inspectors"));
    }

    private interface Importer {
        Mono<ImportReport> run(CurrentUser user, byte[] file, FileFormat format, ImportMode mode, String reason);
    }

    private Mono<ResponseEntity<Object>> upload(ServerHttpRequest request, ImportMode mode, String reason, Importer importer) {
        long declared = request.getHeaders().getContentLength();
        if (declared > maxBytes) return Mono.error(tooLarge("the file has " + declared + " bytes"));
        FileFormat format = FileFormat.ofMediaType(String.valueOf(request.getHeaders().getContentType()));
        return DataBufferUtils.join(request.getBody(), maxBytes)
                .map(buffer -> {
                    byte[] bytes = new byte[buffer.readableByteCount()];
                    buffer.read(bytes);
                    DataBufferUtils.release(buffer);
                    return bytes;
                })
                .defaultIfEmpty(new byte[0])
                .onErrorMap(DataBufferLimitException.class, e -> tooLarge("the file is larger"))
                .flatMap(bytes -> CurrentUser.current().flatMap(user -> importer.run(user, bytes, format, mode, reason)))
                .map(report -> respond(request, report))
                .onErrorMap(MalformedFile.class, e -> new ProblemException(HttpStatus.BAD_REQUEST, "Malformed file", e.getMessage()))
                .onErrorMap(TooLarge.class, e -> tooLarge(e.getMessage()));
    }

    private ProblemException tooLarge(String what) {
        return new ProblemException(HttpStatus.PAYLOAD_TOO_LARGE, "File too large",
                what + ": an import takes at most " + maxBytes + " bytes; split the file");
    }

    /** Rejected imports answer 422 as problem details whose errors name row and column. */
    private static ResponseEntity<Object> respond(ServerHttpRequest request, ImportReport report) {
        if (report.mode() == ImportMode.VALID_ROWS || report.errors().isEmpty()) return ResponseEntity.ok(report);
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", "Import rejected");
        problem.put("status", HttpStatus.UNPROCESSABLE_CONTENT.value());
        problem.put("detail", report.rejected() + " of " + report.rows() + " rows have errors; nothing was imported");
        problem.put("instance", request.getPath().value());
        problem.put("errors", report.errors());
        problem.put("report", report);
        return ResponseEntity.status(HttpStatus.UNPROCESSABLE_CONTENT).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    private static FileFormat format(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "csv" -> FileFormat.CSV;
            case "xlsx" -> FileFormat.XLSX;
            default -> throw Refused.invalid("format", "csv or xlsx");
        };
    }

    private static ResponseEntity<byte[]> file(byte[] bytes, FileFormat format, String what) {
        String name = what + "-" + LocalDate.now(AsOf.CHINA) + "." + format.extension();
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(format.mediaType() + (format == FileFormat.CSV ? ";charset=UTF-8" : "")))
                .header("Content-Disposition", ContentDisposition.attachment().filename(name).build().toString())
                .body(bytes);
    }
}
