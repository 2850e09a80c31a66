package cn.dsr.testinfra;

import cn.dsr.infra.Directories;
import cn.dsr.infra.LocalKafka;
import cn.dsr.infra.LocalPostgres;
import cn.dsr.infra.ServiceDatabase;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/**
 * The real PostgreSQL 17 server and an in-process Kafka broker, with their data in a directory of
 * their own under {@code target/test-infra/} that this JVM holds a file lock on. A JVM that was
 * killed leaves its directory unlocked: the next one stops what it left running and deletes it.
 */
final class EmbeddedBackend implements Backend {

    private static final String LOCK_FILE = ".lock";

    private final Path directory;
    private final Path binaries;
    private final FileChannel lockChannel;
    private final LocalPostgres postgres;
    private final LocalKafka kafka;

    EmbeddedBackend() {
        Path root = Path.of("target", "test-infra").toAbsolutePath();
        binaries = projectRoot().resolve(".local").resolve("pg-bin");
        sweepAbandoned(root);
        directory = root.resolve(ProcessHandle.current().pid() + "-" + UUID.randomUUID().toString().substring(0, 8));
        lockChannel = lock(directory);
        postgres = new LocalPostgres(directory.resolve("pg"), FreePorts.pick(), binaries);
        kafka = new LocalKafka(directory.resolve("kafka"), FreePorts.pick(), FreePorts.pick());
        CompletableFuture.allOf(
                CompletableFuture.runAsync(postgres::start),
                CompletableFuture.runAsync(kafka::start)).join();
    }

    @Override
    public ServiceDatabase createDatabase(String name) {
        return postgres.createServiceDatabase(name);
    }

    @Override
    public String kafkaBootstrap() {
        return kafka.bootstrapServers();
    }

    @Override
    public void stopKafka() {
        kafka.stop();
    }

    @Override
    public void startKafka() {
        kafka.start();
    }

    @Override
    public void stopPostgres() {
        postgres.stop();
    }

    @Override
    public void startPostgres() {
        postgres.start();
    }

    @Override
    public void shutdown() {
        try {
            kafka.stop();
        } finally {
            postgres.stop();
            try {
                lockChannel.close();
            } catch (IOException ignored) {
                // the lock dies with the JVM anyway
            }
            Directories.deleteRecursively(directory);
        }
    }

    private void sweepAbandoned(Path root) {
        if (!Files.isDirectory(root)) {
            return;
        }
        try (Stream<Path> children = Files.list(root)) {
            for (Path abandoned : children.filter(EmbeddedBackend::isAbandoned).toList()) {
                LocalPostgres.discard(abandoned.resolve("pg"), binaries);
                Directories.deleteRecursively(abandoned);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isAbandoned(Path directory) {
        Path lockFile = directory.resolve(LOCK_FILE);
        if (!Files.exists(lockFile)) {
            return false;
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE);
             FileLock lock = channel.tryLock()) {
            return lock != null;
        } catch (IOException e) {
            return false;
        }
    }

    private static FileChannel lock(Path directory) {
        try {
            Files.createDirectories(directory);
            FileChannel channel = FileChannel.open(directory.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            channel.lock();
            return channel;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock " + directory, e);
        }
    }

    /** The top-most directory with a pom.xml: binaries are unpacked once per checkout, like the launcher's. */
    private static Path projectRoot() {
        Path root = Path.of("").toAbsolutePath();
        for (Path dir = root; dir != null && Files.exists(dir.resolve("pom.xml")); dir = dir.getParent()) {
            root = dir;
        }
        return root;
    }
}
