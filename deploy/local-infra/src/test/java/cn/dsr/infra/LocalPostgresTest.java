package cn.dsr.infra;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LocalPostgresTest {

    private static final Path TARGET = Path.of("target");
    private static LocalPostgres postgres;

    @BeforeAll
    static void start() {
        postgres = new LocalPostgres(TARGET.resolve("pg-" + UUID.randomUUID()), FreePort.pick(), TARGET.resolve("pg-bin"));
        long started = System.nanoTime();
        postgres.start();
        System.out.printf("PostgreSQL first start (unpack + initdb + start): %d ms%n", (System.nanoTime() - started) / 1_000_000);
    }

    @AfterAll
    static void stop() {
        postgres.reset();
    }

    @Test
    void serviceDatabaseSeparatesOwnerFromAppRoleAndSurvivesARestart() throws SQLException {
        ServiceDatabase roster = postgres.createServiceDatabase("roster");
        assertThat(postgres.createServiceDatabase("roster")).isEqualTo(roster);
        assertThat(roster.jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:" + postgres.port() + "/roster");
        assertThat(roster.r2dbcUrl()).isEqualTo("r2dbc:postgresql://127.0.0.1:" + postgres.port() + "/roster");

        try (Connection owner = DriverManager.getConnection(roster.jdbcUrl(), roster.ownerUser(), roster.ownerPassword());
             Statement sql = owner.createStatement()) {
            sql.execute("CREATE TABLE entity (id int PRIMARY KEY, name text NOT NULL)");
            sql.execute("GRANT SELECT, INSERT ON entity TO " + roster.appUser());
        }
        try (Connection app = DriverManager.getConnection(roster.jdbcUrl(), roster.appUser(), roster.appPassword());
             Statement sql = app.createStatement()) {
            sql.execute("INSERT INTO entity VALUES (1, '某某化工有限公司')");
            assertThat(scalar(sql, "SELECT rolsuper OR rolbypassrls FROM pg_roles WHERE rolname = current_user")).isEqualTo("f");
            assertThatThrownBy(() -> sql.execute("CREATE TABLE sneaky (id int)")).isInstanceOf(SQLException.class);
        }

        long stopped = System.nanoTime();
        postgres.stop();
        postgres.start();
        System.out.printf("PostgreSQL restart on existing data: %d ms%n", (System.nanoTime() - stopped) / 1_000_000);

        try (Connection app = DriverManager.getConnection(roster.jdbcUrl(), roster.appUser(), roster.appPassword());
             Statement sql = app.createStatement()) {
            assertThat(scalar(sql, "SELECT name FROM entity WHERE id = 1")).isEqualTo("某某化工有限公司");
        }
    }

    @Test
    void committedRowsSurviveAnImmediateStopAndOpenSessionsAreCut() throws SQLException {
        ServiceDatabase inspection = postgres.createServiceDatabase("inspection");
        try (Connection owner = DriverManager.getConnection(inspection.jdbcUrl(), inspection.ownerUser(), inspection.ownerPassword());
             Statement sql = owner.createStatement()) {
            sql.execute("CREATE TABLE inspection_record (id int PRIMARY KEY)");
            sql.execute("INSERT INTO inspection_record SELECT generate_series(1, 1000)");
            owner.setAutoCommit(false);
            sql.execute("INSERT INTO inspection_record VALUES (1001)");

            long stopped = System.nanoTime();
            postgres.stopImmediately();
            assertThat(postgres.isRunning()).isFalse();
            assertThatThrownBy(owner::commit).isInstanceOf(SQLException.class);
            postgres.start();
            System.out.printf("PostgreSQL immediate stop and restart with crash recovery: %d ms%n", (System.nanoTime() - stopped) / 1_000_000);
        }
        try (Connection owner = DriverManager.getConnection(inspection.jdbcUrl(), inspection.ownerUser(), inspection.ownerPassword());
             Statement sql = owner.createStatement()) {
            assertThat(scalar(sql, "SELECT count(*) FROM inspection_record")).isEqualTo("1000");
        }
    }

    @Test
    void appRoleCannotConnectToAnotherServiceDatabaseNorWithAWrongPassword() {
        ServiceDatabase draw = postgres.createServiceDatabase("draw");
        ServiceDatabase inspection = postgres.createServiceDatabase("inspection");

        assertThatThrownBy(() -> DriverManager.getConnection(inspection.jdbcUrl(), draw.appUser(), draw.appPassword()).close())
                .isInstanceOf(SQLException.class);
        assertThatThrownBy(() -> DriverManager.getConnection(draw.jdbcUrl(), draw.appUser(), "wrong").close())
                .isInstanceOf(SQLException.class);
    }

    @Test
    void refusesNamesThatAreNotPlainIdentifiers() {
        assertThatThrownBy(() -> postgres.createServiceDatabase("x; DROP DATABASE postgres"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static String scalar(Statement sql, String query) throws SQLException {
        try (ResultSet rows = sql.executeQuery(query)) {
            rows.next();
            return rows.getString(1);
        }
    }
}
