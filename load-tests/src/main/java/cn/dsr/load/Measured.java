package cn.dsr.load;

import java.time.Duration;
import java.util.Map;

/**
 * One row of the table: what was measured where, with how many concurrent clients, how many
 * answers in how long, their latencies, the failures by HTTP status (-1: no answer), and the CPU
 * time each process used over the measured phase ({@link CpuUse}).
 */
record Measured(String scenario, String point, int concurrency, long requests, double seconds, Latencies latencies,
                Map<Integer, Long> errors, Map<String, Duration> cpu) {

    /** A row not measured for CPU (the feed side of submissions, which spans the same phase as its submit row). */
    Measured(String scenario, String point, int concurrency, long requests, double seconds, Latencies latencies,
             Map<Integer, Long> errors) {
        this(scenario, point, concurrency, requests, seconds, latencies, errors, Map.of());
    }

    /** Successful (2xx) answers per second: a fast failure, such as a gateway's 503 fallback, is no throughput. */
    double ratePerSecond() {
        return seconds > 0 ? (requests - errorCount()) / seconds : 0;
    }

    long errorCount() {
        return errors.values().stream().mapToLong(Long::longValue).sum();
    }
}
