package cn.dsr.inspection.record;

import cn.dsr.inspection.record.Records.Stored;
import cn.dsr.inspection.task.TargetedReason;
import cn.dsr.inspection.task.Task;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The payloads of {@code inspection submitted} and {@code inspection amended} (contracts/). A
 * finding is published once per plan that selected the item, so each plan reads its own result.
 */
public final class RecordEvents {

    private RecordEvents() {}

    public record EntityRef(String uscc, String name, String district) {
        public static EntityRef of(Task task) {
            return new EntityRef(task.entity().uscc(), task.entity().name(), task.entity().district());
        }
    }

    public record FindingRef(String itemId, String planId, Finding finding, String description, String provision) {}

    public record Submitted(String recordId, String taskId, String drawId, String tenant, EntityRef entity, boolean random,
                            TargetedReason targetedReason, LocalDate inspectionDate, OffsetDateTime submittedAt, LocalDate dueDate,
                            Conclusion conclusion, List<FindingRef> findings, List<Measure> measures, List<String> inspectors,
                            List<Confidentiality> confidentiality, int version) {}

    public record Amended(String recordId, String taskId, String drawId, String tenant, EntityRef entity, boolean random,
                          TargetedReason targetedReason, LocalDate inspectionDate, OffsetDateTime submittedAt, LocalDate dueDate,
                          Conclusion conclusion, List<FindingRef> findings, List<Measure> measures, List<String> inspectors,
                          List<Confidentiality> confidentiality, int version, int supersedes, AmendmentRef amendment) {}

    public record AmendmentRef(String reason, String requestedBy, String approvedBy, OffsetDateTime approvedAt, String comment) {}

    public static Submitted submitted(Task task, Stored stored) {
        FieldRecord r = stored.record();
        return new Submitted(stored.recordId().toString(), task.taskId(), task.drawId(), task.tenant(), EntityRef.of(task), task.random(),
                task.targetedReason(), r.inspectionDate(), stored.submittedAt(), stored.dueDate(), r.conclusion(), findings(task, r),
                r.measures(), r.inspectorsPresent(), r.confidentiality(), stored.version());
    }

    public static Amended amended(Task task, Stored stored) {
        FieldRecord r = stored.record();
        Records.Amendment a = stored.amendment();
        return new Amended(stored.recordId().toString(), task.taskId(), task.drawId(), task.tenant(), EntityRef.of(task), task.random(),
                task.targetedReason(), r.inspectionDate(), stored.submittedAt(), stored.dueDate(), r.conclusion(), findings(task, r),
                r.measures(), r.inspectorsPresent(), r.confidentiality(), stored.version(), stored.supersedes(),
                new AmendmentRef(a.reason(), a.requestedBy(), a.approvedBy(), a.approvedAt(), a.comment()));
    }

    private static List<FindingRef> findings(Task task, FieldRecord record) {
        Map<String, ItemFinding> byItem = record.findings().stream().collect(Collectors.toMap(ItemFinding::itemId, Function.identity()));
        return task.items().stream().map(item -> {
            ItemFinding f = byItem.get(item.itemId());
            return new FindingRef(item.itemId(), item.planId(), f.finding(), f.description(), f.provision());
        }).toList();
    }
}
