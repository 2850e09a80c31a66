package cn.dsr.roster.entity;

import java.util.List;

/** Input the domain refuses, with every reason; the web layer renders it as problem details. */
public class Refused extends RuntimeException {

    private final List<Violation> violations;

    public Refused(List<Violation> violations) {
        super(violations.toString(), null, false, false);
        this.violations = List.copyOf(violations);
    }

    public Refused(String field, String message) {
        this(List.of(new Violation(field, message)));
    }

    public List<Violation> violations() {
        return violations;
    }

    /** Throws when there is anything to refuse. */
    public static void unless(List<Violation> violations) {
        if (!violations.isEmpty()) throw new Refused(violations);
    }
}
