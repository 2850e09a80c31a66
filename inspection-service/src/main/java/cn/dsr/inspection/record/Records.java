package cn.dsr.inspection.record;

import cn.dsr.inspection.InspectionEvents;
import io.r2dbc.postgresql.codec.Json;
import io.r2dbc.spi.Readable;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/** The versions of the field records, append-only: inserted, read, never changed. */
@Component
public class Records {

    private static final String SELECT = """
            SELECT r.*, q.reason, q.requested_by, d.decided_by, d.decided_at, d.comment
              FROM inspection_record r
              LEFT JOIN correction_request q ON q.correction_id = r.correction_id
              LEFT JOIN correction_decision d ON d.correction_id = r.correction_id""";

    private final JsonMapper json;

    public Records(JsonMapper json) {
        this.json = json;
    }

    /** The approved correction a version comes from. */
    public record Amendment(UUID correctionId, String reason, String requestedBy, String approvedBy, OffsetDateTime approvedAt, String comment) {}

    /** One version of a visit's record, as stored; {@code late} when it reached the system after its due date. */
    public record Stored(UUID recordId, String tenant, String taskId, int version, Integer supersedes, LocalDate inspectionDate,
                         LocalDate dueDate, boolean late, Conclusion conclusion, FieldRecord record, String submittedBy,
                         OffsetDateTime submittedAt, Amendment amendment) {

        public static Stored of(UUID recordId, String tenant, String taskId, int version, LocalDate dueDate, FieldRecord record,
                                String submittedBy, OffsetDateTime submittedAt, Amendment amendment) {
            boolean late = submittedAt.atZoneSameInstant(InspectionEvents.CHINA).toLocalDate().isAfter(dueDate);
            return new Stored(recordId, tenant, taskId, version, version == 1 ? null : version - 1, record.inspectionDate(), dueDate, late,
                    record.conclusion(), record, submittedBy, submittedAt, amendment);
        }
    }

    public Mono<Void> insert(DatabaseClient db, Stored stored) {
        var insert = db.sql("""
                        INSERT INTO inspection_record (record_id, tenant, task_id, version, supersedes, correction_id, inspection_date,
                                                       due_date, conclusion, problem_found, content, submitted_by, submitted_at, recorded_at)
                        VALUES (:id, :tenant, :task, :version, :supersedes, :correction, :date, :due, :conclusion, :problem, :content,
                                :by, :at, :recordedAt)""")
                .bind("id", stored.recordId()).bind("tenant", stored.tenant()).bind("task", stored.taskId())
                .bind("version", stored.version()).bind("date", stored.inspectionDate()).bind("due", stored.dueDate())
                .bind("conclusion", stored.conclusion().name()).bind("problem", stored.record().problemFound())
                .bind("content", Json.of(json.writeValueAsBytes(stored.record()))).bind("by", stored.submittedBy())
                .bind("at", stored.submittedAt()).bind("recordedAt", stored.record().recordedAt());
        insert = stored.supersedes() == null ? insert.bindNull("supersedes", Integer.class) : insert.bind("supersedes", stored.supersedes());
        insert = stored.amendment() == null ? insert.bindNull("correction", UUID.class) : insert.bind("correction", stored.amendment().correctionId());
        return insert.then();
    }

    public Flux<Stored> versions(DatabaseClient db, String taskId) {
        return db.sql(SELECT + " WHERE r.task_id = :task ORDER BY r.version").bind("task", taskId).map(this::read).all();
    }

    public Mono<Stored> latest(DatabaseClient db, String taskId) {
        return db.sql(SELECT + " WHERE r.task_id = :task ORDER BY r.version DESC LIMIT 1").bind("task", taskId).map(this::read).one();
    }

    public Mono<Stored> byId(DatabaseClient db, UUID recordId) {
        return db.sql(SELECT + " WHERE r.record_id = :id").bind("id", recordId).map(this::read).one();
    }

    private Stored read(Readable row) {
        UUID correction = row.get("correction_id", UUID.class);
        Amendment amendment = correction == null ? null : new Amendment(correction, row.get("reason", String.class),
                row.get("requested_by", String.class), row.get("decided_by", String.class),
                row.get("decided_at", OffsetDateTime.class), row.get("comment", String.class));
        return Stored.of(row.get("record_id", UUID.class), row.get("tenant", String.class), row.get("task_id", String.class),
                row.get("version", Integer.class), row.get("due_date", LocalDate.class),
                json.readValue(row.get("content", Json.class).asArray(), FieldRecord.class),
                row.get("submitted_by", String.class), row.get("submitted_at", OffsetDateTime.class), amendment);
    }
}
