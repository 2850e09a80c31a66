package cn.dsr.platform.refusal;

import java.util.List;

/**
 * What the domain refuses and why, free of web types so domain cores stay plain Java; the
 * platform's ProblemHandler renders it as problem details (400 for bad input, 409 for a state that
 * does not allow the action, 403 for a caller who may not take it, 413 for a file over its limit).
 */
public class Refused extends RuntimeException {

    public enum Why { INVALID, CONFLICT, FORBIDDEN, TOO_LARGE }

    private final Why why;
    private final List<Violation> violations;

    public Refused(Why why, String detail, List<Violation> violations) {
        super(detail, null, false, false);
        this.why = why;
        this.violations = List.copyOf(violations);
    }

    public static Refused invalid(List<Violation> violations) {
        String detail = String.join("; ", violations.stream().map(v -> v.field() + ": " + v.message()).toList());
        return new Refused(Why.INVALID, detail, violations);
    }

    public static Refused invalid(String field, String message) {
        return invalid(List.of(new Violation(field, message)));
    }

    public static Refused conflict(String detail) {
        return new Refused(Why.CONFLICT, detail, List.of());
    }

    public static Refused tooLarge(String field, String message) {
        return new Refused(Why.TOO_LARGE, field + ": " + message, List.of(new Violation(field, message)));
    }

    public static Refused forbidden(String detail) {
        return new Refused(Why.FORBIDDEN, detail, List.of());
    }

    /** Throws when there is anything to refuse. */
    public static void unless(List<Violation> violations) {
        if (!violations.isEmpty()) throw invalid(violations);
    }

    public Why why() {
        return why;
    }

    public List<Violation> violations() {
        return violations;
    }
}
