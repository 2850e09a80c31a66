package cn.dsr.fault;

import static org.assertj.core.api.Assertions.assertThat;

import cn.dsr.stack.demo.QuarterStory;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FaultRunRulesTest {

    @Test
    void theFaultsTakeTurnsSoThatFiftyStrikeEveryKindTenTimes() {
        assertThat(List.of(Fault.nth(0), Fault.nth(1), Fault.nth(2), Fault.nth(3), Fault.nth(4), Fault.nth(5)))
                .containsExactly(Fault.KAFKA_KILL9, Fault.INSPECTION_KILL9_MID_RELAY, Fault.DISCLOSURE_KILL9,
                        Fault.GATEWAY_KILL9, Fault.POSTGRES_IMMEDIATE_STOP, Fault.KAFKA_KILL9);
        assertThat(java.util.stream.IntStream.range(0, 50).mapToObj(Fault::nth).filter(f -> f == Fault.POSTGRES_IMMEDIATE_STOP)).hasSize(10);
    }

    @Test
    void aFailedOrTimedOutSubmissionIsSentAgainButAClearRefusalIsNot() {
        assertThat(List.of(500, 502, 503, 504, 401, 408, 429)).noneMatch(Submissions::isRefusal);
        assertThat(List.of(400, 403, 404, 409, 422)).allMatch(Submissions::isRefusal);
    }

    @Test
    void aRunPassesOnlyWithNothingLostNothingDuplicatedAndEveryFaultInjected() {
        Check stored = new Check("records", 10, 10, 0, 0, "");
        assertThat(report(10, 10, List.of(stored)).passed()).isTrue();
        assertThat(report(10, 10, List.of(new Check("records", 10, 9, 1, 0, ""))).passed()).isFalse();
        assertThat(report(10, 10, List.of(new Check("records", 10, 10, 0, 1, ""))).passed()).isFalse();
        assertThat(report(9, 10, List.of(stored)).passed()).as("a fault not injected").isFalse();
        assertThat(report(10, 9, List.of(stored)).passed()).as("a submission not accepted").isFalse();
    }

    @Test
    void aVisitIsRecordedOnItsDrawnItemByItsWholeTeamAndItsRecordIsTheSameOnEveryRetry() {
        QuarterStory.Drawn drawn = new QuarterStory.Drawn("411622", "ITEM-7",
                List.of(new QuarterStory.Officer("I-1", "甲", "411622", "xh.inspector1"), new QuarterStory.Officer("I-2", "乙", "411622", "xh.inspector2")),
                List.of());
        Visit visit = Visit.of(43, drawn, new QuarterStory.DrawnVisit("914116220000000042", "T-1", List.of("I-2", "I-1")), "run");
        assertThat(visit.key()).isEqualTo("run-43");
        assertThat(visit.taskId()).isEqualTo("T-1");
        assertThat(visit.record()).contains("\"itemId\":\"ITEM-7\"").contains("\"inspectorsPresent\":[\"I-2\",\"I-1\"]");
        assertThat(visit.submitter()).isEqualTo("xh.inspector2");
    }

    private static Report report(int faults, long accepted, List<Check> checks) {
        return new Report(10, 10, faults, Map.of(Fault.KAFKA_KILL9, faults), 0, accepted, accepted, 0, 0, 0, 0, 0,
                checks.stream().mapToLong(Check::lost).sum(), checks.stream().mapToLong(Check::duplicated).sum(), 0, 0,
                1, 1, true, null, checks, Map.of(), "");
    }
}
