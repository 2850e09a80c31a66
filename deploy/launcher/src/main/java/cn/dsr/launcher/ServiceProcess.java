package cn.dsr.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * One service as its own JVM ({@code java -jar}), with its output in {@code .local/logs/<name>.log}
 * and its pid in {@code .local/run/<name>.pid}. Can be stopped gracefully, killed with SIGKILL and
 * started again on the same port, which is what the system tests need.
 */
public final class ServiceProcess {

    /**
     * The services' JVM options: the quick compiler only, because seven JVMs start at once on a
     * laptop and C1 halves their start-up; {@code DSR_JVM_OPTIONS} replaces them (space-separated),
     * e.g. for a load run, which wants the optimising compiler.
     */
    public static final List<String> JVM_OPTIONS = jvmOptions(System.getenv("DSR_JVM_OPTIONS"));
    public static final Duration STOP_GRACE = Duration.ofSeconds(15);

    private static final Duration POLL = Duration.ofMillis(500);

    static List<String> jvmOptions(String configured) {
        if (configured == null || configured.isBlank()) return List.of("-XX:TieredStopAtLevel=1", "-Xss512k", "-Xmx384m");
        return List.of(configured.trim().split("\\s+"));
    }

    private final ServiceSpec spec;
    private final Map<String, String> environment;
    private final Path home;
    private final Path logFile;
    private final Path pidFile;
    private volatile Process process;
    /** Per started process, so a late exit notice of an old process is judged by its own flag. */
    private volatile AtomicBoolean exitExpected = new AtomicBoolean();
    private volatile Consumer<ServiceProcess> onUnexpectedExit = dead -> { };
    private boolean startedBefore;

    /**
     * @param environment variables added to the inherited environment; the spec's own variables
     *                    and {@code SERVER_PORT} (its port) are added on top
     * @param home        project root: working directory, base of the jar path and of {@code .local/}
     */
    public ServiceProcess(ServiceSpec spec, Map<String, String> environment, Path home) {
        this.spec = spec;
        this.environment = Map.copyOf(environment);
        this.home = home.toAbsolutePath();
        this.logFile = this.home.resolve(".local").resolve("logs").resolve(spec.name() + ".log");
        this.pidFile = this.home.resolve(".local").resolve("run").resolve(spec.name() + ".pid");
    }

    public ServiceSpec spec() {
        return spec;
    }

    public Path jar() {
        return home.resolve(spec.jar());
    }

    public Path logFile() {
        return logFile;
    }

    /** Spawns the JVM; a no-op while it runs. The log is truncated on the first start, appended to on restarts. */
    public synchronized ServiceProcess start() {
        if (isAlive()) {
            return this;
        }
        if (!Files.isRegularFile(jar())) {
            throw new ServiceFailure(spec.name(), "missing " + jar() + " (build it: ./stack --build)");
        }
        try {
            stopLeftover();
            Files.createDirectories(logFile.getParent());
            Files.createDirectories(pidFile.getParent());
            Files.writeString(logFile, "=== " + spec.name() + " starting at " + Instant.now() + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    startedBefore ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING);
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(JVM_OPTIONS);
            command.addAll(List.of("-jar", jar().toString()));
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(home.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
            builder.environment().putAll(environment);
            builder.environment().putAll(spec.environment());
            // The port is part of the spec: the health probe asks there.
            builder.environment().put("SERVER_PORT", Integer.toString(spec.port()));
            AtomicBoolean expected = new AtomicBoolean();
            Process started = builder.start();
            exitExpected = expected;
            process = started;
            startedBefore = true;
            Files.writeString(pidFile, Long.toString(started.pid()));
            started.onExit().thenRun(() -> {
                if (!expected.get()) {
                    onUnexpectedExit.accept(this);
                }
            });
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + spec.name(), e);
        }
    }

    /** Polls {@code /actuator/health} until UP; fails early with the log tail if the process dies. */
    public ServiceProcess waitHealthy(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!isHealthy()) {
            if (System.nanoTime() > deadline) {
                throw new ServiceFailure(spec.name(), spec.name() + " not healthy after " + timeout.toSeconds() + " s" + logTailSection());
            }
            pause();
        }
        return this;
    }

    /** One health probe; throws if the process has died, since waiting on it would be pointless. */
    public boolean isHealthy() {
        Process current = process;
        if (current == null || !current.isAlive()) {
            String exit = current == null ? "was never started" : "exited with code " + current.exitValue();
            throw new ServiceFailure(spec.name(), spec.name() + " " + exit + logTailSection());
        }
        return HealthProbe.isUp(spec.port());
    }

    /** SIGTERM, then SIGKILL after {@link #STOP_GRACE}; a no-op when not running. */
    public synchronized void stop() {
        Process current = process;
        exitExpected.set(true);
        if (current != null && current.isAlive()) {
            current.destroy();
            awaitExit(current, STOP_GRACE);
            if (current.isAlive()) {
                current.destroyForcibly();
                awaitExit(current, STOP_GRACE);
            }
        }
        deletePidFile();
    }

    /** SIGKILL, as a crash: no shutdown hooks run in the service. */
    public synchronized void kill9() {
        Process current = process;
        exitExpected.set(true);
        if (current != null) {
            current.destroyForcibly();
            awaitExit(current, STOP_GRACE);
        }
        deletePidFile();
    }

    public boolean isAlive() {
        Process current = process;
        return current != null && current.isAlive();
    }

    public Optional<Long> pid() {
        Process current = process;
        return current == null ? Optional.empty() : Optional.of(current.pid());
    }

    /** Called (on another thread) when the process exits without stop() or kill9() having been asked for. */
    public void onUnexpectedExit(Consumer<ServiceProcess> listener) {
        this.onUnexpectedExit = listener;
    }

    public Optional<Integer> exitCode() {
        Process current = process;
        return current == null || current.isAlive() ? Optional.empty() : Optional.of(current.exitValue());
    }

    public List<String> logTail(int lines) {
        try {
            if (!Files.exists(logFile)) {
                return List.of();
            }
            List<String> all = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return all.subList(Math.max(0, all.size() - lines), all.size());
        } catch (IOException e) {
            return List.of("(cannot read " + logFile + ": " + e.getMessage() + ")");
        }
    }

    private String logTailSection() {
        return "\n--- last lines of " + logFile + " ---\n" + String.join("\n", logTail(40));
    }

    /** A launcher killed with SIGKILL leaves its children running on our ports. */
    private void stopLeftover() throws IOException {
        if (!Files.exists(pidFile)) {
            return;
        }
        long pid = Long.parseLong(Files.readString(pidFile).trim());
        ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .filter(leftover -> leftover.info().commandLine().map(line -> line.contains(jar().toString())).orElse(false))
                .ifPresent(leftover -> {
                    System.err.println("Stopping " + spec.name() + " left running by an earlier launcher (pid " + pid + ")");
                    leftover.destroy();
                    try {
                        leftover.onExit().get(STOP_GRACE.toSeconds(), TimeUnit.SECONDS);
                    } catch (Exception e) {
                        leftover.destroyForcibly();
                    }
                });
        deletePidFile();
    }

    private void deletePidFile() {
        try {
            Files.deleteIfExists(pidFile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void awaitExit(Process process, Duration timeout) {
        try {
            process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a service", e);
        }
    }
}
