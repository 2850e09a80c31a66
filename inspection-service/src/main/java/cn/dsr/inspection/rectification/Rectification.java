package cn.dsr.inspection.rectification;

import cn.dsr.platform.refusal.Refused;
import cn.dsr.platform.refusal.Violation;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A rectification ordered on a visit (责令整改): the problems to put right, the deadline (3 months
 * as a rule, 001), the progress reported and the completion with its evidence.
 */
public record Rectification(
        UUID rectificationId,
        String tenant,
        String taskId,
        UUID recordId,
        List<Problem> problems,
        LocalDate orderedOn,
        LocalDate deadline,
        RectificationStatus status,
        Progress latestProgress,
        Completion completion) {

    /** A problem found on one item, as the record states it. */
    public record Problem(String itemId, String description, String provision) {}

    /**
     * A progress report (阶段性进展). 001: a rectification not done within the deadline records
     * the reason and the stage reached, so supervision does not lose track of it.
     */
    public record Progress(LocalDate reportedOn, String stage, String reason, String reportedBy, OffsetDateTime recordedAt) {

        public List<Violation> problems(Rectification of, LocalDate today) {
            List<Violation> out = new ArrayList<>();
            if (reportedOn == null) out.add(new Violation("reportedOn", "is required"));
            else if (reportedOn.isAfter(today)) out.add(new Violation("reportedOn", "lies in the future"));
            else if (reportedOn.isBefore(of.orderedOn())) out.add(new Violation("reportedOn", "lies before the rectification was ordered"));
            if (blank(stage)) out.add(new Violation("stage", "describes the stage the rectification has reached"));
            else if (stage.length() > 1000) out.add(new Violation("stage", "at most 1000 characters"));
            if (reportedOn != null && reportedOn.isAfter(of.deadline()) && blank(reason)) {
                out.add(new Violation("reason", "a rectification past its deadline records why it is not done"));
            }
            if (reason != null && reason.length() > 1000) out.add(new Violation("reason", "at most 1000 characters"));
            return out;
        }
    }

    /** Completion (整改完成), proven by evidence such as photos of the fixed installation. */
    public record Completion(LocalDate completedOn, String description, List<UUID> evidence, String completedBy, OffsetDateTime recordedAt) {

        public Completion {
            evidence = evidence == null ? List.of() : List.copyOf(evidence);
        }

        public List<Violation> problems(Rectification of, LocalDate today) {
            List<Violation> out = new ArrayList<>();
            if (completedOn == null) out.add(new Violation("completedOn", "is required"));
            else if (completedOn.isAfter(today)) out.add(new Violation("completedOn", "lies in the future"));
            else if (completedOn.isBefore(of.orderedOn())) out.add(new Violation("completedOn", "lies before the rectification was ordered"));
            if (blank(description)) out.add(new Violation("description", "describes what was put right"));
            else if (description.length() > 2000) out.add(new Violation("description", "at most 2000 characters"));
            if (evidence.isEmpty()) out.add(new Violation("evidence", "a completion is proven by at least one evidence attachment"));
            if (evidence.stream().distinct().count() < evidence.size()) out.add(new Violation("evidence", "lists an attachment twice"));
            return out;
        }
    }

    public Rectification {
        problems = List.copyOf(problems);
    }

    public boolean overdue(LocalDate today) {
        return status.isActive() && today.isAfter(deadline);
    }

    /** Refuses a report or completion once the rectification is closed. */
    public void requireActive() {
        if (!status.isActive()) throw Refused.conflict("the rectification is " + status + ": nothing more is reported on it");
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
