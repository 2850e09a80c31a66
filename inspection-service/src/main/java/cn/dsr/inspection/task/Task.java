package cn.dsr.inspection.task;

import java.time.LocalDate;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One visit (检查任务): an entity, every item checked on it in one visit (进一次门、查多项事),
 * and the team currently assigned. The tenant is the entity's district, whose record it is.
 */
public record Task(
        String taskId,
        String tenant,
        String drawId,          // null for a targeted inspection
        String period,          // the draw's quarter, e.g. 2026Q4; null for a targeted inspection
        boolean random,
        TargetedReason targetedReason,
        Entity entity,
        Method method,
        List<VisitItem> items,
        Joint joint,
        List<TeamMember> team,  // the active team; replaced members are kept in the team history
        TaskState state,
        LocalDate inspectionDate) {

    public record Entity(String uscc, String name, String address, String district, String category) {}

    public record VisitItem(String planId, String itemId, String itemName) {}

    public record TeamMember(String inspectorId, String name, String kind, String district) {}

    /** 联合抽查: the initiating and cooperating departments or agencies. */
    public record Joint(String kind, String initiating, List<String> cooperating) {}

    public Task {
        items = List.copyOf(items);
        team = List.copyOf(team);
    }

    /** One of the inspector ids a caller acts as is on the team. */
    public boolean onTeam(Collection<String> inspectorIds) {
        return team.stream().anyMatch(m -> inspectorIds.contains(m.inspectorId()));
    }

    /** The items to find on, each once even when several plans selected it. */
    public Set<String> itemIds() {
        Set<String> ids = new LinkedHashSet<>();
        items.forEach(i -> ids.add(i.itemId()));
        return ids;
    }

    /** An on-site visit is made by a team; written, online and off-site checks may have none. */
    public boolean hasTeam() {
        return !team.isEmpty();
    }

    /**
     * The assigned team records its visit; a visit without a team (a written, online or off-site
     * check) is recorded by the district's own staff.
     */
    public boolean mayBeRecordedBy(Collection<String> inspectorIds, boolean districtStaff) {
        return hasTeam() ? onTeam(inspectorIds) : districtStaff;
    }

    /** The last day of the draw's quarter, by which the visit should have been made. */
    public Optional<LocalDate> periodEnd() {
        if (period == null || !period.matches("[0-9]{4}Q[1-4]")) return Optional.empty();
        int year = Integer.parseInt(period.substring(0, 4));
        int quarter = period.charAt(5) - '0';
        return Optional.of(LocalDate.of(year, quarter * 3, 1).plusMonths(1).minusDays(1));
    }
}
