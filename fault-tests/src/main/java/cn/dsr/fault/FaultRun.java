package cn.dsr.fault;

import cn.dsr.launcher.LocalStack;
import cn.dsr.stack.client.Stack;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The fault run of issue 9: the whole stack as separate processes, random-inspection visits drawn
 * through the gateway, their records submitted by concurrent clients while the broker, the
 * services and PostgreSQL are crashed one after another; then the audit of where every accepted
 * submission went, as far as the external feed. {@code fault-tests/run} is the rerunnable script; {@code FaultRunIT} a small run in CI.
 */
public final class FaultRun {

    public static final Path REPORT = Path.of("target", "fault-report.json");
    private static final Duration QUIESCENCE = Duration.ofMinutes(10);

    /** How big a run: records submitted, faults injected during them, concurrent clients. */
    public record Plan(int submissions, int faults, int clients) {
        public Plan {
            if (submissions < 1 || faults < 0 || clients < 1) throw new IllegalArgumentException("submissions ≥ 1, faults ≥ 0, clients ≥ 1");
        }
    }

    private FaultRun() {}

    public static void main(String[] args) throws IOException {
        Plan plan = new Plan(args.length > 0 ? Integer.parseInt(args[0]) : 10_000, args.length > 1 ? Integer.parseInt(args[1]) : 50,
                args.length > 2 ? Integer.parseInt(args[2]) : 8);
        Report report = run(plan);
        System.out.println(report.summary());
        System.out.println("report: " + REPORT.toAbsolutePath());
        System.exit(report.passed() ? 0 : 1);
    }

    /** Runs {@code plan} on a fresh stack and writes {@link #REPORT}. */
    public static Report run(Plan plan) throws IOException {
        say("starting the stack (fresh data) ...");
        LocalStack stack = Stack.get();
        Submissions submissions = new Submissions(plan.clients());
        say("drawing %d random-inspection visits through the gateway ...", plan.submissions());
        List<Visit> visits = submissions.prepare(plan.submissions(), "fault-" + UUID.randomUUID().toString().substring(0, 8));

        say("submitting %d records from %d clients while injecting %d faults ...", plan.submissions(), plan.clients(), plan.faults());
        FaultInjector faults = new FaultInjector(stack, plan.faults());
        Thread injector = new Thread(faults, "fault-injector");
        AtomicReference<Double> load = new AtomicReference<>(0.0);
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        sampler.scheduleAtFixedRate(() -> load.accumulateAndGet(loadAverage(), Math::max), 0, 5, TimeUnit.SECONDS);
        long started = System.nanoTime();
        injector.start();
        submissions.submit(visits, faults::started, plan.faults());
        try {
            injector.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        double runSeconds = (System.nanoTime() - started) / 1e9;
        sampler.shutdownNow();

        say("waiting for the outbox, the inbox and the feed to drain ...");
        Audit audit = new Audit(stack);
        long quiescing = System.nanoTime();
        boolean quiet = audit.awaitQuiet(submissions.accepted().size(), QUIESCENCE);
        double quiescenceSeconds = (System.nanoTime() - quiescing) / 1e9;
        List<Check> checks = audit.check(submissions.accepted());
        Report report = Report.of(plan, faults, submissions, audit, checks, runSeconds, quiescenceSeconds, quiet,
                String.format(Locale.ROOT, "%d cores, 1-min load average up to %.1f during the run (sampled every 5 s)",
                        Runtime.getRuntime().availableProcessors(), load.get()));
        Files.createDirectories(REPORT.toAbsolutePath().getParent());
        Files.writeString(REPORT, report.toJson());
        return report;
    }

    private static double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    static void say(String format, Object... args) {
        System.out.println(LocalTime.now().truncatedTo(ChronoUnit.SECONDS) + " " + String.format(Locale.ROOT, format, args));
    }
}
