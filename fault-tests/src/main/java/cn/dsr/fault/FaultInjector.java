package cn.dsr.fault;

import cn.dsr.launcher.LocalStack;
import cn.dsr.launcher.ServiceProcess;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Injects the run's faults one after another on its own thread: each fault, then the restart of
 * what it took down, then a wait until every process answers healthy again before the next one.
 * Submissions are paced against {@link #started()} so that the faults spread over the whole run.
 */
final class FaultInjector implements Runnable {

    private static final Duration HEALTHY_AGAIN = Duration.ofMinutes(4);
    /** How long a crashed broker or database stays away: long enough for requests and relays to hit the hole. */
    private static final Duration DOWN = Duration.ofSeconds(3);
    private static final Duration OUTBOX_WAIT = Duration.ofSeconds(20);

    private final LocalStack stack;
    private final int faults;
    private final AtomicInteger started = new AtomicInteger();
    private final Map<Fault, Integer> injected = new EnumMap<>(Fault.class);
    private volatile int midRelay;
    private volatile RuntimeException failure;

    FaultInjector(LocalStack stack, int faults) {
        this.stack = stack;
        this.faults = faults;
    }

    @Override
    public void run() {
        try {
            for (int n = 0; n < faults; n++) {
                Fault fault = Fault.nth(n);
                started.incrementAndGet();
                long at = System.nanoTime();
                inject(fault);
                synchronized (injected) {
                    injected.merge(fault, 1, Integer::sum);
                }
                awaitHealthy();
                FaultRun.say("fault %d/%d %s: back to healthy in %.1f s", n + 1, faults, fault, (System.nanoTime() - at) / 1e9);
            }
        } catch (RuntimeException e) {
            failure = e;
            started.set(Integer.MAX_VALUE); // releases the paced submissions
            FaultRun.say("fault injection stopped: %s", e);
        }
    }

    /** Faults begun so far; submissions wait on it to spread the faults over the run. */
    int started() {
        return started.get();
    }

    Map<Fault, Integer> injected() {
        synchronized (injected) {
            return new EnumMap<>(injected);
        }
    }

    /** How many of the inspection-service kills found submitted events waiting in its outbox. */
    int killedMidRelay() {
        return midRelay;
    }

    RuntimeException failure() {
        return failure;
    }

    private void inject(Fault fault) {
        switch (fault) {
            case KAFKA_KILL9 -> {
                stack.killKafka();
                pause(DOWN);
                stack.startKafka();
            }
            case INSPECTION_KILL9_MID_RELAY -> {
                if (awaitUnsentOutbox()) midRelay++;
                restartAfterKill9("inspection-service");
            }
            case DISCLOSURE_KILL9 -> restartAfterKill9("disclosure-service");
            case GATEWAY_KILL9 -> restartAfterKill9("gateway");
            case POSTGRES_IMMEDIATE_STOP -> {
                stack.stopPostgresImmediately();
                pause(DOWN);
                stack.startPostgres();
            }
        }
    }

    private void restartAfterKill9(String name) {
        ServiceProcess process = stack.service(name);
        process.kill9();
        process.start();
    }

    /** Waits (briefly) until inspection-service has committed events its relay has not yet sent. */
    private boolean awaitUnsentOutbox() {
        long deadline = System.nanoTime() + OUTBOX_WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (stack.database("inspection").countAsOwner("SELECT count(*) FROM outbox WHERE sent_at IS NULL") > 0) return true;
            } catch (IllegalStateException databaseBusy) {
                // the count is a hint only; the kill happens either way
            }
            pause(Duration.ofMillis(20));
        }
        return false;
    }

    private void awaitHealthy() {
        for (ServiceProcess process : stack.processes()) {
            process.waitHealthy(HEALTHY_AGAIN);
        }
    }

    static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
