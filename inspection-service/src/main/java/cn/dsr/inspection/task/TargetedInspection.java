package cn.dsr.inspection.task;

import cn.dsr.platform.refusal.Violation;
import cn.dsr.inspection.task.Task.Entity;
import cn.dsr.inspection.task.Task.TeamMember;
import cn.dsr.inspection.task.Task.VisitItem;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A targeted inspection (定向检查) outside the random system — a complaint, a referral, an
 * incident, a monitoring alert — entered by the district so its record is kept like any other.
 */
public record TargetedInspection(TargetedReason reason, String note, Entity entity, Method method,
                                 List<VisitItem> items, List<TeamMember> team) {

    /** GB 32100 shape of a unified social credit code (统一社会信用代码), as the draw contract has it. */
    static final String USCC = "[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}";
    static final Set<String> KINDS = Set.of("OFFICER", "EXPERT", "THIRD_PARTY");

    public TargetedInspection {
        items = items == null ? List.of() : List.copyOf(items);
        team = team == null ? List.of() : List.copyOf(team);
    }

    public List<Violation> problems() {
        List<Violation> out = new ArrayList<>();
        if (reason == null) out.add(new Violation("reason", "is required: COMPLAINT, REFERRAL, INCIDENT or MONITORING_ALERT"));
        if (note != null && note.length() > 500) out.add(new Violation("note", "at most 500 characters"));
        if (entity == null) {
            out.add(new Violation("entity", "is required"));
        } else {
            if (entity.uscc() == null || !entity.uscc().matches(USCC)) out.add(new Violation("entity.uscc", "is an 18-character unified social credit code"));
            if (entity.name() == null || entity.name().isBlank()) out.add(new Violation("entity.name", "is required"));
            else if (entity.name().length() > 200) out.add(new Violation("entity.name", "at most 200 characters"));
            if (entity.address() != null && entity.address().length() > 300) out.add(new Violation("entity.address", "at most 300 characters"));
        }
        if (method == null) out.add(new Violation("method", "is required: ON_SITE, WRITTEN, ONLINE or OFF_SITE"));
        if (items.isEmpty()) out.add(new Violation("items", "a visit checks at least one item"));
        Set<String> itemIds = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            VisitItem item = items.get(i);
            if (item == null || item.itemId() == null || item.itemId().isBlank()) out.add(new Violation("items[" + i + "].itemId", "is required"));
            else if (!itemIds.add(item.itemId())) out.add(new Violation("items[" + i + "].itemId", item.itemId() + " is listed twice"));
            if (item != null && (item.itemName() == null || item.itemName().isBlank())) out.add(new Violation("items[" + i + "].itemName", "is required"));
        }
        Set<String> members = new HashSet<>();
        int officers = 0;
        for (int i = 0; i < team.size(); i++) {
            TeamMember m = team.get(i);
            String at = "team[" + i + "]";
            if (m == null || m.inspectorId() == null || m.inspectorId().isBlank()) out.add(new Violation(at + ".inspectorId", "is required"));
            else if (!members.add(m.inspectorId())) out.add(new Violation(at + ".inspectorId", m.inspectorId() + " is listed twice"));
            if (m != null && (m.name() == null || m.name().isBlank())) out.add(new Violation(at + ".name", "is required"));
            if (m != null && !KINDS.contains(m.kind())) out.add(new Violation(at + ".kind", "is OFFICER, EXPERT or THIRD_PARTY"));
            if (m != null && "OFFICER".equals(m.kind())) officers++;
        }
        if (method == Method.ON_SITE && officers < 2) {
            out.add(new Violation("team", "an on-site inspection is made by at least two enforcement officers"));
        }
        return out;
    }

    /** The task of the inspection, in the district that entered it; not random, so outside the statistics. */
    public Task toTask(String taskId, String district) {
        Entity located = new Entity(entity.uscc(), entity.name().strip(), entity.address(), district, entity.category());
        return new Task(taskId, district, null, null, false, reason, located, method,
                items.stream().map(i -> new VisitItem(null, i.itemId(), i.itemName())).toList(), null, team, TaskState.ASSIGNED, null);
    }
}
