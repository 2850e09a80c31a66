package cn.dsr.fault;

import cn.dsr.stack.client.Api;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The outcome of a fault run. {@code lost} counts accepted submissions missing anywhere they must
 * have reached; {@code duplicatedEffects} counts effects taken more than once. Both must be 0.
 */
record Report(int submissionsPlanned, int faultsPlanned, int faultsInjected, Map<Fault, Integer> faultsByKind,
              int inspectionKillsMidRelay, long requestsSent, long accepted, long retried, long rateLimited, long acceptedAsReplay,
              long refused, long unanswered, long lost, long duplicatedEffects, long duplicatesOnTheWire, long feedDuplicatesOnTheWire,
              double runSeconds, double quiescenceSeconds, boolean quiet, String faultFailure,
              List<Check> checks, Map<String, String> firstRefusals, String load) {

    boolean passed() {
        return lost == 0 && duplicatedEffects == 0 && faultsInjected >= faultsPlanned && accepted == submissionsPlanned
                && refused == 0 && unanswered == 0 && quiet && faultFailure == null;
    }

    static Report of(FaultRun.Plan plan, FaultInjector faults, Submissions submissions, Audit audit, List<Check> checks,
                     double runSeconds, double quiescenceSeconds, boolean quiet, String load) {
        Map<Fault, Integer> byKind = faults.injected();
        Map<String, String> refusals = submissions.refused();
        return new Report(plan.submissions(), plan.faults(), byKind.values().stream().mapToInt(Integer::intValue).sum(), byKind,
                faults.killedMidRelay(), submissions.sent(), submissions.accepted().size(), submissions.retried(), submissions.throttled(),
                submissions.replayed(), refusals.size(), submissions.unanswered().size(),
                checks.stream().mapToLong(Check::lost).sum(), checks.stream().mapToLong(Check::duplicated).sum(),
                audit.wireRepeats(), audit.feedWireRepeats(), runSeconds, quiescenceSeconds, quiet,
                faults.failure() == null ? null : faults.failure().toString(), checks,
                refusals.entrySet().stream().limit(10).collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)),
                load);
    }

    String toJson() {
        return Api.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(this);
    }

    String summary() {
        StringBuilder out = new StringBuilder("\n=== fault run: ").append(passed() ? "PASSED" : "FAILED").append(" ===\n");
        line(out, "faults injected", faultsInjected + " of " + faultsPlanned + " " + faultsByKind
                + " (inspection-service killed with events in its outbox: " + inspectionKillsMidRelay + ")");
        line(out, "requests sent", String.valueOf(requestsSent));
        line(out, "accepted (2xx)", accepted + " of " + submissionsPlanned + " (" + acceptedAsReplay + " answered as a replay of a lost answer)");
        line(out, "retried", retried + " (of which " + rateLimited + " after a 429 of the gateway's rate limit)");
        line(out, "refused (4xx)", String.valueOf(refused));
        line(out, "unanswered", String.valueOf(unanswered));
        line(out, "lost", String.valueOf(lost));
        line(out, "duplicated effects", String.valueOf(duplicatedEffects));
        line(out, "duplicates on the wire", duplicatesOnTheWire + " on the records topic (deduplicated by the inbox), " + feedDuplicatesOnTheWire
                + " on the external feed (the same CloudEvents id again)");
        line(out, "duration", String.format(Locale.ROOT, "%.0f s under faults, %.0f s to quiesce%s", runSeconds, quiescenceSeconds,
                quiet ? "" : " (NOT quiet in time)"));
        line(out, "load", load);
        if (faultFailure != null) line(out, "fault injection", faultFailure);
        out.append("checks:\n");
        for (Check check : checks) {
            out.append(String.format(Locale.ROOT, "  [%s] %s: expected %d, found %d, lost %d, duplicated %d%n      %s%n",
                    check.holds() ? "ok" : "FAIL", check.name(), check.expected(), check.found(), check.lost(), check.duplicated(), check.note()));
        }
        return out.toString();
    }

    private static void line(StringBuilder out, String label, String value) {
        out.append(String.format(Locale.ROOT, "%-24s %s%n", label, value));
    }
}
