package cn.dsr.stack.client;

import cn.dsr.infra.ServiceDatabase;
import cn.dsr.issuer.client.DemoLogin;
import cn.dsr.launcher.LocalStack;
import cn.dsr.launcher.StackConfig;
import cn.dsr.launcher.Suite;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;

/**
 * The whole suite as separate processes, started once per test JVM from the packaged jars, with
 * its own data under the test module's {@code target/stack} so a developer's {@code .local/} is kept.
 * The ports are the standard ones, so one whole-stack test module runs at a time.
 */
public final class Stack {

    private static LocalStack stack;

    private Stack() {}

    public static synchronized LocalStack get() {
        if (stack == null) {
            Path root = Path.of(System.getProperty("dsr.home", "..")).toAbsolutePath().normalize();
            StackConfig config = StackConfig.standard(Path.of("target/stack"), Map.of())
                    .withReset(true)
                    .withHealthTimeout(Duration.ofSeconds(240));
            stack = LocalStack.start(config, Suite.standard().builtIn(root));
            Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "system-test-stack"));
            ComingYearCalendar.cover(as("city.coord")).ifPresent(System.out::println);
        }
        return stack;
    }

    public static Api as(String user) {
        LocalStack s = get();
        return new Api(gateway(), DemoLogin.accessToken(URI.create(s.issuerUri()), user, "demo"));
    }

    public static Api anonymous() {
        get();
        return new Api(gateway(), null);
    }

    public static String gateway() {
        return get().processes().stream().filter(p -> p.spec().name().equals("gateway")).findFirst().orElseThrow().spec().url();
    }

    /**
     * One statement run in a service's database as the role the running service connects as, as
     * someone holding its credentials could: how tests prove what that role may not do.
     */
    public static int executeAsService(String database, String sql) throws SQLException {
        ServiceDatabase db = get().database(database);
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.appUser(), db.appPassword()); Statement st = c.createStatement()) {
            return st.executeUpdate(sql);
        }
    }

    /** A count in a service's own database, read as its owner (beneath row-level security). */
    public static long count(String database, String sql) {
        return get().database(database).countAsOwner(sql);
    }
}
