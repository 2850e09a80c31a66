package cn.dsr.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/** The machine the figures come from: its cores and its load, sampled during the run (the services share it). */
final class Machine implements AutoCloseable {

    private final AtomicReference<Double> peak = new AtomicReference<>(0.0);
    private final String atStart = loadAverage();
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "load-sampler");
        t.setDaemon(true);
        return t;
    });

    Machine() {
        sampler.scheduleAtFixedRate(() -> peak.accumulateAndGet(oneMinute(), Math::max), 0, 5, TimeUnit.SECONDS);
    }

    String describe() {
        return String.format(Locale.ROOT, "%d cores; load average (1/5/15 min) %s at start, %s at end; 1-min peak %.1f (sampled every 5 s)",
                Runtime.getRuntime().availableProcessors(), atStart, loadAverage(), peak.get());
    }

    /**
     * Waits until the machine is mostly idle (at least {@code idleShare} of its CPU time idle over
     * 5 s), at most {@code limit}: a freshly started stack spends its first minute compiling six
     * JVMs and draining its consumers, which a measurement would otherwise count against the
     * scenario. Returns what it waited, or null if /proc/stat is not there to tell.
     */
    static Duration settle(double idleShare, Duration limit) throws InterruptedException {
        long started = System.nanoTime();
        long[] before = cpuTimes();
        if (before == null) return null;
        while (System.nanoTime() - started < limit.toNanos()) {
            Thread.sleep(5_000);
            long[] after = cpuTimes();
            double idle = (double) (after[1] - before[1]) / Math.max(1, after[0] - before[0]);
            if (idle >= idleShare) break;
            before = after;
        }
        return Duration.ofNanos(System.nanoTime() - started);
    }

    /** Total and idle (with I/O wait) jiffies of all CPUs, from /proc/stat. */
    private static long[] cpuTimes() {
        try {
            String[] fields = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < fields.length; i++) total += Long.parseLong(fields[i]);
            return new long[] {total, Long.parseLong(fields[4]) + Long.parseLong(fields[5])};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    @Override
    public void close() {
        sampler.shutdownNow();
    }

    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return fields[0] + "/" + fields[1] + "/" + fields[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static double oneMinute() {
        String load = loadAverage();
        return load.equals("unknown") ? -1 : Double.parseDouble(load.substring(0, load.indexOf('/')));
    }
}
