package cn.dsr.inspection.record;

/** The finding on one item; a problem found is described and names the legal provision breached. */
public record ItemFinding(String itemId, Finding finding, String description, String provision) {

    public ItemFinding {
        itemId = FieldRecord.text(itemId);
        description = FieldRecord.text(description);
        provision = FieldRecord.text(provision);
    }
}
