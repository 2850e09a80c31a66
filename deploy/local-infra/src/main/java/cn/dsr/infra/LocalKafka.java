package cn.dsr.infra;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * A single-node Kafka 4 broker and KRaft controller in this JVM, on loopback, with a persistent log
 * directory. The directory is formatted on first start; {@link #stop()} and {@link #start()} again
 * reuse the same ports and data, so tests can take the broker away mid-run and bring it back.
 */
public final class LocalKafka implements AutoCloseable {

    public static final String HOST = "127.0.0.1";

    private static final Logger log = LoggerFactory.getLogger(LocalKafka.class);
    private static final int NODE_ID = 1;
    private static final String CONTROLLER_LISTENER = "CONTROLLER";

    private final Path logDirectory;
    private final int brokerPort;
    private final int controllerPort;
    private KafkaRaftServer server;

    public LocalKafka(Path logDirectory, int brokerPort, int controllerPort) {
        this.logDirectory = logDirectory.toAbsolutePath().normalize();
        this.brokerPort = brokerPort;
        this.controllerPort = controllerPort;
        QuietLogging.apply();
    }

    /** Starts the broker and returns once it accepts clients; a no-op when already running. */
    public synchronized LocalKafka start() {
        if (server != null) {
            return this;
        }
        keepKafkaFromExitingTheJvm();
        KafkaConfig config = new KafkaConfig(brokerConfig(), false);
        formatOnFirstStart();
        KafkaRaftServer starting = new KafkaRaftServer(config, Time.SYSTEM);
        try {
            starting.startup();
        } catch (RuntimeException e) {
            starting.shutdown();
            starting.awaitShutdown();
            throw e;
        }
        server = starting;
        return this;
    }

    /** Controlled shutdown; the next {@link #start()} comes back on the same ports with the same data. */
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        server.shutdown();
        server.awaitShutdown();
        server = null;
    }

    @Override
    public void close() {
        stop();
    }

    /** Stops the broker if needed and deletes all topics and offsets; the next start formats afresh. */
    public synchronized void reset() {
        stop();
        Directories.deleteRecursively(logDirectory);
    }

    public synchronized boolean isRunning() {
        return server != null;
    }

    public String bootstrapServers() {
        return HOST + ":" + brokerPort;
    }

    private Map<String, String> brokerConfig() {
        Map<String, String> config = new HashMap<>();
        config.put("process.roles", "broker,controller");
        config.put("node.id", String.valueOf(NODE_ID));
        config.put("controller.quorum.voters", NODE_ID + "@" + HOST + ":" + controllerPort);
        config.put("listeners", "PLAINTEXT://" + HOST + ":" + brokerPort + "," + CONTROLLER_LISTENER + "://" + HOST + ":" + controllerPort);
        config.put("advertised.listeners", "PLAINTEXT://" + HOST + ":" + brokerPort);
        config.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        config.put("controller.listener.names", CONTROLLER_LISTENER);
        config.put("inter.broker.listener.name", "PLAINTEXT");
        config.put("log.dirs", logDirectory.toString());
        // One node: every replicated internal topic must make do with one replica.
        config.put("default.replication.factor", "1");
        config.put("min.insync.replicas", "1");
        config.put("offsets.topic.replication.factor", "1");
        config.put("transaction.state.log.replication.factor", "1");
        config.put("transaction.state.log.min.isr", "1");
        config.put("share.coordinator.state.topic.replication.factor", "1");
        config.put("share.coordinator.state.topic.min.isr", "1");
        // Fast start and fast first consumer: few internal partitions, no rebalance grace period.
        config.put("offsets.topic.num.partitions", "1");
        config.put("transaction.state.log.num.partitions", "1");
        config.put("group.initial.rebalance.delay.ms", "0");
        config.put("auto.create.topics.enable", "true");
        // The default 128 MiB compaction buffer would take a good share of a test JVM's heap.
        config.put("log.cleaner.dedupe.buffer.size", String.valueOf(8 * 1024 * 1024));
        return config;
    }

    /** Formats through the storage tool's API (its main would call System.exit). */
    private void formatOnFirstStart() {
        if (Files.exists(logDirectory.resolve("meta.properties"))) {
            return;
        }
        try {
            Files.createDirectories(logDirectory);
            new Formatter()
                    .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                    .setNodeId(NODE_ID)
                    .setClusterId(Uuid.randomUuid().toString())
                    .setControllerListenerName(CONTROLLER_LISTENER)
                    .setMetadataLogDirectory(logDirectory.toString())
                    .addDirectory(logDirectory.toString())
                    .run();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create Kafka log directory " + logDirectory, e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot format Kafka log directory " + logDirectory, e);
        }
    }

    /**
     * On a fatal fault the broker calls Exit.exit/halt, which would take the whole host JVM (a test
     * run, the launcher) with it. Here the faulting thread throws instead, and the error is logged.
     */
    private static void keepKafkaFromExitingTheJvm() {
        Exit.Procedure refuse = (statusCode, message) -> {
            log.error("Embedded Kafka asked to terminate the JVM (status {}): {}", statusCode, message);
            throw new IllegalStateException("embedded Kafka requested JVM exit: " + message);
        };
        Exit.setExitProcedure(refuse);
        Exit.setHaltProcedure(refuse);
    }
}
