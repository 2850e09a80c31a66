package cn.dsr.draw.replica;

import cn.dsr.draw.Sql;
import cn.dsr.platform.events.Event;
import cn.dsr.platform.events.Topic;
import cn.dsr.platform.inbox.Subscription;
import cn.dsr.platform.tenant.CurrentUser;
import java.time.LocalDate;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * The inspection history a draw needs (检查记录): who was inspected this year, by whom, with what
 * result, and whether a higher level did it. Keeps the latest version of each task's record, so
 * an approved amendment replaces what it corrects and a redelivered older version changes nothing.
 */
@Configuration(proxyBeanMethods = false)
public class InspectionHistory {

    public static final Topic RECORDS = Topic.stream("inspection.records.v1");
    static final String SUBMITTED = "cn.gov.mee.dsr.inspection.submitted.v1";
    static final String AMENDED = "cn.gov.mee.dsr.inspection.amended.v1";

    record Entity(String uscc, String name, String district) {}

    record Finding(String itemId, String finding) {}

    /** The fields submitted and amended records share, as far as the draw reads them. */
    record InspectionRecord(String recordId, String taskId, String drawId, String tenant, Entity entity, boolean random,
                            LocalDate inspectionDate, String conclusion, List<Finding> findings, List<String> inspectors,
                            int version) {

        boolean problemFound() {
            return !"NO_PROBLEM".equals(conclusion) && !"UNREACHABLE".equals(conclusion)
                    && !"CLOSED_OR_NOT_OPERATING".equals(conclusion)
                    || findings.stream().anyMatch(f -> "PROBLEM_FOUND".equals(f.finding()));
        }

        /** Inspected by a bureau above the entity's district: its city (PPCC00) or province (PP0000). */
        boolean byHigherLevel() {
            String district = entity.district();
            if (district == null || district.equals(tenant)) return false;
            return CurrentUser.isCityLevel(tenant) && district.startsWith(tenant.substring(0, 4))
                    || tenant.endsWith("0000") && district.startsWith(tenant.substring(0, 2));
        }
    }

    @Bean
    Subscription inspectionHistorySubscription(JsonMapper json) {
        return new Subscription("inspection-history", List.of(RECORDS), (event, db) -> apply(json, event, db));
    }

    static Mono<Void> apply(JsonMapper json, Event event, DatabaseClient db) {
        if (!SUBMITTED.equals(event.type()) && !AMENDED.equals(event.type())) return Mono.empty();
        InspectionRecord r = json.readValue(event.data(), InspectionRecord.class);
        var upsert = db.sql("""
                        INSERT INTO replica_inspection (record_id, task_id, draw_id, tenant, entity, entity_district, random,
                            inspection_date, year, conclusion, problem_found, higher_level, inspectors, version)
                        VALUES (:record, :task, :draw, :tenant, :entity, :district, :random, :date, :year, :conclusion,
                            :problem, :higher, :inspectors, :version)
                        ON CONFLICT (task_id) DO UPDATE SET record_id = EXCLUDED.record_id, inspection_date = EXCLUDED.inspection_date,
                            year = EXCLUDED.year, conclusion = EXCLUDED.conclusion, problem_found = EXCLUDED.problem_found,
                            inspectors = EXCLUDED.inspectors, version = EXCLUDED.version
                        WHERE replica_inspection.version < EXCLUDED.version""")
                .bind("record", r.recordId()).bind("task", r.taskId()).bind("tenant", r.tenant())
                .bind("entity", r.entity().uscc()).bind("random", r.random()).bind("date", r.inspectionDate())
                .bind("year", r.inspectionDate().getYear()).bind("conclusion", r.conclusion())
                .bind("problem", r.problemFound()).bind("higher", r.byHigherLevel())
                .bind("inspectors", r.inspectors().toArray(String[]::new)).bind("version", r.version());
        upsert = Sql.bind(upsert, "draw", r.drawId(), String.class);
        upsert = Sql.bind(upsert, "district", r.entity().district(), String.class);
        return upsert.then();
    }
}
