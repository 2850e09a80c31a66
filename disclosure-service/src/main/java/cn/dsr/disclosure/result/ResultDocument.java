package cn.dsr.disclosure.result;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A published result version exactly as the public reads it — on the portal, in the API, in the
 * open-data export and in the external feed: worded, redacted, with what followed the visit.
 */
public record ResultDocument(String resultId, int version, Integer supersedes, boolean amended, int revision,
                             String tenant, String district, Entity entity, String period, String drawId, LocalDate inspectionDate,
                             List<Item> items, String conclusion, String wording, List<String> withheld,
                             FollowUpView rectification, String caseNumber, String transferredTo,
                             LocalDate due, OffsetDateTime publishedAt) {

    public record Entity(String uscc, String name) {}

    public record Item(String itemId, String itemName, String finding, String findingWording, String description, String provision) {}

    public record FollowUpView(String status, String wording, LocalDate deadline) {}

    /** What followed the visit, as inspection-service reported it. */
    public record FollowUp(String rectification, LocalDate rectificationDeadline, String caseNumber, String transferredTo) {
        public static final FollowUp NONE = new FollowUp(null, null, null, null);
    }

    private static final Map<String, String> FINDING_WORDING = Map.of(
            "COMPLIANT", "未发现问题", "PROBLEM_FOUND", "发现问题", "NOT_APPLICABLE", "不适用");

    public static ResultDocument render(InspectionResult result, Redaction.PublicRecord open, Map<String, String> itemNames,
                                        FollowUp followUp, Integer supersedes, boolean amended, int revision,
                                        LocalDate due, OffsetDateTime publishedAt) {
        List<Item> items = open.findings().stream()
                .map(f -> new Item(f.itemId(), itemNames.get(f.itemId()), f.finding(), FINDING_WORDING.get(f.finding()), f.description(), f.provision()))
                .toList();
        FollowUpView rectification = followUp.rectification() == null ? null
                : new FollowUpView(followUp.rectification(), Rectification.valueOf(followUp.rectification()).wording(), followUp.rectificationDeadline());
        return new ResultDocument(result.resultId(), result.version(), supersedes, amended, revision,
                result.tenant(), result.entity().district() == null ? result.tenant() : result.entity().district(),
                new Entity(result.entity().uscc(), result.entity().name()), result.period(), result.drawId(), result.inspectionDate(),
                items, result.conclusion().name(), result.conclusion().wording(), names(open.withheld()),
                rectification, followUp.caseNumber(), followUp.transferredTo(), due, publishedAt);
    }

    private static List<String> names(Set<Confidentiality> withheld) {
        return withheld.stream().map(Enum::name).sorted().toList();
    }
}
