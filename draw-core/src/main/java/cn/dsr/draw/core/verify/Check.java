package cn.dsr.draw.core.verify;

import java.util.Objects;

/**
 * One step of a verification.
 *
 * @param name     inputDigest, commitments, seed, selection, assignments, output or resultDigest
 * @param expected the recomputed value (for a failure; empty otherwise)
 * @param found    the value the record carries (for a failure; empty otherwise)
 */
public record Check(String name, Outcome outcome, String detail, String expected, String found) {

    public enum Outcome { PASS, FAIL, NOT_APPLICABLE }

    public Check {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(expected, "expected");
        Objects.requireNonNull(found, "found");
    }

    static Check pass(String name, String detail) {
        return new Check(name, Outcome.PASS, detail, "", "");
    }

    static Check notApplicable(String name, String detail) {
        return new Check(name, Outcome.NOT_APPLICABLE, detail, "", "");
    }

    static Check fail(String name, String detail, String expected, String found) {
        return new Check(name, Outcome.FAIL, detail, expected, found);
    }

    public boolean failed() {
        return outcome == Outcome.FAIL;
    }
}
