package cn.dsr.platform.web;

import cn.dsr.platform.refusal.Refused;
import java.util.List;
import org.springframework.http.HttpStatus;

/**
 * A refusal the caller can act on, rendered as RFC 9457 problem details. Field violations name
 * the offending JSON path so a client can point at the input.
 */
public class ProblemException extends RuntimeException {

    public record FieldViolation(String field, String message) {}

    private final HttpStatus status;
    private final String title;
    private final List<FieldViolation> violations;

    public ProblemException(HttpStatus status, String title, String detail) {
        this(status, title, detail, List.of());
    }

    public ProblemException(HttpStatus status, String title, String detail, List<FieldViolation> violations) {
        super(detail, null, false, false);
        this.status = status;
        this.title = title;
        this.violations = List.copyOf(violations);
    }

    public static ProblemException invalid(String field, String message) {
        return new ProblemException(HttpStatus.BAD_REQUEST, "Invalid request", field + ": " + message,
                List.of(new FieldViolation(field, message)));
    }

    public static ProblemException invalid(List<FieldViolation> violations) {
        String detail = violations.stream().map(v -> v.field() + ": " + v.message()).reduce((a, b) -> a + "; " + b).orElse("invalid");
        return new ProblemException(HttpStatus.BAD_REQUEST, "Invalid request", detail, violations);
    }

    /** The domain's refusal as the caller sees it: 400, 409, 403 or 413, naming the fields. */
    public static ProblemException of(Refused refused) {
        List<FieldViolation> fields = refused.violations().stream().map(v -> new FieldViolation(v.field(), v.message())).toList();
        return switch (refused.why()) {
            case INVALID -> invalid(fields);
            case CONFLICT -> conflict(refused.getMessage());
            case FORBIDDEN -> forbidden(refused.getMessage());
            case TOO_LARGE -> new ProblemException(HttpStatus.PAYLOAD_TOO_LARGE, "Payload too large", refused.getMessage(), fields);
        };
    }

    public static ProblemException notFound(String what) {
        return new ProblemException(HttpStatus.NOT_FOUND, "Not found", what);
    }

    public static ProblemException conflict(String detail) {
        return new ProblemException(HttpStatus.CONFLICT, "Conflict", detail);
    }

    public static ProblemException forbidden(String detail) {
        return new ProblemException(HttpStatus.FORBIDDEN, "Forbidden", detail);
    }

    public HttpStatus status() {
        return status;
    }

    public String title() {
        return title;
    }

    public List<FieldViolation> violations() {
        return violations;
    }
}
