package cn.dsr.roster.conflict;

import cn.dsr.platform.refusal.Violation;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** A declaration of a conflict of interest (回避申报) between an inspector and an entity. */
public record ConflictDraft(UUID inspectorId, UUID entityId, Relation relation, String note, LocalDate validFrom, LocalDate validUntil) {

    public ConflictDraft {
        note = note == null || note.isBlank() ? null : note.strip();
    }

    public List<Violation> problems() {
        List<Violation> out = new ArrayList<>();
        if (inspectorId == null) out.add(new Violation("inspectorId", "is required"));
        if (entityId == null) out.add(new Violation("entityId", "is required"));
        if (relation == null) out.add(new Violation("relation", "is required"));
        if (relation == Relation.OTHER && note == null) out.add(new Violation("note", "say what the relation is"));
        if (note != null && note.length() > 500) out.add(new Violation("note", "at most 500 characters"));
        if (validFrom == null) out.add(new Violation("validFrom", "is required"));
        if (validFrom != null && validUntil != null && validUntil.isBefore(validFrom)) out.add(new Violation("validUntil", "ends before it begins"));
        return out;
    }
}
