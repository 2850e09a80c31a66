package cn.dsr.load;

import java.util.Map;

/**
 * One row of the table: what was measured where, with how many concurrent clients, how many
 * answers in how long, their latencies, and the failures by HTTP status (-1: no answer).
 */
record Measured(String scenario, String point, int concurrency, long requests, double seconds, Latencies latencies,
                Map<Integer, Long> errors) {

    /** Successful (2xx) answers per second: a fast failure, such as a gateway's 503 fallback, is no throughput. */
    double ratePerSecond() {
        return seconds > 0 ? (requests - errorCount()) / seconds : 0;
    }

    long errorCount() {
        return errors.values().stream().mapToLong(Long::longValue).sum();
    }
}
