package cn.dsr.infra;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A service's own database with its two roles: the owner runs the migrations, the app role is what
 * the running service connects as (no superuser, no BYPASSRLS, so row-level security applies to it).
 */
public record ServiceDatabase(String host, int port, String name,
                              String ownerUser, String ownerPassword,
                              String appUser, String appPassword) {

    /** Lower-case identifiers only, short enough for the "_owner" suffix within PostgreSQL's 63 bytes. */
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,56}");

    /** Someone else created the same role or database between our check and our CREATE. */
    private static final Set<String> ALREADY_CREATED = Set.of("42710", "42P04");

    public ServiceDatabase {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(ownerUser, "ownerUser");
        Objects.requireNonNull(appUser, "appUser");
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + name;
    }

    public String r2dbcUrl() {
        return "r2dbc:postgresql://" + host + ":" + port + "/" + name;
    }

    /**
     * One number from a query run as the owner, beneath row-level security: how tests and fault
     * checks count what a service really stored.
     */
    public long countAsOwner(String sql) {
        try (Connection c = java.sql.DriverManager.getConnection(jdbcUrl(), ownerUser, ownerPassword);
             Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot run " + sql + " on " + name, e);
        }
    }

    /**
     * Idempotently creates roles {@code <name>_owner} and {@code <name>_app} (password = role name) and
     * database {@code <name>} owned by the owner role, connectable only by those two. Works on any
     * superuser connection (embedded, container or external server); {@code host} and {@code port} are
     * what the services should use to reach that server. Leaves the connection in auto-commit mode,
     * since CREATE DATABASE cannot run inside a transaction.
     */
    public static ServiceDatabase create(Connection superuser, String host, int port, String name) throws SQLException {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("database name must match " + NAME + ": " + name);
        }
        ServiceDatabase db = new ServiceDatabase(host, port, name,
                name + "_owner", name + "_owner", name + "_app", name + "_app");
        superuser.setAutoCommit(true);
        ensureRole(superuser, db.ownerUser, "LOGIN PASSWORD '" + db.ownerPassword + "'");
        ensureRole(superuser, db.appUser, "LOGIN PASSWORD '" + db.appPassword + "' NOSUPERUSER NOBYPASSRLS");
        if (!exists(superuser, "SELECT 1 FROM pg_database WHERE datname = ?", name)) {
            execute(superuser, "CREATE DATABASE " + name + " OWNER " + db.ownerUser + " ENCODING 'UTF8'");
        }
        // Only the service's own roles may connect: no service reads another's database.
        execute(superuser, "REVOKE ALL ON DATABASE " + name + " FROM PUBLIC");
        execute(superuser, "GRANT CONNECT ON DATABASE " + name + " TO " + db.appUser);
        return db;
    }

    private static void ensureRole(Connection superuser, String role, String options) throws SQLException {
        if (exists(superuser, "SELECT 1 FROM pg_roles WHERE rolname = ?", role)) {
            // Re-applied so a role left over from an earlier run has the expected password and rights.
            execute(superuser, "ALTER ROLE " + role + " " + options);
        } else {
            execute(superuser, "CREATE ROLE " + role + " " + options);
        }
    }

    private static boolean exists(Connection connection, String query, String value) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(query)) {
            statement.setString(1, value);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next();
            }
        }
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            if (!ALREADY_CREATED.contains(e.getSQLState())) {
                throw e;
            }
        }
    }
}
