package cn.dsr.roster.report;

import cn.dsr.roster.entity.EntityState;
import cn.dsr.roster.entity.EntityStatus;
import cn.dsr.roster.entity.SupervisionCategory;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The quarterly roster change report (名录库调整信息, seed 003: 新增企业、企业抽查类型变更、消亡企业、
 * 正面清单企业调整), found by comparing each entity's state at the start of the quarter with its
 * state at the end — so a change made and undone within the quarter does not show.
 */
public record QuarterlyChanges(int year, int quarter, LocalDate from, LocalDate to, List<District> districts) {

    public record Line(UUID id, String uscc, String name) {}

    public record CategoryChange(UUID id, String uscc, String name, SupervisionCategory from, SupervisionCategory to) {}

    /** One district's (tenant's) changes. */
    public record District(String district, List<Line> added, List<CategoryChange> categoryChanged, List<Line> closed,
                           List<Line> positiveListJoined, List<Line> positiveListLeft) {}

    /** {@code atStart}/{@code atEnd}: the states of the entities changed in the quarter, before and after it. */
    public static QuarterlyChanges compare(Quarter q, Map<UUID, EntityState> atStart, Map<UUID, EntityState> atEnd) {
        Map<String, District> byDistrict = new TreeMap<>();
        atEnd.values().stream().sorted(Comparator.comparing(EntityState::uscc)).forEach(end -> {
            EntityState start = atStart.get(end.id());
            District d = byDistrict.computeIfAbsent(end.tenant(),
                    t -> new District(t, new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>()));
            Line line = new Line(end.id(), end.uscc(), end.name());
            if (start == null) d.added().add(line);
            else if (start.category() != end.category()) {
                d.categoryChanged().add(new CategoryChange(end.id(), end.uscc(), end.name(), start.category(), end.category()));
            }
            boolean wasActive = start == null || start.status() == EntityStatus.ACTIVE;
            if (wasActive && end.status() != EntityStatus.ACTIVE) d.closed().add(line);
            boolean wasListed = start != null && start.tags().positiveList();
            if (!wasListed && end.tags().positiveList()) d.positiveListJoined().add(line);
            if (wasListed && !end.tags().positiveList()) d.positiveListLeft().add(line);
        });
        List<District> districts = byDistrict.values().stream()
                .filter(d -> !(d.added().isEmpty() && d.categoryChanged().isEmpty() && d.closed().isEmpty()
                        && d.positiveListJoined().isEmpty() && d.positiveListLeft().isEmpty()))
                .toList();
        return new QuarterlyChanges(q.year(), q.quarter(), q.firstDay(), q.lastDay(), districts);
    }
}
