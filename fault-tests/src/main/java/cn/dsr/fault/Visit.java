package cn.dsr.fault;

import cn.dsr.stack.demo.QuarterStory;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

/**
 * One visit of the run: a random-inspection task whose result goes public, the demo inspector
 * who submits its record, the submission's Idempotency-Key and its body. The body is fixed once,
 * so every retry sends the very same request under the same key.
 */
public record Visit(int number, String taskId, String uscc, String submitter, String key, String record) {

    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    /** The visit's field record: nothing found on the drawn item, the whole drawn team present, signed by the entity. */
    static Visit of(int number, QuarterStory.Drawn drawn, QuarterStory.DrawnVisit visit, String runId) {
        OffsetDateTime now = OffsetDateTime.now(CHINA).truncatedTo(ChronoUnit.SECONDS);
        String present = String.join("\",\"", visit.team());
        String record = """
                {"inspectionDate":"%s","findings":[{"itemId":"%s","finding":"COMPLIANT"}],"measures":[],
                 "conclusion":"NO_PROBLEM","inspectorsPresent":["%s"],
                 "signature":{"signer":"张%d","role":"法定代表人","signedAt":"%s"},"remarks":"run visit %d"}"""
                .formatted(now.toLocalDate(), drawn.itemId(), present, number, now, number);
        String submitter = drawn.officers().get(number % drawn.officers().size()).account();
        return new Visit(number, visit.taskId(), visit.uscc(), submitter, runId + "-" + number, record);
    }
}
