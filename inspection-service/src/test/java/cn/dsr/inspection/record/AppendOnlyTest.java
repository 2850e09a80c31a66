package cn.dsr.inspection.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.dsr.inspection.ServiceTest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class AppendOnlyTest extends ServiceTest {

    static final String XIHUA = "411622";

    /** Runs one statement as the service's own role, seeing Xihua's rows, as the service does. */
    static void asService(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.appUser(), db.appPassword()); Statement st = c.createStatement()) {
            c.setAutoCommit(false);
            st.execute("SELECT set_config('app.tenant', '" + XIHUA + "', true)");
            st.executeUpdate(sql);
            c.commit();
        }
    }

    static void asOwner(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.ownerUser(), db.ownerPassword()); Statement st = c.createStatement()) {
            st.executeUpdate(sql);
        }
    }

    @Test
    void a_submitted_record_cannot_be_updated_or_deleted_by_the_service_nor_by_the_tables_owner() {
        Team team = drawnVisit(XIHUA);
        submit(inspector(XIHUA, team.zhang()), team.taskId(), id("K"), FieldRecords.noProblem(LocalDate.parse("2026-11-19"), team.zhang(), team.li()))
                .expectStatus().isCreated();
        String where = " WHERE task_id = '" + team.taskId() + "'";

        assertThatThrownBy(() -> asService("UPDATE inspection_record SET conclusion = 'CASE_OPENED'" + where))
                .isInstanceOf(SQLException.class).hasMessageContaining("permission denied");
        assertThatThrownBy(() -> asService("DELETE FROM inspection_record" + where))
                .isInstanceOf(SQLException.class).hasMessageContaining("permission denied");
        assertThatThrownBy(() -> asOwner("UPDATE inspection_record SET conclusion = 'CASE_OPENED'" + where))
                .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
        assertThatThrownBy(() -> asOwner("DELETE FROM inspection_record" + where))
                .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
        assertThatThrownBy(() -> asOwner("TRUNCATE inspection_record CASCADE"))
                .isInstanceOf(SQLException.class).hasMessageContaining("append-only");

        assertThat(count("SELECT count(*) FROM inspection_record" + where + " AND conclusion = 'NO_PROBLEM'")).isEqualTo(1);
    }

    @Test
    void evidence_corrections_rectifications_and_follow_up_are_append_only_too() {
        for (String table : java.util.List.of("evidence", "evidence_content", "correction_request", "correction_decision",
                "rectification", "rectification_step", "follow_up", "submission_key", "calendar_change")) {
            assertThat(count("""
                    SELECT count(*) FROM information_schema.role_table_grants
                     WHERE table_name = '%s' AND grantee = '%s' AND privilege_type IN ('UPDATE', 'DELETE', 'TRUNCATE')"""
                    .formatted(table, db.appUser()))).as("%s grants no UPDATE/DELETE", table).isZero();
            assertThat(count("SELECT count(*) FROM pg_trigger WHERE tgname = 'append_only' AND tgrelid = '" + table + "'::regclass"))
                    .as("%s refuses changes by trigger", table).isEqualTo(1);
        }
    }

    @Test
    void every_tenant_table_is_under_row_level_security() {
        assertThat(count("""
                SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                 WHERE n.nspname = 'public' AND c.relkind = 'r' AND NOT c.relrowsecurity
                   AND EXISTS (SELECT 1 FROM information_schema.columns k WHERE k.table_name = c.relname AND k.column_name = 'tenant')
                   AND c.relname NOT IN ('outbox')""")).isZero();
    }
}
