package cn.dsr.draw.replacement;

import java.time.OffsetDateTime;

/**
 * A requested replacement of one inspector on one visit and, once decided, its outcome. An
 * approved one records its number n, slot, substitute and candidate count (docs/draw-format.md
 * §14.8), so anyone holding the draw record recomputes the substitute.
 */
public record Replacement(long id, String drawId, String visitId, String entity, String replaced, String reason,
                          String comment, String requestedBy, OffsetDateTime requestedAt, String decision, String decidedBy,
                          OffsetDateTime decidedAt, Integer number, Integer slot, String substitute, Integer candidates) {

    public static final String APPROVED = "APPROVED";
    public static final String REJECTED = "REJECTED";

    public boolean pending() {
        return decision == null;
    }
}
