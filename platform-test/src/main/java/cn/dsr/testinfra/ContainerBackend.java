package cn.dsr.testinfra;

import cn.dsr.infra.ServiceDatabase;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * {@code postgres:17} and {@code apache/kafka} containers. Host ports are fixed before the first
 * start so that stopping and starting a container (docker stop/start keeps its file system, hence
 * its data) brings it back on the same address.
 */
final class ContainerBackend implements Backend {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final PostgreSQLContainer postgres;
    private final KafkaContainer kafka;
    private final int postgresPort = FreePorts.pick();
    private final String kafkaBootstrap;

    ContainerBackend() {
        postgres = new PostgreSQLContainer("postgres:17")
                .withCommand("postgres", "-c", "max_connections=300", "-c", "fsync=off");
        postgres.setPortBindings(List.of(postgresPort + ":" + PostgreSQLContainer.POSTGRESQL_PORT));
        int kafkaPort = FreePorts.pick();
        kafka = new KafkaContainer("apache/kafka:4.1.2");
        kafka.setPortBindings(List.of(kafkaPort + ":9092"));
        CompletableFuture.allOf(
                CompletableFuture.runAsync(postgres::start),
                CompletableFuture.runAsync(kafka::start)).join();
        kafkaBootstrap = kafka.getBootstrapServers();
    }

    @Override
    public ServiceDatabase createDatabase(String name) {
        try (Connection superuser = superuserConnection()) {
            return ServiceDatabase.create(superuser, postgres.getHost(), postgresPort, name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create service database " + name, e);
        }
    }

    @Override
    public String kafkaBootstrap() {
        return kafkaBootstrap;
    }

    @Override
    public void stopKafka() {
        stop(kafka);
    }

    @Override
    public void startKafka() {
        start(kafka);
        await("Kafka at " + kafkaBootstrap, this::kafkaAnswers);
    }

    @Override
    public void stopPostgres() {
        stop(postgres);
    }

    @Override
    public void startPostgres() {
        start(postgres);
        await("PostgreSQL on port " + postgresPort, this::postgresAnswers);
    }

    @Override
    public void shutdown() {
        try {
            kafka.stop();
        } finally {
            postgres.stop();
        }
    }

    private Connection superuserConnection() throws SQLException {
        return DriverManager.getConnection(postgres.getJdbcUrl(), postgres.getUsername(), postgres.getPassword());
    }

    private boolean postgresAnswers() {
        try (Connection ignored = superuserConnection()) {
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    private boolean kafkaAnswers() {
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafkaBootstrap,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 2000,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000))) {
            return !admin.describeCluster().nodes().get(2, TimeUnit.SECONDS).isEmpty();
        } catch (Exception e) {
            return false;
        }
    }

    private static void stop(GenericContainer<?> container) {
        container.getDockerClient().stopContainerCmd(container.getContainerId()).exec();
    }

    private static void start(GenericContainer<?> container) {
        container.getDockerClient().startContainerCmd(container.getContainerId()).exec();
    }

    private static void await(String what, BooleanSupplier ready) {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (!ready.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(what + " not ready after " + READY_TIMEOUT);
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + what, e);
            }
        }
    }
}
