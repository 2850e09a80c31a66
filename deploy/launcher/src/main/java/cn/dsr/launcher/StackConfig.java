package cn.dsr.launcher;

import java.io.File;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the stack keeps its data and which infrastructure it uses. {@code environment} is read for
 * the external-infrastructure switches: {@code DSR_DB_HOST} (+ {@code DSR_DB_PORT},
 * {@code DSR_DB_ADMIN_USER}, {@code DSR_DB_ADMIN_PASSWORD}), {@code DSR_KAFKA_BOOTSTRAP},
 * {@code DSR_ISSUER_URI}.
 */
public record StackConfig(Path home, boolean reset, Duration healthTimeout,
                          int postgresPort, int kafkaPort, int kafkaControllerPort,
                          Map<String, String> environment, boolean demo) {

    /** The demo quarter ({@code deploy/stack-client}) that {@code --demo} runs once the stack is healthy. */
    public static final Path DEMO_JAR = Path.of("deploy/stack-client/target/stack-client-exec.jar");

    public static final Duration DEFAULT_HEALTH_TIMEOUT = Duration.ofSeconds(120);
    public static final String LOCAL_ISSUER_URI = "http://localhost:9000";

    public StackConfig {
        home = home.toAbsolutePath().normalize();
        Objects.requireNonNull(healthTimeout, "healthTimeout");
        environment = Map.copyOf(environment);
    }

    /** The standard ports (PostgreSQL 15432, Kafka 19092/19093), external switches from {@code environment}. */
    public static StackConfig standard(Path home, Map<String, String> environment) {
        return new StackConfig(home, false, DEFAULT_HEALTH_TIMEOUT, 15432, 19092, 19093, environment, false);
    }

    /** Parses {@code --reset}, {@code --demo} and {@code --timeout SECONDS}. */
    public StackConfig withArguments(String... arguments) {
        StackConfig config = this;
        for (int i = 0; i < arguments.length; i++) {
            switch (arguments[i]) {
                case "--reset" -> config = config.withReset(true);
                case "--demo" -> config = config.withDemo(true);
                case "--timeout" -> {
                    if (i + 1 == arguments.length) {
                        throw new IllegalArgumentException("--timeout needs a number of seconds");
                    }
                    config = config.withHealthTimeout(Duration.ofSeconds(Long.parseLong(arguments[++i])));
                }
                default -> throw new IllegalArgumentException("unknown argument " + arguments[i]
                        + " (usage: [--reset] [--demo] [--timeout SECONDS])");
            }
        }
        return config;
    }

    public StackConfig withReset(boolean reset) {
        return new StackConfig(home, reset, healthTimeout, postgresPort, kafkaPort, kafkaControllerPort, environment, demo);
    }

    /** Once healthy, fill the stack with the demo quarter. */
    public StackConfig withDemo(boolean demo) {
        return new StackConfig(home, reset, healthTimeout, postgresPort, kafkaPort, kafkaControllerPort, environment, demo);
    }

    public StackConfig withHealthTimeout(Duration timeout) {
        return new StackConfig(home, reset, timeout, postgresPort, kafkaPort, kafkaControllerPort, environment, demo);
    }

    public StackConfig withPorts(int postgres, int kafka, int kafkaController) {
        return new StackConfig(home, reset, healthTimeout, postgres, kafka, kafkaController, environment, demo);
    }

    /** {@code .local/} under the project root: pg, kafka, logs, issuer, pg-bin, run. */
    public Path dataDirectory() {
        return home.resolve(".local");
    }

    public Path logDirectory() {
        return dataDirectory().resolve("logs");
    }

    public Optional<String> setting(String name) {
        return Optional.ofNullable(environment.get(name)).filter(value -> !value.isBlank());
    }

    /**
     * The project root: {@code DSR_HOME} if set, else the first directory above the launcher's
     * classes or jar (as started with {@code java -jar}) that contains {@code deploy/launcher}.
     */
    public static Path resolveHome(Map<String, String> environment) {
        String configured = environment.get("DSR_HOME");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        List<Path> candidates = new ArrayList<>();
        URL location = LocalStack.class.getProtectionDomain().getCodeSource().getLocation();
        // Inside the repackaged jar the location is a nested-jar URL; java.class.path then names the jar.
        if ("file".equals(location.getProtocol())) {
            candidates.add(Path.of(URI.create(location.toString())));
        }
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            candidates.add(Path.of(entry).toAbsolutePath());
        }
        for (Path candidate : candidates) {
            for (Path dir = candidate; dir != null; dir = dir.getParent()) {
                if (Files.isDirectory(dir.resolve("deploy").resolve("launcher"))) {
                    return dir;
                }
            }
        }
        return Path.of("");
    }
}
