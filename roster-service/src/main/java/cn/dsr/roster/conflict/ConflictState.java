package cn.dsr.roster.conflict;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * A declared conflict as stored and published. It binds the draw from its declaration on — an
 * inspector who declared a relation must not be matched while the head has not yet reviewed it —
 * until it is revoked or its validity ends ({@code validUntil} null: open-ended).
 */
public record ConflictState(UUID id, String tenant, UUID inspectorId, UUID entityId, Relation relation, String note,
                            LocalDate validFrom, LocalDate validUntil, ConflictStatus status,
                            String declaredBy, Instant declaredAt, String approvedBy, Instant approvedAt,
                            String revokedBy, Instant revokedAt, String revokeReason,
                            @JsonInclude(JsonInclude.Include.NON_NULL) Long rosterRevision) {

    public static ConflictState declare(UUID id, String tenant, ConflictDraft d, String by, Instant at) {
        return new ConflictState(id, tenant, d.inspectorId(), d.entityId(), d.relation(), d.note(), d.validFrom(), d.validUntil(),
                ConflictStatus.DECLARED, by, at, null, null, null, null, null, null);
    }

    /** The head's review; the declarer cannot approve their own declaration. */
    public ConflictState approve(String by, Instant at) {
        if (status != ConflictStatus.DECLARED) throw new IllegalStateException("only a declared conflict can be approved, this one is " + status);
        if (by.equals(declaredBy)) throw new IllegalStateException("the declarer cannot approve their own declaration");
        return new ConflictState(id, tenant, inspectorId, entityId, relation, note, validFrom, validUntil, ConflictStatus.APPROVED,
                declaredBy, declaredAt, by, at, null, null, null, null);
    }

    public ConflictState revoke(String by, Instant at, String reason) {
        if (status == ConflictStatus.REVOKED) throw new IllegalStateException("the conflict is revoked already");
        return new ConflictState(id, tenant, inspectorId, entityId, relation, note, validFrom, validUntil, ConflictStatus.REVOKED,
                declaredBy, declaredAt, approvedBy, approvedAt, by, at, reason, null);
    }

    /** Whether the inspector must avoid the entity on that day. */
    public boolean bindsOn(LocalDate day) {
        return status != ConflictStatus.REVOKED && !day.isBefore(validFrom) && (validUntil == null || !day.isAfter(validUntil));
    }

    public ConflictState atRevision(Long revision) {
        return new ConflictState(id, tenant, inspectorId, entityId, relation, note, validFrom, validUntil, status, declaredBy, declaredAt,
                approvedBy, approvedAt, revokedBy, revokedAt, revokeReason, revision);
    }
}
