package cn.dsr.draw.core.verify;

import java.util.List;
import java.util.Optional;

/** Every check of one record, in the order they are recomputed. */
public record VerificationReport(List<Check> checks) {

    public VerificationReport {
        checks = List.copyOf(checks);
    }

    public boolean ok() {
        return firstMismatch().isEmpty();
    }

    public Optional<Check> firstMismatch() {
        return checks.stream().filter(Check::failed).findFirst();
    }

    public Optional<Check> check(String name) {
        return checks.stream().filter(c -> c.name().equals(name)).findFirst();
    }
}
