package cn.dsr.inspection.evidence;

import cn.dsr.inspection.evidence.EvidenceService.EvidenceView;
import cn.dsr.platform.tenant.CurrentUser;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Evidence files: the body is the file itself, its {@code Content-Type} the declared type, so a
 * phone uploads a photo or a clip as it is, without multipart encoding.
 */
@RestController
@RequestMapping("/api/inspection/tasks/{taskId}/evidence")
public class EvidenceController {

    private final EvidenceService service;

    public EvidenceController(EvidenceService service) {
        this.service = service;
    }

    @PostMapping(consumes = MediaType.ALL_VALUE)
    public Mono<ResponseEntity<EvidenceView>> upload(@PathVariable String taskId, @RequestParam(required = false) String filename,
                                                     @RequestHeader(HttpHeaders.CONTENT_TYPE) String contentType,
                                                     @RequestHeader(value = HttpHeaders.CONTENT_LENGTH, required = false) Long length,
                                                     @RequestBody Flux<DataBuffer> body) {
        return CurrentUser.current()
                .flatMap(user -> service.upload(user, taskId, contentType, filename, length == null ? -1 : length, body))
                .map(e -> ResponseEntity.created(URI.create("/api/inspection/tasks/" + taskId + "/evidence/" + e.evidenceId())).body(e));
    }

    @GetMapping
    public Flux<EvidenceView> list(@PathVariable String taskId) {
        return CurrentUser.current().flatMapMany(user -> service.list(user, taskId));
    }

    /** The file as stored, with its SHA-256 as a representation digest (RFC 9530) to verify it against. */
    @GetMapping("/{evidenceId}")
    public Mono<ResponseEntity<byte[]>> content(@PathVariable String taskId, @PathVariable UUID evidenceId) {
        return CurrentUser.current().flatMap(user -> service.content(user, taskId, evidenceId)).map(c -> ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(c.evidence().contentType()))
                .header("Repr-Digest", "sha-256=:" + Base64.getEncoder().encodeToString(HexFormat.of().parseHex(c.evidence().sha256())) + ":")
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(c.evidence().filename() == null ? c.evidence().evidenceId().toString() : c.evidence().filename(),
                                StandardCharsets.UTF_8).build().toString())
                .body(c.bytes()));
    }
}
