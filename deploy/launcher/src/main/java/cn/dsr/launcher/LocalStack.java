package cn.dsr.launcher;

import cn.dsr.infra.Directories;
import cn.dsr.infra.ServiceDatabase;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the whole suite locally: PostgreSQL and Kafka (embedded unless external ones are
 * configured), the OIDC issuer, then every service and the gateway as separate JVMs, and waits
 * until all are healthy. As a library, system tests use {@link #start(StackConfig, Suite)} and
 * {@link #service(String)} to crash and restart individual services, and the fault run crashes the
 * local broker ({@link #killKafka()}) and PostgreSQL ({@link #stopPostgresImmediately()}) as well.
 */
public final class LocalStack implements AutoCloseable {

    public static final List<String> DEMO_USERS = List.of(
            "city.coord", "city.auditor",
            "xh.operator", "xh.head", "xh.inspector1", "xh.inspector2", "xh.auditor",
            "ss.operator", "ss.head", "ss.inspector1", "ss.inspector2");

    /** For ./stack: prints the jars this configuration needs that are not built yet, one per line. */
    static final String MISSING_JARS = "--missing-jars";

    private final StackConfig config;
    private final Suite suite;
    private final Infrastructure infrastructure;
    private final Map<String, ServiceProcess> processes = new LinkedHashMap<>();
    private final Map<String, ServiceDatabase> databases = new LinkedHashMap<>();
    private final CountDownLatch closed = new CountDownLatch(1);
    private boolean closing;
    private Process demo;
    private String issuerUri;
    private Duration startupTime;

    public LocalStack(StackConfig config, Suite suite) {
        this.config = config;
        this.suite = suite;
        this.infrastructure = new Infrastructure(config);
    }

    public static void main(String[] args) {
        Map<String, String> environment = System.getenv();
        StackConfig config;
        try {
            config = StackConfig.standard(StackConfig.resolveHome(environment), environment)
                    .withArguments(List.of(args).stream().filter(arg -> !arg.equals(MISSING_JARS)).toArray(String[]::new));
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        LocalStack stack = new LocalStack(config, Suite.standard());
        if (List.of(args).contains(MISSING_JARS)) {
            stack.missingJars().forEach(System.out::println);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "local-stack-shutdown"));
        try {
            stack.start();
        } catch (RuntimeException e) {
            System.err.println("\nThe local stack did not start: " + e.getMessage());
            System.exit(1); // the shutdown hook stops whatever did start
        }
        System.out.println(stack.summary());
        if (config.demo()) {
            System.out.println(stack.fillWithDemoData()
                    ? "DSR is running with the demo data above; stop with Ctrl-C."
                    : "The demo data could not be made (see above); DSR keeps running without it. Stop with Ctrl-C.");
        }
        stack.awaitClose();
    }

    /** Starts a stack and waits until it is healthy; on failure, stops what started and rethrows. */
    public static LocalStack start(StackConfig config, Suite suite) {
        LocalStack stack = new LocalStack(config, suite);
        try {
            return stack.start();
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    /** Starts everything and returns once every process answers health UP (see {@link StackConfig#healthTimeout()}). */
    public LocalStack start() {
        long started = System.nanoTime();
        boolean localIssuer = config.setting("DSR_ISSUER_URI").isEmpty();
        issuerUri = config.setting("DSR_ISSUER_URI").orElse(StackConfig.LOCAL_ISSUER_URI);
        List<Path> missing = missingJars();
        if (!missing.isEmpty()) {
            throw new IllegalStateException("missing jars in " + config.home() + " (build them with ./stack --build): " + missing);
        }
        prepareDirectories();

        say("Starting PostgreSQL and Kafka ...");
        infrastructure.start();
        for (ServiceSpec spec : suite.services()) {
            spec.database().ifPresent(name -> databases.put(name, infrastructure.database(name)));
        }

        // The services fetch the issuer's keys only when the first token arrives, so all start together.
        List<ServiceSpec> specs = new ArrayList<>(suite.services());
        if (localIssuer) specs.add(0, suite.issuer());
        say("Starting " + String.join(", ", specs.stream().map(ServiceSpec::name).toList()) + " ...");
        awaitHealthy(specs.stream().map(this::spawn).toList());

        startupTime = Duration.ofNanos(System.nanoTime() - started);
        processes().forEach(process -> process.onUnexpectedExit(LocalStack::reportUnexpectedExit));
        return this;
    }

    public ServiceProcess service(String name) {
        synchronized (processes) {
            ServiceProcess process = processes.get(name);
            if (process == null) {
                throw new IllegalArgumentException("no process " + name + " in this stack");
            }
            return process;
        }
    }

    public List<ServiceProcess> processes() {
        synchronized (processes) {
            return List.copyOf(processes.values());
        }
    }

    public ServiceDatabase database(String name) {
        return Optional.ofNullable(databases.get(name)).orElseThrow(() -> new IllegalArgumentException("no database " + name));
    }

    public String kafkaBootstrap() {
        return infrastructure.kafkaBootstrap();
    }

    /** The local broker's process id while it runs; empty if Kafka is external. */
    public Optional<Long> kafkaPid() {
        return infrastructure.kafkaPid();
    }

    /** Stops the local Kafka broker (controlled shutdown, data kept) until {@link #startKafka()}. */
    public void stopKafka() {
        infrastructure.stopKafka();
    }

    public void startKafka() {
        infrastructure.startKafka();
    }

    /** Kills the local Kafka broker's JVM with SIGKILL (a crash; data kept) until {@link #startKafka()}. */
    public void killKafka() {
        infrastructure.killKafka();
    }

    /** Stops the local PostgreSQL immediately, as on a crash (no checkpoint), until {@link #startPostgres()}. */
    public void stopPostgresImmediately() {
        infrastructure.stopPostgresImmediately();
    }

    /** Starts the local PostgreSQL again on the same data, recovering from the WAL after an immediate stop. */
    public void startPostgres() {
        infrastructure.startPostgres();
    }

    public String issuerUri() {
        return issuerUri;
    }

    /**
     * Tells the demo quarter ({@link StackConfig#DEMO_JAR}) through the gateway of this healthy
     * stack, as a child JVM whose output is the launcher's; answers whether it completed. The
     * launcher does not link the demo's code: the demo is a client of the stack like any other.
     */
    public boolean fillWithDemoData() {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                config.home().resolve(StackConfig.DEMO_JAR).toString(), suite.service("gateway").url(), issuerUri);
        try {
            synchronized (processes) {
                if (closing) return false;
                demo = new ProcessBuilder(command).directory(config.home().toFile()).inheritIO().start();
            }
            return demo.waitFor() == 0;
        } catch (IOException e) {
            System.err.println("could not start the demo: " + e.getMessage());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Stops the service JVMs (in parallel, SIGTERM then SIGKILL), then Kafka, then PostgreSQL. Idempotent. */
    @Override
    public void close() {
        List<ServiceProcess> running;
        synchronized (processes) {
            if (closing) {
                return;
            }
            closing = true;
            running = List.copyOf(processes.values());
            if (demo != null) demo.destroy();
        }
        try {
            if (!running.isEmpty()) {
                say("Stopping " + running.size() + " processes ...");
            }
            CompletableFuture.allOf(running.stream()
                    .map(process -> CompletableFuture.runAsync(process::stop))
                    .toArray(CompletableFuture[]::new)).join();
            infrastructure.close();
            if (!running.isEmpty()) {
                say("Stopped.");
            }
        } finally {
            closed.countDown();
        }
    }

    public String summary() {
        StringBuilder out = new StringBuilder("\nDSR is running (all healthy in ")
                .append(String.format(Locale.ROOT, "%.1f s", startupTime.toMillis() / 1000.0)).append(")\n\n");
        suite.services().stream().filter(spec -> spec.name().equals("gateway")).findFirst().ifPresent(gateway -> {
            line(out, "Gateway", gateway.url());
            line(out, "Swagger UI", gateway.url() + "/swagger-ui.html");
        });
        line(out, "OIDC issuer", issuerUri);
        for (ServiceSpec spec : suite.services()) {
            if (!spec.name().equals("gateway")) {
                line(out, spec.name(), spec.url() + spec.database().map(db -> "   (database " + db + ")").orElse(""));
            }
        }
        line(out, "PostgreSQL", infrastructure.postgresAddress());
        line(out, "Kafka", infrastructure.kafkaAddress());
        out.append("\nDemo users (password \"demo\"):\n  ").append(String.join(", ", DEMO_USERS)).append('\n');
        out.append("An API token for one of them:  deploy/token <user>\n");
        out.append("Logs:  ").append(config.home().relativize(config.logDirectory())).append("/<name>.log\n");
        out.append("Stop with Ctrl-C; ./stack --reset starts from empty data.\n");
        return out.toString();
    }

    /** Blocks until {@link #close()} has finished (the launcher's main thread waits here). */
    public void awaitClose() {
        try {
            closed.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private ServiceProcess spawn(ServiceSpec spec) {
        ServiceProcess process = new ServiceProcess(spec, environmentFor(spec), config.home());
        synchronized (processes) {
            // A Ctrl-C during start-up must not leave a process that close() no longer sees.
            if (closing) {
                throw new IllegalStateException("stopping");
            }
            processes.put(spec.name(), process);
            return process.start();
        }
    }

    private Map<String, String> environmentFor(ServiceSpec spec) {
        Map<String, String> environment = new HashMap<>();
        environment.put("DSR_KAFKA_BOOTSTRAP", infrastructure.kafkaBootstrap());
        environment.put("DSR_ISSUER_URI", issuerUri);
        spec.database().map(databases::get).ifPresent(db -> {
            environment.put("DSR_DB_HOST", db.host());
            environment.put("DSR_DB_PORT", Integer.toString(db.port()));
            environment.put("DSR_DB_NAME", db.name());
            environment.put("DSR_DB_USER", db.appUser());
            environment.put("DSR_DB_PASSWORD", db.appPassword());
            environment.put("DSR_DB_OWNER", db.ownerUser());
            environment.put("DSR_DB_OWNER_PASSWORD", db.ownerPassword());
        });
        return environment;
    }

    private void awaitHealthy(List<ServiceProcess> services) {
        long deadline = System.nanoTime() + config.healthTimeout().toNanos();
        List<ServiceProcess> waiting = new ArrayList<>(services);
        while (!waiting.isEmpty()) {
            waiting.removeIf(ServiceProcess::isHealthy);
            if (waiting.isEmpty()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                // Report the first laggard with its log; the others are named.
                ServiceProcess first = waiting.get(0);
                throw new ServiceFailure(first.spec().name(), waiting.stream().map(p -> p.spec().name()).toList()
                        + " not healthy after " + config.healthTimeout().toSeconds() + " s\n--- last lines of "
                        + first.logFile() + " ---\n" + String.join("\n", first.logTail(40)));
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the services", e);
            }
        }
    }

    /** The jars this configuration runs (no issuer when an external one is set; the demo's with --demo) not built yet. */
    public List<Path> missingJars() {
        List<ServiceSpec> specs = new ArrayList<>(suite.services());
        if (config.setting("DSR_ISSUER_URI").isEmpty()) {
            specs.add(0, suite.issuer());
        }
        List<Path> jars = new ArrayList<>(specs.stream().map(ServiceSpec::jar).toList());
        if (config.demo()) jars.add(StackConfig.DEMO_JAR);
        return jars.stream().filter(jar -> !Files.isRegularFile(config.home().resolve(jar))).toList();
    }

    private void prepareDirectories() {
        Path data = config.dataDirectory();
        if (config.reset()) {
            say("Resetting: wiping .local/pg, .local/kafka, .local/issuer");
            infrastructure.reset();
            Directories.deleteRecursively(data.resolve("issuer"));
        }
        try {
            Files.createDirectories(config.logDirectory());
            Files.createDirectories(data.resolve("issuer"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void reportUnexpectedExit(ServiceProcess process) {
        System.err.println("\n!! " + process.spec().name() + " exited unexpectedly (code "
                + process.exitCode().map(String::valueOf).orElse("?") + "); last lines of " + process.logFile() + ":\n"
                + String.join("\n", process.logTail(20)) + "\n");
    }

    private static void line(StringBuilder out, String label, String value) {
        out.append(String.format(Locale.ROOT, "  %-20s %s%n", label, value));
    }

    private static void say(String message) {
        System.out.println(message);
    }
}
