package cn.dsr.disclosure.pool;

import static org.assertj.core.api.Assertions.assertThat;

import cn.dsr.disclosure.ServiceTest;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.Wrapped;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import reactor.core.publisher.Mono;

/**
 * The connection pool as every service configures it (the platform's shared defaults,
 * dsr-platform.yml): handing out a pooled connection costs the database nothing.
 */
class ConnectionPoolTest extends ServiceTest {

    @Autowired
    ConnectionFactory connections;

    @Test
    void a_pooled_connection_is_handed_out_again_without_a_statement_sent_to_the_database() throws SQLException {
        String marked = "SELECT pg_backend_pid() /* " + UUID.randomUUID() + " */";
        Connection first = Mono.from(connections.create()).block();
        Object backend = unwrapped(first);
        int pid = Mono.from(first.createStatement(marked).execute()).flatMap(r -> Mono.from(r.map(row -> row.get(0, Integer.class)))).block();
        Mono.from(first.close()).block();

        // the pool hands out its most recently used idle connection first
        Connection again = Mono.from(connections.create()).block();
        try {
            assertThat(unwrapped(again)).as("the same database session, handed out again").isSameAs(backend);
            assertThat(lastStatementOf(pid)).as("the last statement that session ran").isEqualTo(marked);
        } finally {
            Mono.from(again.close()).block();
        }
    }

    private static Object unwrapped(Connection pooled) {
        return ((Wrapped<?>) pooled).unwrap();
    }

    /** Read as the same role: PostgreSQL shows a session's statement to its own role. */
    private static String lastStatementOf(int pid) throws SQLException {
        try (var session = DriverManager.getConnection(db.jdbcUrl(), db.appUser(), db.appPassword());
             PreparedStatement st = session.prepareStatement("SELECT query FROM pg_stat_activity WHERE pid = ?")) {
            st.setInt(1, pid);
            try (ResultSet rs = st.executeQuery()) {
                assertThat(rs.next()).as("session %d is still open", pid).isTrue();
                return rs.getString(1);
            }
        }
    }
}
