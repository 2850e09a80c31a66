package cn.dsr.inspection.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import cn.dsr.inspection.ServiceTest;
import cn.dsr.inspection.evidence.EvidenceService.EvidenceView;
import cn.dsr.inspection.record.FieldRecords;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class EvidenceUploadTest extends ServiceTest {

    static final String XIHUA = "411622";

    @Test
    void a_photo_is_stored_with_its_sha256_and_comes_back_byte_for_byte() throws Exception {
        Team team = drawnVisit(XIHUA);
        byte[] photo = jpeg("排污口现场照片");
        EvidenceView stored = upload(inspector(XIHUA, team.zhang()), team.taskId(), "image/jpeg", photo)
                .expectStatus().isCreated().expectBody(EvidenceView.class).returnResult().getResponseBody();
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(photo);
        assertThat(stored.sha256()).isEqualTo(HexFormat.of().formatHex(digest));
        assertThat(stored.kind()).isEqualTo(EvidenceKind.PHOTO);
        assertThat(stored.size()).isEqualTo(photo.length);
        assertThat(stored.filename()).isEqualTo("photo.jpg");

        byte[] back = web.get().uri("/api/inspection/tasks/" + team.taskId() + "/evidence/" + stored.evidenceId())
                .headers(h -> h.setBearerAuth(operator(XIHUA))).exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("Repr-Digest", "sha-256=:" + Base64.getEncoder().encodeToString(digest) + ":")
                .expectBody(byte[].class).returnResult().getResponseBody();
        assertThat(back).isEqualTo(photo);
        assertThat(web.get().uri("/api/inspection/tasks/" + team.taskId() + "/evidence").headers(h -> h.setBearerAuth(operator(XIHUA)))
                .exchange().expectBodyList(EvidenceView.class).returnResult().getResponseBody()).extracting(EvidenceView::evidenceId)
                .containsExactly(stored.evidenceId());
    }

    @Test
    void a_disallowed_type_a_disguised_file_or_an_oversize_one_is_refused_and_nothing_is_stored() {
        Team team = drawnVisit(XIHUA);
        String zhang = inspector(XIHUA, team.zhang());
        long before = count("SELECT count(*) FROM evidence");
        upload(zhang, team.taskId(), "application/x-msdownload", "MZ...".getBytes(StandardCharsets.UTF_8))
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("file");
        upload(zhang, team.taskId(), "image/jpeg", "MZ this is an executable".getBytes(StandardCharsets.UTF_8))
                .expectStatus().isBadRequest().expectBody().jsonPath("$.detail").value(d -> assertThat(d.toString()).contains("not image/jpeg"));
        byte[] huge = new byte[10 * 1024 * 1024 + 1];
        System.arraycopy(jpeg("x"), 0, huge, 0, 4);
        upload(zhang, team.taskId(), "image/jpeg", huge).expectStatus().isEqualTo(413)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("file");
        upload(inspector(XIHUA, id("INS")), team.taskId(), "image/jpeg", jpeg("x")).expectStatus().isForbidden();
        assertThat(count("SELECT count(*) FROM evidence")).isEqualTo(before);
    }

    @Test
    void a_record_cites_only_evidence_of_its_own_visit() {
        Team team = drawnVisit(XIHUA);
        Team other = drawnVisit(XIHUA);
        EvidenceView elsewhere = upload(inspector(XIHUA, other.zhang()), other.taskId(), "image/jpeg", jpeg("另一企业"))
                .expectStatus().isCreated().expectBody(EvidenceView.class).returnResult().getResponseBody();
        submit(inspector(XIHUA, team.zhang()), team.taskId(), id("K"),
                FieldRecords.wasteProblem(LocalDate.parse("2026-11-19"), List.of(elsewhere.evidenceId()), team.zhang(), team.li()))
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("evidence[0]");
        assertThat(count("SELECT count(*) FROM inspection_record WHERE task_id = '" + team.taskId() + "'")).isZero();
    }
}
