package cn.dsr.disclosure.result;

import cn.dsr.disclosure.result.InspectionResult.ItemFinding;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What of a record the public may read (000, 004: 涉及国家秘密、商业秘密、个人隐私的不予公开).
 * A commercial secret or personal privacy withholds the free-text parts — finding descriptions
 * and the provisions they cite, where such details live — while the fact of the inspection, the
 * entity, the date, the item checked, its finding and the conclusion stay public. A national
 * secret withholds the whole record: nothing is published and the record is only counted.
 */
public final class Redaction {

    private Redaction() {}

    /** One item as published: its finding, with description and provision unless withheld. */
    public record PublicFinding(String itemId, String finding, String description, String provision) {}

    /** The public part of a record, and which grounds narrowed it. */
    public record PublicRecord(List<PublicFinding> findings, Set<Confidentiality> withheld) {}

    public static Optional<PublicRecord> publicPart(InspectionResult result) {
        if (result.nationalSecret()) return Optional.empty();
        Set<Confidentiality> withheld = result.confidentiality().isEmpty()
                ? EnumSet.noneOf(Confidentiality.class) : EnumSet.copyOf(result.confidentiality());
        boolean narrowed = !withheld.isEmpty();
        List<PublicFinding> findings = result.findings().stream()
                .map(ItemFinding::itemId).distinct()
                .map(itemId -> merged(result.findings(), itemId, narrowed))
                .toList();
        return Optional.of(new PublicRecord(findings, Set.copyOf(withheld)));
    }

    /** An item selected by several plans is one line of the public result. */
    private static PublicFinding merged(List<ItemFinding> all, String itemId, boolean narrowed) {
        ItemFinding first = all.stream().filter(f -> f.itemId().equals(itemId)).findFirst().orElseThrow();
        return narrowed
                ? new PublicFinding(itemId, first.finding(), null, null)
                : new PublicFinding(itemId, first.finding(), first.description(), first.provision());
    }
}
