package cn.dsr.roster.item;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One version of a tenant's item list for a year. Only a draft changes; publishing freezes it and
 * supersedes the version published before, so a plan can always name the exact items it used.
 */
public record ItemList(UUID id, String tenant, int year, int version, ListStatus status, UUID basedOn,
                       String createdBy, Instant createdAt, String publishedBy, Instant publishedAt,
                       Long rosterRevision, List<CheckItem> items) {

    public boolean isDraft() {
        return status == ListStatus.DRAFT;
    }

    /** This version as it is once published (the roster revision is the change's key). */
    public ItemList publishedBy(String by, Instant at) {
        return new ItemList(id, tenant, year, version, ListStatus.PUBLISHED, basedOn, createdBy, createdAt, by, at, null, items);
    }

    /** The public see what was published, not which staff accounts prepared it. */
    public ItemList forPublic() {
        return new ItemList(id, tenant, year, version, status, basedOn, null, createdAt, null, publishedAt, rosterRevision, items);
    }

    /** The next item number: after the last one. */
    public int nextSeq() {
        return items.stream().mapToInt(CheckItem::seq).max().orElse(0) + 1;
    }
}
