package cn.dsr.roster.item;

import java.util.List;
import java.util.Set;
import java.util.UUID;

/** An item as it stands in one version of the list; its id belongs to that version. */
public record CheckItem(UUID id, int seq, String category, String name, String targetType, ItemClass itemClass,
                        Set<InspectionMethod> methods, String responsibleBody, List<LegalBasis> legalBasis,
                        String ratioAndFrequency, String content, Set<String> requiredExpertise) {

    public static CheckItem of(UUID id, int seq, ItemDraft d) {
        return new CheckItem(id, seq, d.category(), d.name(), d.targetType(), d.itemClass(), d.methods(), d.responsibleBody(),
                d.legalBasis(), d.ratioAndFrequency(), d.content(), d.requiredExpertise());
    }

    /** The same item under a new id, for the next version of the list. */
    public CheckItem copy() {
        return new CheckItem(UUID.randomUUID(), seq, category, name, targetType, itemClass, methods, responsibleBody, legalBasis,
                ratioAndFrequency, content, requiredExpertise);
    }
}
