package cn.dsr.inspection.amendment;

import cn.dsr.platform.refusal.Refused;
import cn.dsr.platform.refusal.Violation;
import cn.dsr.inspection.record.FieldRecord;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A request to correct a submitted record (更正申请). Results once entered are not changed at
 * will (001, 002): the request states why and who asks, a district head approves or rejects it
 * with a comment, and only an approved request becomes a new version — the old one stays on file.
 */
public record Correction(
        UUID correctionId,
        String tenant,
        String taskId,
        int baseVersion,            // the version it corrects
        FieldRecord proposed,
        String reason,
        String requestedBy,
        OffsetDateTime requestedAt,
        Decision decision) {

    public enum Status { PENDING, APPROVED, REJECTED }

    public record Decision(Status outcome, String comment, String decidedBy, OffsetDateTime decidedAt) {}

    public Status status() {
        return decision == null ? Status.PENDING : decision.outcome();
    }

    public static List<Violation> requestProblems(String reason, FieldRecord current, FieldRecord proposed) {
        List<Violation> out = new ArrayList<>();
        if (reason == null || reason.isBlank()) out.add(new Violation("reason", "a correction states why the record is wrong"));
        else if (reason.length() > 1000) out.add(new Violation("reason", "at most 1000 characters"));
        if (proposed == null) out.add(new Violation("record", "is the corrected record"));
        else if (proposed.sameContentAs(current)) out.add(new Violation("record", "the correction changes nothing"));
        return out;
    }

    /**
     * The head's decision, with the head's comment either way (the signed opinion on the written
     * request, 001). The one who asked for a correction cannot decide it: it needs a second person.
     */
    public Decision decide(Status outcome, String comment, String head, OffsetDateTime now) {
        if (decision != null) throw Refused.conflict("the correction was " + decision.outcome() + " already");
        if (head.equals(requestedBy)) throw Refused.forbidden("a correction is decided by a head other than the one who requested it");
        String text = comment == null || comment.isBlank() ? null : comment.strip();
        if (text == null) throw Refused.invalid("comment", outcome == Status.REJECTED ? "a rejection says why" : "an approval states the head's opinion");
        if (text != null && text.length() > 1000) throw Refused.invalid("comment", "at most 1000 characters");
        return new Decision(outcome, text, head, now);
    }
}
