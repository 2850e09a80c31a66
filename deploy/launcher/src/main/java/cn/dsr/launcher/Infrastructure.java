package cn.dsr.launcher;

import cn.dsr.infra.KafkaBroker;
import cn.dsr.infra.KafkaProcess;
import cn.dsr.infra.LocalPostgres;
import cn.dsr.infra.ServiceDatabase;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * PostgreSQL and Kafka for the stack: local servers with their data under {@code .local/}, or
 * external servers named by {@code DSR_DB_HOST} and {@code DSR_KAFKA_BOOTSTRAP}. The local broker
 * runs in a JVM of its own and PostgreSQL in its own processes, so either can crash alone.
 */
final class Infrastructure implements AutoCloseable {

    private final StackConfig config;
    private final Optional<LocalPostgres> postgres;
    private final Optional<KafkaProcess> kafka;
    private boolean closed;

    Infrastructure(StackConfig config) {
        this.config = config;
        this.postgres = config.setting("DSR_DB_HOST").isPresent() ? Optional.empty()
                : Optional.of(new LocalPostgres(config.dataDirectory().resolve("pg"), config.postgresPort(),
                        config.dataDirectory().resolve("pg-bin")));
        this.kafka = config.setting("DSR_KAFKA_BOOTSTRAP").isPresent() ? Optional.empty()
                : Optional.of(new KafkaProcess(config.dataDirectory().resolve("kafka"), config.kafkaPort(),
                        config.kafkaControllerPort(), config.logDirectory().resolve("kafka.log"), brokerMain()));
    }

    /** Wipes the embedded servers' data (not that of external servers). */
    void reset() {
        postgres.ifPresent(LocalPostgres::reset);
        kafka.ifPresent(KafkaProcess::reset);
    }

    /**
     * Starts the embedded servers side by side. Synchronized with {@link #close()}: once closed (a
     * Ctrl-C during start-up), nothing starts any more, so no server outlives the launcher.
     */
    synchronized void start() {
        if (closed) {
            throw new IllegalStateException("stopping");
        }
        try {
            CompletableFuture.allOf(
                    CompletableFuture.runAsync(() -> postgres.ifPresent(LocalPostgres::start)),
                    CompletableFuture.runAsync(() -> kafka.ifPresent(KafkaProcess::start))).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    /** Stops the local broker, keeping its data: a fault the system tests inject. */
    void stopKafka() {
        localKafka().stop();
    }

    /** SIGKILL to the local broker: a crash, no controlled shutdown. */
    void killKafka() {
        localKafka().kill9();
    }

    void startKafka() {
        localKafka().start();
    }

    /** {@code pg_ctl stop -m immediate} on the local server: a crash, recovered from the WAL on the next start. */
    void stopPostgresImmediately() {
        localPostgres().stopImmediately();
    }

    void startPostgres() {
        localPostgres().start();
    }

    private KafkaProcess localKafka() {
        return kafka.orElseThrow(() -> new IllegalStateException("Kafka is external"));
    }

    private LocalPostgres localPostgres() {
        return postgres.orElseThrow(() -> new IllegalStateException("PostgreSQL is external"));
    }

    /**
     * How to run the broker's main: from this JVM's class path, or, when this is the repackaged
     * launcher.jar (whose nested jars a plain class path cannot name), through that jar's
     * PropertiesLauncher, which takes the main class from {@code loader.main}.
     */
    private static List<String> brokerMain() {
        if ("file".equals(LocalStack.class.getProtectionDomain().getCodeSource().getLocation().getProtocol())) {
            return KafkaProcess.onThisClasspath();
        }
        return List.of("-Dloader.main=" + KafkaBroker.class.getName(), "-cp", System.getProperty("java.class.path"),
                "org.springframework.boot.loader.launch.PropertiesLauncher");
    }

    ServiceDatabase database(String name) {
        if (postgres.isPresent()) {
            return postgres.get().createServiceDatabase(name);
        }
        String host = config.setting("DSR_DB_HOST").orElseThrow();
        int port = Integer.parseInt(config.setting("DSR_DB_PORT").orElse("5432"));
        try (Connection admin = DriverManager.getConnection("jdbc:postgresql://" + host + ":" + port + "/postgres",
                config.setting("DSR_DB_ADMIN_USER").orElse("postgres"),
                config.setting("DSR_DB_ADMIN_PASSWORD").orElse(""))) {
            return ServiceDatabase.create(admin, host, port, name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name + " on " + host + ":" + port, e);
        }
    }

    /** The local broker's process, while it runs; empty if Kafka is external. */
    Optional<Long> kafkaPid() {
        return kafka.flatMap(KafkaProcess::pid);
    }

    String kafkaBootstrap() {
        return kafka.map(KafkaProcess::bootstrapServers).orElseGet(() -> config.setting("DSR_KAFKA_BOOTSTRAP").orElseThrow());
    }

    String postgresAddress() {
        return postgres.map(pg -> pg.host() + ":" + pg.port() + " (embedded, data in .local/pg)")
                .orElseGet(() -> config.setting("DSR_DB_HOST").orElseThrow() + ":" + config.setting("DSR_DB_PORT").orElse("5432") + " (external)");
    }

    String kafkaAddress() {
        return kafkaBootstrap() + (kafka.isPresent() ? " (own JVM, data in .local/kafka)" : " (external)");
    }

    /** Kafka first: its clients are gone by now, and PostgreSQL gets a clean fast shutdown. */
    @Override
    public synchronized void close() {
        closed = true;
        try {
            kafka.ifPresent(KafkaProcess::stop);
        } finally {
            postgres.ifPresent(LocalPostgres::stop);
        }
    }
}
