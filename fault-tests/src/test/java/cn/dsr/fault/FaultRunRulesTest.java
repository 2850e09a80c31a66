package cn.dsr.fault;

import static org.assertj.core.api.Assertions.assertThat;

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
    void aVisitIsEnteredWithAValidCreditCodeAndItsRecordIsTheSameOnEveryRetry() {
        District xihua = District.DEMO.get(0);
        assertThat(Visit.targetedInspection(xihua, 42)).contains("\"uscc\":\"914116220000000042\"");
        Visit visit = Visit.of(42, "T-1", xihua, "run");
        assertThat(visit.key()).isEqualTo("run-42");
        assertThat(visit.record()).contains("\"inspectorsPresent\":[\"xh-insp-01\",\"xh-insp-02\"]");
        assertThat(visit.submitter().user()).isEqualTo("xh.inspector1");
    }

    private static Report report(int faults, long accepted, List<Check> checks) {
        return new Report(10, 10, faults, Map.of(Fault.KAFKA_KILL9, faults), 0, accepted, accepted, 0, 0, 0, 0, 0,
                checks.stream().mapToLong(Check::lost).sum(), checks.stream().mapToLong(Check::duplicated).sum(), 0,
                1, 1, true, null, checks, Map.of(), "");
    }
}
