package cn.dsr.infra;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A real PostgreSQL 17 server on loopback with a persistent data directory. A second start on the
 * same directory keeps the data; {@link #reset()} wipes it. Password authentication (scram) is on,
 * so services must use their roles' real passwords, as in production.
 * <p>
 * The binaries come from zonky's linux-amd64 artifact, but this class runs {@code initdb} and
 * {@code pg_ctl} itself rather than through zonky's {@code EmbeddedPostgres}: PostgreSQL refuses to
 * run as root, CI and containers are often root, and zonky cannot run the server as another user
 * (see {@link ServerUser}). The server is a daemon: {@link #close()} must run (shutdown hook,
 * try-with-resources) or it outlives the JVM; the next {@link #start()} on the same directory stops
 * such an orphan.
 */
public final class LocalPostgres implements AutoCloseable {

    public static final String HOST = "127.0.0.1";
    public static final String SUPERUSER = "postgres";
    public static final String SUPERUSER_PASSWORD = "postgres";

    private static final Logger log = LoggerFactory.getLogger(LocalPostgres.class);
    private static final int PG_CTL_TIMEOUT_SECONDS = 60;

    private final Path dataDirectory;
    private final int port;
    private final Path binariesDirectory;
    private final Optional<ServerUser> serverUser = ServerUser.forCurrentProcess();
    private Path home;
    private boolean running;

    /**
     * @param dataDirectory     PGDATA; created and initialised on first start
     * @param port              TCP port on 127.0.0.1
     * @param binariesDirectory where the server binaries are unpacked (shared by all instances, e.g. {@code .local/pg-bin})
     */
    public LocalPostgres(Path dataDirectory, int port, Path binariesDirectory) {
        this.dataDirectory = dataDirectory.toAbsolutePath().normalize();
        this.port = port;
        this.binariesDirectory = binariesDirectory.toAbsolutePath().normalize();
        QuietLogging.apply();
    }

    public synchronized LocalPostgres start() {
        if (running) {
            return this;
        }
        unpackBinariesAndStopOrphan();
        try {
            if (!Files.exists(dataDirectory.resolve("PG_VERSION"))) {
                initdb();
            }
            pgCtl("start", "-w", "-t", String.valueOf(PG_CTL_TIMEOUT_SECONDS),
                    "-l", dataDirectory.resolve("postgres.log").toString(),
                    "-o", String.join(" ", serverOptions()));
            running = true;
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL did not start in " + dataDirectory, e);
        }
    }

    /** Fast shutdown (open sessions are rolled back, then a checkpoint); a no-op when not running. */
    public synchronized void stop() {
        stopIn("fast");
    }

    /**
     * Immediate shutdown ({@code pg_ctl stop -m immediate}): the server processes quit at once, no
     * checkpoint, open sessions cut, as on a crash; the next {@link #start()} recovers from the WAL.
     */
    public synchronized void stopImmediately() {
        stopIn("immediate");
    }

    private void stopIn(String mode) {
        if (!running) {
            return;
        }
        try {
            pgCtl("stop", "-m", mode, "-w", "-t", String.valueOf(PG_CTL_TIMEOUT_SECONDS));
            running = false;
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL did not stop in " + dataDirectory, e);
        }
    }

    @Override
    public void close() {
        stop();
    }

    /** Stops the server if needed and deletes all its data; the next {@link #start()} initialises afresh. */
    public synchronized void reset() {
        stop();
        discard(dataDirectory, binariesDirectory);
    }

    /**
     * Stops any server still running on {@code dataDirectory} (left behind by a JVM that was killed)
     * and deletes the directory. For sweeping up after crashed test runs.
     */
    public static void discard(Path dataDirectory, Path binariesDirectory) {
        if (Files.exists(dataDirectory.resolve("postmaster.pid"))) {
            new LocalPostgres(dataDirectory, 0, binariesDirectory).unpackBinariesAndStopOrphan();
        }
        Directories.deleteRecursively(dataDirectory);
    }

    public synchronized boolean isRunning() {
        return running;
    }

    public String host() {
        return HOST;
    }

    public int port() {
        return port;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + HOST + ":" + port + "/" + database;
    }

    public Connection superuserConnection() throws SQLException {
        return DriverManager.getConnection(jdbcUrl("postgres"), SUPERUSER, SUPERUSER_PASSWORD);
    }

    /** See {@link ServiceDatabase#create(Connection, String, int, String)}. */
    public ServiceDatabase createServiceDatabase(String name) {
        try (Connection superuser = superuserConnection()) {
            return ServiceDatabase.create(superuser, HOST, port, name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create service database " + name, e);
        }
    }

    private List<String> serverOptions() {
        return List.of("-p", String.valueOf(port),
                "-c", "listen_addresses=" + HOST,
                "-c", "timezone=UTC",
                // synchronous_commit stays on: with it off, a crash of the server (stop -m immediate)
                // loses commits it has already acknowledged. Measured here, on costs nothing with
                // several connections committing (group commit) and about half with a single one.
                "-c", "max_connections=300");
    }

    private void initdb() throws IOException {
        Files.createDirectories(dataDirectory);
        Files.setPosixFilePermissions(dataDirectory, PosixFilePermissions.fromString("rwx------"));
        if (serverUser.isPresent()) {
            serverUser.get().requireTraversable(dataDirectory.getParent());
            serverUser.get().requireTraversable(binariesDirectory);
            serverUser.get().own(dataDirectory);
        }
        Path passwordFile = Files.createTempFile("pg-superuser", ".txt");
        try {
            Files.writeString(passwordFile, SUPERUSER_PASSWORD, StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(passwordFile, PosixFilePermissions.fromString("rw-r--r--"));
            runOrFail(List.of(bin("initdb"), "-D", dataDirectory.toString(),
                    "-U", SUPERUSER, "--pwfile=" + passwordFile,
                    "--auth-local=scram-sha-256", "--auth-host=scram-sha-256",
                    "-E", "UTF8", "--locale=C", "--locale-provider=builtin", "--builtin-locale=C.UTF-8",
                    // Durability of a fresh, empty cluster is not worth the fsync time.
                    "--no-sync"));
        } finally {
            Files.deleteIfExists(passwordFile);
        }
    }

    /**
     * Unpacks the binaries if needed, then stops a server left running by a JVM that was killed: it
     * would hold the port and the data directory.
     */
    private void unpackBinariesAndStopOrphan() {
        try {
            home = PostgresBinaries.unpack(binariesDirectory);
            if (Files.exists(dataDirectory.resolve("postmaster.pid"))
                    && run(List.of(bin("pg_ctl"), "status", "-D", dataDirectory.toString())).exitCode() == 0) {
                log.warn("Stopping a PostgreSQL server left running on {}", dataDirectory);
                pgCtl("stop", "-m", "fast", "-w", "-t", String.valueOf(PG_CTL_TIMEOUT_SECONDS));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stop the server left running on " + dataDirectory, e);
        }
    }

    private void pgCtl(String... arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of(bin("pg_ctl"), "-D", dataDirectory.toString()));
        command.addAll(List.of(arguments));
        runOrFail(command);
    }

    private void runOrFail(List<String> command) throws IOException {
        Result result = run(command);
        if (result.exitCode() != 0) {
            throw new IOException(String.join(" ", command) + " failed (" + result.exitCode() + "):\n"
                    + result.output() + serverLogTail());
        }
    }

    private Result run(List<String> command) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(serverUser.map(user -> user.wrap(command)).orElse(command))
                .redirectErrorStream(true);
        builder.environment().put("LC_ALL", "C");
        Process process = builder.start();
        // pg_ctl gives the server its own log file (-l), so this stream ends when pg_ctl exits.
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!process.waitFor(PG_CTL_TIMEOUT_SECONDS + 10L, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(command + " did not finish");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + command, e);
        }
        return new Result(process.exitValue(), output);
    }

    private String serverLogTail() {
        Path logFile = dataDirectory.resolve("postgres.log");
        try {
            List<String> lines = Files.exists(logFile) ? Files.readAllLines(logFile) : List.of();
            return "\n--- " + logFile + " ---\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "";
        }
    }

    private String bin(String name) {
        return home.resolve("bin").resolve(name).toString();
    }

    private record Result(int exitCode, String output) {
    }
}
