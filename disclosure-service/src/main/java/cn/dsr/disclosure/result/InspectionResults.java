package cn.dsr.disclosure.result;

import cn.dsr.disclosure.Quarter;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/** Reads the payload of {@code inspection submitted} / {@code amended} (contracts/) into an {@link InspectionResult}. */
public final class InspectionResults {

    private InspectionResults() {}

    /** @param period the quarter of the draw the visit came from; null to take the inspection date's quarter */
    public static InspectionResult from(JsonNode p, String period) {
        LocalDate inspected = LocalDate.parse(p.get("inspectionDate").asString());
        JsonNode entity = p.get("entity");
        List<InspectionResult.ItemFinding> findings = new ArrayList<>();
        for (JsonNode f : p.get("findings")) {
            findings.add(new InspectionResult.ItemFinding(f.get("itemId").asString(), text(f, "planId"), f.get("finding").asString(),
                    text(f, "description"), text(f, "provision")));
        }
        Set<Confidentiality> grounds = EnumSet.noneOf(Confidentiality.class);
        if (p.hasNonNull("confidentiality")) p.get("confidentiality").forEach(c -> grounds.add(Confidentiality.valueOf(c.asString())));
        return new InspectionResult(p.get("taskId").asString(), p.get("version").asInt(), p.get("tenant").asString(),
                new InspectionResult.Entity(entity.get("uscc").asString(), entity.get("name").asString(), text(entity, "district")),
                text(p, "drawId"), period != null ? period : Quarter.of(inspected), p.get("random").asBoolean(), inspected,
                OffsetDateTime.parse(p.get("submittedAt").asString()), Conclusion.valueOf(p.get("conclusion").asString()),
                findings, grounds);
    }

    /** Entered by the record's own deadline (the Beijing date of submission on or before its due date). */
    public static boolean enteredOnTime(JsonNode p) {
        LocalDate submitted = OffsetDateTime.parse(p.get("submittedAt").asString()).atZoneSameInstant(Quarter.CHINA).toLocalDate();
        return !submitted.isAfter(LocalDate.parse(p.get("dueDate").asString()));
    }

    private static String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asString() : null;
    }
}
