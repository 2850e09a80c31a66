package cn.dsr.roster.report;

import cn.dsr.platform.tenant.CurrentUser;
import cn.dsr.roster.bulk.FileFormat;
import cn.dsr.platform.refusal.Refused;
import org.springframework.http.ContentDisposition;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

@RestController
public class ReportController {

    private final ReportService service;

    public ReportController(ReportService service) {
        this.service = service;
    }

    /** The quarterly roster change report (DOMAIN §8, seed 003), as JSON or as an .xlsx workbook ({@code format=xlsx}). */
    @GetMapping("/api/roster/reports/quarterly")
    public Mono<ResponseEntity<?>> quarterly(@RequestParam int year, @RequestParam int quarter, @RequestParam(defaultValue = "json") String format) {
        if (!format.equals("json") && !format.equals("xlsx")) throw Refused.invalid("format", "json or xlsx");
        Quarter q = new Quarter(year, quarter);
        return CurrentUser.current().flatMap(user -> service.quarterly(user, q)).map(report -> format.equals("json")
                ? ResponseEntity.ok(report)
                : ResponseEntity.ok()
                        .contentType(MediaType.parseMediaType(FileFormat.XLSX_TYPE))
                        .header("Content-Disposition", ContentDisposition.attachment()
                                .filename("roster-changes-" + year + "-q" + quarter + ".xlsx").build().toString())
                        .body(ReportService.xlsx(report)));
    }
}
