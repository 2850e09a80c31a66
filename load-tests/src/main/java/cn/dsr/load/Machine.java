package cn.dsr.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
