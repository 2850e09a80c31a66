package cn.dsr.draw.draw;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * A draw as its bureau's staff see it: the commitment and its sources, the lifecycle, the frozen
 * plans with the basis of every quota — but never the selection, which is read (and logged)
 * separately while undisclosed.
 */
public record Draw(String id, String tenant, String level, String period, List<String> planIds, String status,
                   String inputDigest, long rosterRevision, String rosterRevisions, List<SourceState> sources,
                   String replaces, String replacedBy, String scheduledBy, OffsetDateTime scheduledAt,
                   String resultDigest, OffsetDateTime executedAt, Cancellation cancellation, OffsetDateTime disclosedAt,
                   List<FrozenPlan> plans) {

    public static final String SCHEDULED = "SCHEDULED";
    public static final String EXECUTED = "EXECUTED";
    public static final String CANCELLED = "CANCELLED";

    /** A declared source; its value stays internal until the record is disclosed. */
    public record SourceState(String source, String commitment, boolean revealed) {}

    public record Cancellation(String reason, String requestedBy, OffsetDateTime requestedAt, String approvedBy,
                               OffsetDateTime approvedAt) {}

    public boolean disclosed() {
        return disclosedAt != null;
    }
}
