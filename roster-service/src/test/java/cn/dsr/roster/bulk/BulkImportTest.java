package cn.dsr.roster.bulk;

import static org.assertj.core.api.Assertions.assertThat;

import cn.dsr.roster.entity.RosterServiceTest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

class BulkImportTest extends RosterServiceTest {

    static final String FUGOU = "411621";
    static final String HEADER = "统一社会信用代码,名称,地址,所在区县代码,登记状态,排污许可管理类别,正面清单\n";

    @BeforeEach
    void orgUnits() {
        districts(FUGOU);
    }

    static String row(String uscc, String name) {
        return uscc + "," + name + ",扶沟县工业园区," + FUGOU + ",在营,重点管理,否\n";
    }

    WebTestClient.ResponseSpec upload(String what, String mode, MediaType type, byte[] file) {
        return web.post().uri("/api/roster/" + what + "/import?mode=" + mode).headers(h -> h.setBearerAuth(operator(FUGOU)))
                .contentType(type).bodyValue(file).exchange();
    }

    static byte[] csv(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void rejecting_the_whole_file_reports_every_bad_row_and_column_and_writes_nothing() throws Exception {
        String file = HEADER + row(newUscc(FUGOU), "甲公司") + row("91350100M000100Y44", "乙公司") + row(newUscc(FUGOU), "丙公司").replace("在营", "营业");
        long outbox = count("SELECT count(*) FROM outbox");
        long changes = count("SELECT count(*) FROM roster_change");
        upload("entities", "REJECT_ALL", MediaType.parseMediaType("text/csv"), csv(file))
                .expectStatus().isEqualTo(422)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.detail").isEqualTo("2 of 3 rows have errors; nothing was imported")
                .jsonPath("$.errors[0].row").isEqualTo(3)
                .jsonPath("$.errors[0].column").isEqualTo("统一社会信用代码")
                .jsonPath("$.errors[0].message").value(m -> assertThat((String) m).contains("check character"))
                .jsonPath("$.errors[1].row").isEqualTo(4)
                .jsonPath("$.errors[1].column").isEqualTo("登记状态")
                .jsonPath("$.report.written").isEqualTo(false);
        assertThat(count("SELECT count(*) FROM outbox")).isEqualTo(outbox);
        assertThat(count("SELECT count(*) FROM roster_change")).isEqualTo(changes);
    }

    @Test
    @SuppressWarnings("unchecked")
    void importing_the_valid_rows_writes_them_in_one_go_and_a_second_import_changes_nothing() throws Exception {
        String first = newUscc(FUGOU);
        String second = newUscc(FUGOU);
        String file = HEADER + row(first, "丁公司") + row(second, "戊公司") + row(first, "丁公司（重复行）") + row("123", "坏公司");
        upload("entities", "VALID_ROWS", MediaType.parseMediaType("text/csv; charset=UTF-8"), csv(file))
                .expectStatus().isOk().expectBody()
                .jsonPath("$.created").isEqualTo(2)
                .jsonPath("$.rejected").isEqualTo(2)
                .jsonPath("$.written").isEqualTo(true)
                .jsonPath("$.errors[0].row").isEqualTo(4)
                .jsonPath("$.errors[0].message").isEqualTo("the same code is in row 2")
                .jsonPath("$.errors[1].row").isEqualTo(5);
        List<Map<String, Object>> imported = get(operator(FUGOU), "/api/roster/entities?uscc=" + second).expectBody(List.class)
                .returnResult().getResponseBody();
        assertThat(imported).singleElement().satisfies(e -> assertThat(e).containsEntry("name", "戊公司").containsEntry("category", "KEY"));
        consume("roster.entities.v1", List.of((String) imported.get(0).get("id")));

        long changes = count("SELECT count(*) FROM roster_change");
        upload("entities", "VALID_ROWS", MediaType.parseMediaType("text/csv"), csv(HEADER + row(first, "丁公司") + row(second, "戊公司（更名）")))
                .expectStatus().isOk().expectBody()
                .jsonPath("$.unchanged").isEqualTo(1)
                .jsonPath("$.updated").isEqualTo(1);
        assertThat(count("SELECT count(*) FROM roster_change")).isEqualTo(changes + 1);
    }

    @Test
    void an_xlsx_export_imports_back_unchanged_and_a_csv_export_too() {
        String uscc = newUscc(FUGOU);
        upload("entities", "REJECT_ALL", MediaType.parseMediaType("text/csv"), csv(HEADER + row(uscc, "己公司"))).expectStatus().isOk();
        for (String format : List.of("xlsx", "csv")) {
            byte[] exported = get(operator(FUGOU), "/api/roster/entities/export?format=" + format + "&district=" + FUGOU)
                    .expectStatus().isOk()
                    .expectHeader().value("Content-Disposition", d -> assertThat(d).contains("attachment").contains("." + format))
                    .expectBody(byte[].class).returnResult().getResponseBody();
            MediaType type = MediaType.parseMediaType(format.equals("csv") ? FileFormat.CSV_TYPE : FileFormat.XLSX_TYPE);
            upload("entities", "REJECT_ALL", type, exported).expectStatus().isOk().expectBody()
                    .jsonPath("$.created").isEqualTo(0)
                    .jsonPath("$.updated").isEqualTo(0)
                    .jsonPath("$.unchanged").value(n -> assertThat((Integer) n).isPositive());
        }
    }

    @Test
    void a_malformed_file_is_refused_with_the_reason() {
        upload("entities", "REJECT_ALL", MediaType.parseMediaType("text/csv"), csv(HEADER + "\"unclosed,x\n"))
                .expectStatus().isBadRequest().expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.title").isEqualTo("Malformed file")
                .jsonPath("$.detail").value(d -> assertThat((String) d).contains("never closed"));
        upload("entities", "REJECT_ALL", MediaType.parseMediaType("text/csv"), csv("名称,地址\n甲,乙\n"))
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.detail").value(d -> assertThat((String) d).contains("统一社会信用代码 (uscc)"));
        upload("entities", "REJECT_ALL", MediaType.parseMediaType(FileFormat.XLSX_TYPE), csv("this is no workbook"))
                .expectStatus().isBadRequest();
        upload("entities", "REJECT_ALL", MediaType.APPLICATION_PDF, csv("%PDF")).expectStatus().isEqualTo(415);
    }

    @Test
    void a_file_over_the_size_limit_is_refused_before_it_is_read() {
        byte[] huge = new byte[16 * 1024 * 1024 + 1];
        upload("entities", "REJECT_ALL", MediaType.parseMediaType("text/csv"), huge)
                .expectStatus().isEqualTo(413)
                .expectBody().jsonPath("$.detail").value(d -> assertThat((String) d).contains("16777216"));
    }

    @Test
    void inspectors_import_from_csv_and_update_by_certificate_number() {
        String header = "姓名,所属单位代码,执法证号,执法证有效期至,人员类别,擅长领域,在岗状态,常驻区县代码\n";
        String certificate = "FG" + System.nanoTime() % 100_000_000;
        List<String> rows = new ArrayList<>(List.of(
                "褚明," + FUGOU + "," + certificate + ",2027-12-31,执法人员,大气；水," + "在岗," + FUGOU,
                "卫红," + FUGOU + ",,,专家,辐射,在岗," + FUGOU,
                "蒋平," + FUGOU + ",,,执法人员,,在岗," + FUGOU));
        upload("inspectors", "VALID_ROWS", MediaType.parseMediaType("text/csv"), csv(header + String.join("\n", rows)))
                .expectStatus().isOk().expectBody()
                .jsonPath("$.created").isEqualTo(2)
                .jsonPath("$.errors[0].row").isEqualTo(4)
                .jsonPath("$.errors[0].column").isEqualTo("执法证号");
        upload("inspectors", "REJECT_ALL", MediaType.parseMediaType("text/csv"),
                csv(header + rows.get(0).replace("在岗", "调离")))
                .expectStatus().isOk().expectBody().jsonPath("$.updated").isEqualTo(1).jsonPath("$.created").isEqualTo(0);
        get(operator(FUGOU), "/api/roster/inspectors/export?format=xlsx").expectStatus().isOk()
                .expectHeader().contentType(FileFormat.XLSX_TYPE);
    }
}
