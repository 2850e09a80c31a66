package cn.dsr.fault;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

/**
 * One visit of the run: its task, the inspector who submits its record, the submission's
 * Idempotency-Key and its body. The body is fixed once, so every retry sends the very same
 * request under the same key.
 */
public record Visit(int number, String taskId, District district, District.Inspector submitter, String key, String record) {

    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    static final String ITEM = "FAULT-RUN-ITEM";

    /** The targeted inspection entered for visit {@code number}: an on-site visit by the district's two inspectors. */
    static String targetedInspection(District district, int number) {
        StringBuilder team = new StringBuilder();
        for (District.Inspector inspector : district.inspectors()) {
            if (!team.isEmpty()) team.append(',');
            team.append("{\"inspectorId\":\"%s\",\"name\":\"%s\",\"kind\":\"OFFICER\"}".formatted(inspector.inspectorId(), inspector.name()));
        }
        return """
                {"reason":"COMPLAINT","note":"fault run visit %d",
                 "entity":{"uscc":"91%s%010d","name":"故障演练企业%05d","address":"演练路%d号","category":"GENERAL"},
                 "method":"ON_SITE","items":[{"itemId":"%s","itemName":"废水排放"}],"team":[%s]}"""
                .formatted(number, district.code(), number, number, number, ITEM, team);
    }

    /** The visit's field record: nothing found, both inspectors present, signed by the entity. */
    static Visit of(int number, String taskId, District district, String runId) {
        OffsetDateTime now = OffsetDateTime.now(CHINA).truncatedTo(ChronoUnit.SECONDS);
        String present = String.join("\",\"", district.inspectors().stream().map(District.Inspector::inspectorId).toList());
        String record = """
                {"inspectionDate":"%s","findings":[{"itemId":"%s","finding":"COMPLIANT"}],"measures":[],
                 "conclusion":"NO_PROBLEM","inspectorsPresent":["%s"],
                 "signature":{"signer":"张%d","role":"法定代表人","signedAt":"%s"},"remarks":"fault run visit %d"}"""
                .formatted(now.toLocalDate(), ITEM, present, number, now, number);
        District.Inspector submitter = district.inspectors().get(number % district.inspectors().size());
        return new Visit(number, taskId, district, submitter, runId + "-" + number, record);
    }
}
