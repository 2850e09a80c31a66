package cn.dsr.launcher;

import cn.dsr.infra.LocalKafka;
import cn.dsr.infra.LocalPostgres;
import cn.dsr.infra.ServiceDatabase;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * PostgreSQL and Kafka for the stack: embedded in this JVM under {@code .local/}, or external
 * servers named by {@code DSR_DB_HOST} and {@code DSR_KAFKA_BOOTSTRAP}.
 */
final class Infrastructure implements AutoCloseable {

    private final StackConfig config;
    private final Optional<LocalPostgres> postgres;
    private final Optional<LocalKafka> kafka;
    private boolean closed;

    Infrastructure(StackConfig config) {
        this.config = config;
        this.postgres = config.setting("DSR_DB_HOST").isPresent() ? Optional.empty()
                : Optional.of(new LocalPostgres(config.dataDirectory().resolve("pg"), config.postgresPort(),
                        config.dataDirectory().resolve("pg-bin")));
        this.kafka = config.setting("DSR_KAFKA_BOOTSTRAP").isPresent() ? Optional.empty()
                : Optional.of(new LocalKafka(config.dataDirectory().resolve("kafka"), config.kafkaPort(),
                        config.kafkaControllerPort()));
    }

    /** Wipes the embedded servers' data (not that of external servers). */
    void reset() {
        postgres.ifPresent(LocalPostgres::reset);
        kafka.ifPresent(LocalKafka::reset);
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
                    CompletableFuture.runAsync(() -> kafka.ifPresent(LocalKafka::start))).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    /** Stops the embedded broker, keeping its data: a fault the system tests inject. */
    void stopKafka() {
        kafka.orElseThrow(() -> new IllegalStateException("Kafka is external")).stop();
    }

    void startKafka() {
        kafka.orElseThrow(() -> new IllegalStateException("Kafka is external")).start();
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

    String kafkaBootstrap() {
        return kafka.map(LocalKafka::bootstrapServers).orElseGet(() -> config.setting("DSR_KAFKA_BOOTSTRAP").orElseThrow());
    }

    String postgresAddress() {
        return postgres.map(pg -> pg.host() + ":" + pg.port() + " (embedded, data in .local/pg)")
                .orElseGet(() -> config.setting("DSR_DB_HOST").orElseThrow() + ":" + config.setting("DSR_DB_PORT").orElse("5432") + " (external)");
    }

    String kafkaAddress() {
        return kafkaBootstrap() + (kafka.isPresent() ? " (embedded, data in .local/kafka)" : " (external)");
    }

    /** Kafka first: its clients are gone by now, and PostgreSQL gets a clean fast shutdown. */
    @Override
    public synchronized void close() {
        closed = true;
        try {
            kafka.ifPresent(LocalKafka::stop);
        } finally {
            postgres.ifPresent(LocalPostgres::stop);
        }
    }
}
