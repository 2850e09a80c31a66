package cn.dsr.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class LoadArithmeticTest {

    @Test
    void theP99OfAHundredLatenciesIsTheNinetyNinthSmallestAndTheP50TheFiftieth() {
        long[] micros = LongStream.rangeClosed(1, 100).map(i -> (101 - i) * 1000).toArray();
        Latencies latencies = Latencies.of(micros);
        assertThat(latencies.percentileMillis(99)).isEqualTo(99.0);
        assertThat(latencies.percentileMillis(50)).isEqualTo(50.0);
        assertThat(latencies.percentileMillis(100)).isEqualTo(100.0);
    }

    @Test
    void aPhaseWithoutAnswersHasNoPercentiles() {
        assertThat(Latencies.of(new long[0]).percentileMillis(99)).isNaN();
    }

    @Test
    void theRateCountsOnlySuccessfulAnswersOverTheMeasuredSeconds() {
        Measured m = new Measured("reads", "GET", 8, 3000, 2.0, Latencies.of(new long[] {1}), Map.of(503, 1000L, -1, 2L));
        assertThat(m.errorCount()).isEqualTo(1002);
        assertThat(m.ratePerSecond()).isEqualTo(999.0);
    }

    @Test
    void theGatewayRatioIsTheGatewaysRateOverTheDirectRate() {
        Latencies none = Latencies.of(new long[0]);
        Measured direct = new Measured("gateway-ratio", "direct", 8, 4000, 2.0, none, Map.of());
        Measured viaGateway = new Measured("gateway-ratio", "gateway", 8, 3000, 2.0, none, Map.of());
        assertThat(LoadRun.ratio(List.of(direct, viaGateway))).contains(0.75);
        assertThat(LoadRun.ratio(List.of(direct))).isEmpty();
    }

    @Test
    void aProcesssCpuPerAnswerIsWhatItUsedOverTheMeasuredPhaseDividedByTheSuccessfulAnswers() {
        Map<String, Map<Long, Duration>> start = Map.of(
                "gateway", Map.of(11L, Duration.ofMillis(1_000)),
                "postgres", Map.of(21L, Duration.ofMillis(500)));
        Map<String, Map<Long, Duration>> end = Map.of(
                "gateway", Map.of(11L, Duration.ofMillis(3_000)),
                "postgres", Map.of(21L, Duration.ofMillis(700), 22L, Duration.ofMillis(300)));
        Map<String, Duration> used = CpuUse.between(start, end);
        assertThat(used).as("a backend started within the phase counts whole")
                .containsEntry("gateway", Duration.ofMillis(2_000)).containsEntry("postgres", Duration.ofMillis(500));

        Measured m = new Measured("gateway-ratio", "GET", 8, 1_200, 2.0, Latencies.of(new long[] {1}), Map.of(503, 200L), used);
        assertThat(CpuUse.perAnswerMillis(m)).containsEntry("gateway", 2.0).containsEntry("postgres", 0.5);
        assertThat(LoadRun.cpuTable(List.of(m))).contains("gateway", "postgres", "2.00", "0.50", "2.50");
    }
}
