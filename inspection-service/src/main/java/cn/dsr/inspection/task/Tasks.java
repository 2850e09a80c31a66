package cn.dsr.inspection.task;

import cn.dsr.inspection.task.Task.Entity;
import cn.dsr.inspection.task.Task.Joint;
import cn.dsr.inspection.task.Task.TeamMember;
import cn.dsr.inspection.task.Task.VisitItem;
import io.r2dbc.postgresql.codec.Json;
import io.r2dbc.spi.Readable;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/** The task tables, read and written inside the caller's tenant transaction. */
@Component
public class Tasks {

    private static final String SELECT = """
            SELECT t.*, coalesce((SELECT json_agg(json_build_object('inspectorId', m.inspector_id, 'name', m.name,
                                                                    'kind', m.kind, 'district', m.district)
                                                  ORDER BY m.joined_at, m.inspector_id)
                                    FROM task_member m WHERE m.task_id = t.task_id AND m.active), '[]'::json) AS team
              FROM task t""";

    private final JsonMapper json;

    public Tasks(JsonMapper json) {
        this.json = json;
    }

    /** Filters of a task listing; null means any. */
    public record Filter(TaskState state, Boolean random, String district) {}

    /** A member of a visit's team over time: who left it, when and why (执法人员调整, 001). */
    public record MemberHistory(String inspectorId, String name, String kind, String district, boolean active,
                                OffsetDateTime joinedAt, OffsetDateTime leftAt, String leftReason, String replacedBy) {}

    public Mono<Task> find(DatabaseClient db, String taskId, boolean forUpdate) {
        return db.sql(SELECT + " WHERE t.task_id = :id" + (forUpdate ? " FOR UPDATE OF t" : ""))
                .bind("id", taskId).map(this::read).one();
    }

    /** The tasks in the transaction's tenants; with inspector ids, only the teams' of those inspectors. */
    public Flux<Task> list(DatabaseClient db, Filter filter, Set<String> inspectorIds) {
        StringBuilder sql = new StringBuilder(SELECT).append(" WHERE true");
        if (filter.state() != null) sql.append(" AND t.state = :state");
        if (filter.random() != null) sql.append(" AND t.random = :random");
        if (filter.district() != null) sql.append(" AND t.tenant = :district");
        if (inspectorIds != null) {
            sql.append(" AND EXISTS (SELECT 1 FROM task_member m WHERE m.task_id = t.task_id AND m.inspector_id = ANY(:me) AND m.active)");
        }
        sql.append(" ORDER BY t.tenant, t.created_at, t.task_id");
        var spec = db.sql(sql.toString());
        if (filter.state() != null) spec = spec.bind("state", filter.state().name());
        if (filter.random() != null) spec = spec.bind("random", filter.random());
        if (filter.district() != null) spec = spec.bind("district", filter.district());
        if (inspectorIds != null) spec = spec.bind("me", inspectorIds.toArray(String[]::new));
        return spec.map(this::read).all();
    }

    /** Inserts a task unless it exists: a redelivered or replayed draw creates nothing twice. */
    public Mono<Boolean> insert(DatabaseClient db, Task task, String createdBy, String targetedNote) {
        Entity e = task.entity();
        var insert = db.sql("""
                        INSERT INTO task (task_id, tenant, draw_id, period, random, targeted_reason, targeted_note, entity_uscc,
                                          entity_name, entity_address, entity_district, entity_category, method, items, joint,
                                          state, inspection_date, created_by)
                        VALUES (:id, :tenant, :draw, :period, :random, :reason, :note, :uscc, :name, :address, :district,
                                :category, :method, :items, :joint, :state, :date, :by)
                        ON CONFLICT (task_id) DO NOTHING""")
                .bind("id", task.taskId()).bind("tenant", task.tenant()).bind("random", task.random())
                .bind("uscc", e.uscc()).bind("name", e.name()).bind("district", e.district())
                .bind("method", task.method().name()).bind("items", Json.of(json.writeValueAsBytes(task.items())))
                .bind("state", task.state().name()).bind("by", createdBy);
        insert = bind(insert, "draw", task.drawId(), String.class);
        insert = bind(insert, "period", task.period(), String.class);
        insert = bind(insert, "reason", task.targetedReason() == null ? null : task.targetedReason().name(), String.class);
        insert = bind(insert, "note", targetedNote, String.class);
        insert = bind(insert, "address", e.address(), String.class);
        insert = bind(insert, "category", e.category(), String.class);
        insert = bind(insert, "joint", task.joint() == null ? null : Json.of(json.writeValueAsBytes(task.joint())), Json.class);
        insert = bind(insert, "date", task.inspectionDate(), LocalDate.class);
        return insert.fetch().rowsUpdated().map(n -> n > 0);
    }

    /** Puts an inspector on a visit's team, or back on it. */
    public Mono<Void> addMember(DatabaseClient db, String taskId, String tenant, String homeTenant, TeamMember member) {
        var insert = db.sql("""
                        INSERT INTO task_member (task_id, inspector_id, name, kind, district, tenant, home_tenant)
                        VALUES (:task, :inspector, :name, :kind, :district, :tenant, :home)
                        ON CONFLICT (task_id, inspector_id) DO UPDATE SET active = true, left_at = NULL, left_reason = NULL,
                            replaced_by = NULL, name = EXCLUDED.name, kind = EXCLUDED.kind, district = EXCLUDED.district,
                            home_tenant = EXCLUDED.home_tenant, joined_at = now()
                        WHERE NOT task_member.active""")
                .bind("task", taskId).bind("inspector", member.inspectorId()).bind("name", member.name())
                .bind("kind", member.kind()).bind("tenant", tenant).bind("home", homeTenant);
        return bind(insert, "district", member.district(), String.class).then();
    }

    /** Takes an inspector off a visit's team; the membership stays on file with the reason. */
    public Mono<Void> removeMember(DatabaseClient db, String taskId, String inspectorId, String reason, String replacedBy) {
        return db.sql("""
                        UPDATE task_member SET active = false, left_at = now(), left_reason = :reason, replaced_by = :by
                         WHERE task_id = :task AND inspector_id = :inspector AND active""")
                .bind("task", taskId).bind("inspector", inspectorId).bind("reason", reason).bind("by", replacedBy)
                .then();
    }

    public Flux<MemberHistory> team(DatabaseClient db, String taskId) {
        return db.sql("SELECT * FROM task_member WHERE task_id = :task ORDER BY joined_at, inspector_id")
                .bind("task", taskId)
                .map(row -> new MemberHistory(row.get("inspector_id", String.class), row.get("name", String.class),
                        row.get("kind", String.class), row.get("district", String.class), Boolean.TRUE.equals(row.get("active", Boolean.class)),
                        row.get("joined_at", OffsetDateTime.class), row.get("left_at", OffsetDateTime.class),
                        row.get("left_reason", String.class), row.get("replaced_by", String.class)))
                .all();
    }

    public Mono<Void> moveTo(DatabaseClient db, String taskId, TaskState state, LocalDate inspectionDate) {
        var update = db.sql("UPDATE task SET state = :state, inspection_date = :date, updated_at = now() WHERE task_id = :id")
                .bind("state", state.name()).bind("id", taskId);
        return bind(update, "date", inspectionDate, LocalDate.class).then();
    }

    /** Withdraws the visits of a cancelled draw whose record is not entered yet. */
    public Mono<Void> withdrawDraw(DatabaseClient db, String drawId) {
        return db.sql("UPDATE task SET state = 'WITHDRAWN', updated_at = now() WHERE draw_id = :draw AND state IN ('ASSIGNED', 'IN_PROGRESS')")
                .bind("draw", drawId).then();
    }

    private Task read(Readable row) {
        String reason = row.get("targeted_reason", String.class);
        Json joint = row.get("joint", Json.class);
        return new Task(row.get("task_id", String.class), row.get("tenant", String.class), row.get("draw_id", String.class),
                row.get("period", String.class), Boolean.TRUE.equals(row.get("random", Boolean.class)),
                reason == null ? null : TargetedReason.valueOf(reason),
                new Entity(row.get("entity_uscc", String.class), row.get("entity_name", String.class), row.get("entity_address", String.class),
                        row.get("entity_district", String.class), row.get("entity_category", String.class)),
                Method.valueOf(row.get("method", String.class)),
                Arrays.asList(json.readValue(row.get("items", Json.class).asArray(), VisitItem[].class)),
                joint == null ? null : json.readValue(joint.asArray(), Joint.class),
                List.of(json.readValue(row.get("team", Json.class).asArray(), TeamMember[].class)),
                TaskState.valueOf(row.get("state", String.class)), row.get("inspection_date", LocalDate.class));
    }

    static <T> DatabaseClient.GenericExecuteSpec bind(DatabaseClient.GenericExecuteSpec spec, String name, T value, Class<T> type) {
        return value == null ? spec.bindNull(name, type) : spec.bind(name, value);
    }
}
