package cn.dsr.fault;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The fault run of issue 9 at CI size: 500 submissions of drawn visits through the gateway while
 * each kind of fault strikes once (broker, inspection-service mid-relay, disclosure-service,
 * gateway, PostgreSQL), audited as far as the external feed. {@code fault-tests/run} is the same run at full size.
 */
class FaultRunIT {

    @Test
    void everyAcceptedSubmissionIsStoredOnceAndReachesDisclosureAndTheExternalFeedOnceThroughEveryKindOfCrash() throws Exception {
        Report report = FaultRun.run(new FaultRun.Plan(500, Fault.values().length, 8));
        System.out.println(report.summary());

        assertThat(report.faultsByKind()).containsOnlyKeys(Fault.values()).allSatisfy((kind, count) -> assertThat(count).isEqualTo(1));
        assertThat(report.accepted()).isEqualTo(500);
        assertThat(report.retried()).as("the faults were felt by the clients").isPositive();
        assertThat(report.checks()).allSatisfy(check -> assertThat(check.holds()).as(check.name() + ": " + check).isTrue());
        assertThat(report.checks()).filteredOn(check -> check.name().startsWith("external feed"))
                .singleElement().satisfies(feed -> assertThat(feed.found()).isEqualTo(500));
        assertThat(report.lost()).isZero();
        assertThat(report.duplicatedEffects()).isZero();
        assertThat(report.passed()).isTrue();
        assertThat(FaultRun.REPORT).exists();
    }
}
