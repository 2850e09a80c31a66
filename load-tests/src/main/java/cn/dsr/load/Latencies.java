package cn.dsr.load;

import java.util.Arrays;

/** The latencies of one measured phase, in microseconds, and their percentiles by nearest rank. */
record Latencies(long[] sortedMicros) {

    static Latencies of(long[] micros) {
        long[] sorted = micros.clone();
        Arrays.sort(sorted);
        return new Latencies(sorted);
    }

    int count() {
        return sortedMicros.length;
    }

    /** The smallest latency at or above which lies {@code percent} % of the sample; NaN if there is none. */
    double percentileMillis(double percent) {
        if (sortedMicros.length == 0) return Double.NaN;
        int rank = (int) Math.ceil(percent / 100 * sortedMicros.length);
        return sortedMicros[Math.max(rank, 1) - 1] / 1000.0;
    }
}
