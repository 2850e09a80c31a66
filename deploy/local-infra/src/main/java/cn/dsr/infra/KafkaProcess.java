package cn.dsr.infra;

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
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A {@link LocalKafka} broker in a JVM of its own, so that it can crash like a real one: {@link #kill9()}
 * is a SIGKILL, no controlled shutdown, no flush; {@link #start()} brings it back on the same ports and
 * log directory, where it recovers the log as after a power cut. {@link #stop()} is the controlled
 * shutdown (SIGTERM). The broker's output goes to {@code outputFile}.
 */
public final class KafkaProcess {

    public static final List<String> JVM_OPTIONS = List.of("-XX:TieredStopAtLevel=1", "-Xss512k", "-Xmx512m");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);

    private final Path logDirectory;
    private final int brokerPort;
    private final int controllerPort;
    private final Path outputFile;
    private final List<String> mainCommand;
    private Process process;

    /**
     * @param mainCommand what follows {@code java} and the JVM options to run {@link KafkaBroker}'s main,
     *                    e.g. {@link #onThisClasspath()}; the broker's arguments are appended
     */
    public KafkaProcess(Path logDirectory, int brokerPort, int controllerPort, Path outputFile, List<String> mainCommand) {
        this.logDirectory = logDirectory.toAbsolutePath().normalize();
        this.brokerPort = brokerPort;
        this.controllerPort = controllerPort;
        this.outputFile = outputFile.toAbsolutePath().normalize();
        this.mainCommand = List.copyOf(mainCommand);
    }

    /** Runs {@link KafkaBroker} from this JVM's class path (tests; not from inside a repackaged jar). */
    public static List<String> onThisClasspath() {
        return List.of("-cp", System.getProperty("java.class.path"), KafkaBroker.class.getName());
    }

    /** Spawns the broker and returns once it accepts clients; a no-op while it runs. */
    public synchronized KafkaProcess start() {
        if (isRunning()) {
            return this;
        }
        Path ready = logDirectory.resolveSibling(logDirectory.getFileName() + ".ready");
        try {
            Files.createDirectories(outputFile.getParent());
            Files.deleteIfExists(ready);
            Files.writeString(outputFile, "=== kafka starting at " + Instant.now() + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(JVM_OPTIONS);
            command.addAll(mainCommand);
            command.addAll(List.of(logDirectory.toString(), String.valueOf(brokerPort), String.valueOf(controllerPort), ready.toString()));
            // Standard input stays a pipe from this JVM: its end tells the broker its parent is gone.
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(outputFile.toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the Kafka broker", e);
        }
        awaitReady(ready);
        return this;
    }

    /** Controlled shutdown (SIGTERM), SIGKILL if it takes too long; data kept. A no-op when not running. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        if (!exited(process, STOP_GRACE)) {
            process.destroyForcibly();
            exited(process, STOP_GRACE);
        }
        process = null;
    }

    /** SIGKILL, as a crash; data kept as it lies on disk. */
    public synchronized void kill9() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        exited(process, STOP_GRACE);
        process = null;
    }

    /** Stops the broker if needed and deletes all topics and offsets; the next start formats afresh. */
    public synchronized void reset() {
        stop();
        Directories.deleteRecursively(logDirectory);
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    public synchronized Optional<Long> pid() {
        return isRunning() ? Optional.of(process.pid()) : Optional.empty();
    }

    public String bootstrapServers() {
        return LocalKafka.HOST + ":" + brokerPort;
    }

    private void awaitReady(Path ready) {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!Files.exists(ready)) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                String why = process.isAlive() ? "is not ready after " + START_TIMEOUT.toSeconds() + " s" : "exited with code " + process.exitValue();
                process.destroyForcibly();
                exited(process, STOP_GRACE);
                process = null;
                throw new IllegalStateException("the Kafka broker " + why + outputTail());
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while the Kafka broker started", e);
            }
        }
    }

    private String outputTail() {
        try {
            List<String> lines = Files.readAllLines(outputFile, StandardCharsets.UTF_8);
            return "\n--- last lines of " + outputFile + " ---\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "";
        }
    }

    private static boolean exited(Process process, Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
