package cn.dsr.roster.item;

import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * An item as published in its state event: the item, the list version it belongs to and whether
 * that version is the current one (PUBLISHED) or was replaced by a later one (SUPERSEDED).
 */
public record ItemState(UUID id, UUID listId, String tenant, int year, int listVersion, ListStatus status,
                        int seq, String category, String name, String targetType, ItemClass itemClass,
                        Set<InspectionMethod> methods, String responsibleBody, List<LegalBasis> legalBasis,
                        String ratioAndFrequency, String content, Set<String> requiredExpertise, long rosterRevision) {

    public static ItemState of(ItemList list, ListStatus status, CheckItem i, long rosterRevision) {
        return new ItemState(i.id(), list.id(), list.tenant(), list.year(), list.version(), status, i.seq(), i.category(), i.name(),
                i.targetType(), i.itemClass(), i.methods(), i.responsibleBody(), i.legalBasis(), i.ratioAndFrequency(), i.content(),
                i.requiredExpertise(), rosterRevision);
    }
}
