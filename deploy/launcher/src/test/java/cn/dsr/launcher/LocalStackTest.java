package cn.dsr.launcher;

import cn.dsr.infra.Directories;
import cn.dsr.infra.LocalKafka;
import cn.dsr.infra.LocalPostgres;
import cn.dsr.infra.ServiceDatabase;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LocalStackTest {

    private static final Path HOME = Path.of("target", "local-stack-test-" + UUID.randomUUID()).toAbsolutePath();
    private static Suite suite;
    private static StackConfig config;

    @BeforeAll
    static void fakeSuite() throws Exception {
        FakeJar.write(HOME.resolve("fake.jar"));
        ServiceSpec roster = new ServiceSpec("roster-service", Path.of("fake.jar"), FakeJar.freePort(), Optional.of("roster"), Map.of());
        ServiceSpec draw = new ServiceSpec("draw-service", Path.of("fake.jar"), FakeJar.freePort(), Optional.of("draw"), Map.of());
        ServiceSpec gateway = new ServiceSpec("gateway", Path.of("fake.jar"), FakeJar.freePort(), Optional.empty(),
                Map.of("DSR_ROSTER_URI", roster.url(), "DSR_DRAW_URI", draw.url()));
        ServiceSpec issuer = new ServiceSpec("oidc-issuer", Path.of("fake.jar"), FakeJar.freePort(), Optional.empty(),
                Map.of("DSR_ISSUER_KEY_FILE", ".local/issuer/jwk.json"));
        suite = new Suite(issuer, List.of(roster, draw, gateway));
        config = StackConfig.standard(HOME, Map.of())
                .withPorts(FakeJar.freePort(), FakeJar.freePort(), FakeJar.freePort())
                .withHealthTimeout(Duration.ofSeconds(60));
    }

    @AfterAll
    static void cleanUp() {
        Directories.deleteRecursively(HOME);
    }

    @Test
    void runsTheSuiteKeepsDataAcrossRunsAndResetWipesIt() throws Exception {
        long started = System.nanoTime();
        try (LocalStack stack = LocalStack.start(config, suite)) {
            System.out.printf("Fake stack healthy in %d ms%n", (System.nanoTime() - started) / 1_000_000);
            assertThat(stack.processes()).extracting(p -> p.spec().name())
                    .containsExactly("oidc-issuer", "roster-service", "draw-service", "gateway");
            assertThat(stack.processes()).allMatch(ServiceProcess::isHealthy);

            ServiceDatabase roster = stack.database("roster");
            assertThat(stack.service("roster-service").logTail(30)).contains(
                    "env DSR_DB_NAME=roster",
                    "env DSR_DB_USER=roster_app",
                    "env DSR_DB_OWNER=roster_owner",
                    "env DSR_DB_PORT=" + config.postgresPort(),
                    "env DSR_KAFKA_BOOTSTRAP=" + stack.kafkaBootstrap(),
                    "env DSR_ISSUER_URI=http://localhost:9000",
                    "env SERVER_PORT=" + suite.service("roster-service").port());
            assertThat(stack.service("gateway").logTail(30)).contains("env DSR_ROSTER_URI=" + suite.service("roster-service").url());
            assertThat(stack.service("oidc-issuer").logTail(30)).contains("env DSR_ISSUER_KEY_FILE=.local/issuer/jwk.json");
            try (Connection owner = DriverManager.getConnection(roster.jdbcUrl(), roster.ownerUser(), roster.ownerPassword());
                 Statement sql = owner.createStatement()) {
                sql.execute("CREATE TABLE survivor (id int)");
            }
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap()))) {
                assertThat(admin.describeCluster().nodes().get(10, TimeUnit.SECONDS)).hasSize(1);
            }
            assertThat(stack.summary()).contains("Swagger UI", "/swagger-ui.html", "xh.inspector1", "deploy/token <user>", ".local/logs/<name>.log");

            stack.service("draw-service").kill9();
            stack.service("draw-service").start().waitHealthy(Duration.ofSeconds(30));
        }
        assertThatThrownBy(() -> DriverManager.getConnection(jdbcUrl("roster"), "roster_owner", "roster_owner").close())
                .isInstanceOf(SQLException.class);

        try (LocalStack again = LocalStack.start(config, suite)) {
            assertThat(tableExists(again.database("roster"), "survivor")).isTrue();
        }
        try (LocalStack fresh = LocalStack.start(config.withReset(true), suite)) {
            assertThat(tableExists(fresh.database("roster"), "survivor")).isFalse();
            assertThat(fresh.processes()).allMatch(ServiceProcess::isAlive);
            fresh.close();
            assertThat(fresh.processes()).noneMatch(ServiceProcess::isAlive);
        }
    }

    @Test
    void theBrokerAndPostgresCanCrashAloneAndComeBackWithTheirData() throws Exception {
        try (LocalStack stack = LocalStack.start(config.withReset(true), suite)) {
            ServiceDatabase roster = stack.database("roster");
            try (Connection owner = DriverManager.getConnection(roster.jdbcUrl(), roster.ownerUser(), roster.ownerPassword());
                 Statement sql = owner.createStatement()) {
                sql.execute("CREATE TABLE acknowledged (id int)");
                sql.execute("INSERT INTO acknowledged VALUES (1)");
            }
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap()))) {
                admin.createTopics(List.of(new NewTopic("roster.org-units.v1", 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
            }

            long broker = stack.kafkaPid().orElseThrow();
            assertThat(ProcessHandle.of(broker)).isPresent();
            long killed = System.nanoTime();
            stack.killKafka();
            assertThat(accepts(config.kafkaPort())).isFalse();
            assertThat(stack.kafkaPid()).isEmpty();
            stack.startKafka();
            assertThat(stack.kafkaPid()).isPresent().get().isNotEqualTo(broker);
            System.out.printf("Broker kill -9 and restart: %d ms%n", (System.nanoTime() - killed) / 1_000_000);
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap()))) {
                assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).contains("roster.org-units.v1");
            }

            long stopped = System.nanoTime();
            stack.stopPostgresImmediately();
            assertThatThrownBy(() -> DriverManager.getConnection(roster.jdbcUrl(), roster.ownerUser(), roster.ownerPassword()).close())
                    .isInstanceOf(SQLException.class);
            stack.startPostgres();
            System.out.printf("PostgreSQL immediate stop and restart: %d ms%n", (System.nanoTime() - stopped) / 1_000_000);
            assertThat(roster.countAsOwner("SELECT count(*) FROM acknowledged")).isEqualTo(1);
            assertThat(stack.processes()).allMatch(ServiceProcess::isAlive);
        }
        assertThat(accepts(config.kafkaPort())).isFalse();
    }

    @Test
    void aServiceThatCannotStartStopsEverythingAndNamesIt() {
        ServiceSpec broken = new ServiceSpec("inspection-service", Path.of("fake.jar"), suite.service("gateway").port(),
                Optional.empty(), Map.of("FAKE_BEHAVIOUR", "exit"));
        Suite brokenSuite = new Suite(suite.issuer(), List.of(broken));

        assertThatThrownBy(() -> LocalStack.start(config, brokenSuite))
                .isInstanceOf(ServiceFailure.class)
                .hasMessageContaining("inspection-service exited with code 3")
                .hasMessageContaining("failing on purpose");
        assertThatThrownBy(() -> DriverManager.getConnection(jdbcUrl("postgres"), "postgres", "postgres").close())
                .isInstanceOf(SQLException.class);
    }

    @Test
    void externalInfrastructureReplacesTheEmbeddedServersAndTheIssuer() throws Exception {
        Path external = HOME.resolve("external");
        try (LocalPostgres postgres = new LocalPostgres(external.resolve("pg"), FakeJar.freePort(), HOME.resolve(".local/pg-bin")).start();
             LocalKafka kafka = new LocalKafka(external.resolve("kafka"), FakeJar.freePort(), FakeJar.freePort()).start()) {
            StackConfig externalConfig = StackConfig.standard(HOME, Map.of(
                            "DSR_DB_HOST", LocalPostgres.HOST,
                            "DSR_DB_PORT", Integer.toString(postgres.port()),
                            "DSR_DB_ADMIN_USER", LocalPostgres.SUPERUSER,
                            "DSR_DB_ADMIN_PASSWORD", LocalPostgres.SUPERUSER_PASSWORD,
                            "DSR_KAFKA_BOOTSTRAP", kafka.bootstrapServers(),
                            "DSR_ISSUER_URI", "http://issuer.example:9000"))
                    .withPorts(config.postgresPort(), config.kafkaPort(), config.kafkaControllerPort());
            Suite rosterOnly = new Suite(suite.issuer(), List.of(suite.service("roster-service")));

            try (LocalStack stack = LocalStack.start(externalConfig, rosterOnly)) {
                assertThat(stack.processes()).extracting(p -> p.spec().name()).containsExactly("roster-service");
                assertThat(stack.database("roster").port()).isEqualTo(postgres.port());
                assertThat(stack.service("roster-service").logTail(30)).contains(
                        "env DSR_DB_PORT=" + postgres.port(),
                        "env DSR_KAFKA_BOOTSTRAP=" + kafka.bootstrapServers(),
                        "env DSR_ISSUER_URI=http://issuer.example:9000");
                assertThat(stack.summary()).contains("(external)");
            }
            // The database was created on the external server: its app role can log in there.
            DriverManager.getConnection(postgres.jdbcUrl("roster"), "roster_app", "roster_app").close();
        }
    }

    @Test
    void missingJarsAreNamedBeforeAnythingStarts() {
        Suite unbuilt = new Suite(suite.issuer(), List.of(ServiceSpec.withDatabase("roster-service", "nowhere/roster.jar", 1, "roster")));

        assertThatThrownBy(() -> LocalStack.start(config, unbuilt))
                .hasMessageContaining("missing jars")
                .hasMessageContaining("nowhere/roster.jar");
    }

    @Test
    void withTheDemoFlagTheDemoQuartersJarIsNeededToo() {
        assertThat(new LocalStack(config, suite).missingJars()).isEmpty();
        assertThat(new LocalStack(config.withArguments("--demo"), suite).missingJars()).containsExactly(StackConfig.DEMO_JAR);
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(LocalKafka.HOST, port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + config.postgresPort() + "/" + database;
    }

    private static boolean tableExists(ServiceDatabase db, String table) throws SQLException {
        try (Connection owner = DriverManager.getConnection(db.jdbcUrl(), db.ownerUser(), db.ownerPassword());
             Statement sql = owner.createStatement();
             ResultSet rows = sql.executeQuery("SELECT to_regclass('" + table + "') IS NOT NULL")) {
            rows.next();
            return rows.getBoolean(1);
        }
    }
}
