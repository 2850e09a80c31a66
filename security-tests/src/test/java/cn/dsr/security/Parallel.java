package cn.dsr.security;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** Runs probes on a few threads and fails loudly if any probe itself broke, so none is silently lost. */
final class Parallel {

    static final int THREADS = 8;

    private Parallel() {}

    static void run(List<Runnable> probes, long timeoutMinutes) {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (Runnable probe : probes) futures.add(pool.submit(probe));
            pool.shutdown();
            if (!pool.awaitTermination(timeoutMinutes, TimeUnit.MINUTES)) throw new AssertionError("probes still running after " + timeoutMinutes + " min");
            for (Future<?> f : futures) f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new AssertionError("a probe broke: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
