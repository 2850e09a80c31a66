package cn.dsr.draw.replica;

import io.r2dbc.spi.Readable;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Reads the replicas as a draw freezes them, inside the caller's tenant transaction: row-level
 * security decides which tenants' rosters are read (a district its own, a city all of its).
 */
@Component
public class RosterSnapshot {

    /** The roster revisions read, per tenant, in tenant order: what a draw records it froze. */
    public record Revisions(Map<String, Long> byTenant) {

        /** input.rosterRevision: {@code 411622-roster-r1842}, several comma-separated for a city draw. */
        public String text() {
            return String.join(",", byTenant.entrySet().stream().map(e -> e.getKey() + "-roster-r" + e.getValue()).toList());
        }

        /** One number for the event: the revision itself, or the sum over a city draw's tenants (moves with any of them). */
        public long total() {
            return byTenant.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /** What this year's history says about entities (by USCC). */
    public record History(Map<String, Integer> timesDrawn, Set<String> covered, Set<String> higherLevelNoProblem) {}

    public Mono<Revisions> revisions(DatabaseClient db) {
        return db.sql("SELECT tenant, revision FROM replica_roster_revision ORDER BY tenant")
                .map(row -> Map.entry(row.get("tenant", String.class), row.get("revision", Long.class)))
                .all()
                .collectMap(Map.Entry::getKey, Map.Entry::getValue, TreeMap::new)
                .map(Revisions::new);
    }

    public Mono<List<ReplicatedEntity>> entities(DatabaseClient db) {
        return db.sql("SELECT * FROM replica_entity ORDER BY uscc, tenant").map(RosterSnapshot::entity).all().collectList();
    }

    public Mono<List<ReplicatedEntity>> entities(DatabaseClient db, List<String> usccs) {
        return db.sql("SELECT * FROM replica_entity WHERE uscc = ANY(:usccs) ORDER BY uscc, roster_revision DESC")
                .bind("usccs", usccs.toArray(String[]::new)).map(RosterSnapshot::entity).all().collectList();
    }

    /**
     * Draws this year per entity (cancelled draws do not count), entities inspected this year
     * (an unreachable entity was not), and those a higher level checked this year without a problem.
     */
    public Mono<History> history(DatabaseClient db, int year) {
        Mono<Map<String, Integer>> drawn = db.sql("""
                        SELECT entity, count(DISTINCT draw_id) AS n FROM drawn_entity
                         WHERE year = :year AND NOT draw_cancelled(draw_id) GROUP BY entity""")
                .bind("year", year)
                .map(row -> Map.entry(row.get("entity", String.class), row.get("n", Long.class).intValue()))
                .all().collectMap(Map.Entry::getKey, Map.Entry::getValue, HashMap::new);
        Mono<Set<String>> covered = db.sql("""
                        SELECT DISTINCT entity FROM replica_inspection WHERE year = :year AND conclusion <> 'UNREACHABLE'""")
                .bind("year", year).map(row -> row.get("entity", String.class)).all().collect(HashSet::new, Set::add);
        Mono<Set<String>> higher = db.sql("""
                        SELECT entity FROM replica_inspection WHERE year = :year AND higher_level
                         GROUP BY entity HAVING bool_and(NOT problem_found AND conclusion = 'NO_PROBLEM')""")
                .bind("year", year).map(row -> row.get("entity", String.class)).all().collect(HashSet::new, Set::add);
        return Mono.zip(drawn, covered, higher).map(t -> new History(t.getT1(), t.getT2(), t.getT3()));
    }

    /** One entity's year as the draw sees it: inspections, coverage, the last team, the higher level's checks, draws. */
    public record EntityHistory(String uscc, int year, int inspections, boolean covered, LocalDate lastInspected,
                                List<String> lastInspectors, boolean checkedByHigherLevelWithoutProblem, int timesDrawn) {}

    private record Inspections(long count, long covered, boolean higherLevelNoProblem) {}

    private record LastInspection(LocalDate date, List<String> inspectors) {}

    public Mono<EntityHistory> entityHistory(DatabaseClient db, String uscc, int year) {
        Mono<Inspections> inspections = db.sql("""
                        SELECT count(*) AS n,
                               count(*) FILTER (WHERE conclusion <> 'UNREACHABLE') AS covered,
                               coalesce(bool_and(NOT problem_found AND conclusion = 'NO_PROBLEM') FILTER (WHERE higher_level), false) AS higher
                          FROM replica_inspection WHERE entity = :uscc AND year = :year""")
                .bind("uscc", uscc).bind("year", year)
                .map(r -> new Inspections(r.get("n", Long.class), r.get("covered", Long.class), r.get("higher", Boolean.class))).one();
        Mono<LastInspection> last = db.sql("""
                        SELECT inspection_date, inspectors FROM replica_inspection WHERE entity = :uscc
                         ORDER BY inspection_date DESC, task_id DESC LIMIT 1""")
                .bind("uscc", uscc)
                .map(r -> new LastInspection(r.get("inspection_date", LocalDate.class), Arrays.asList(r.get("inspectors", String[].class))))
                .one().defaultIfEmpty(new LastInspection(null, List.of()));
        Mono<Long> drawn = db.sql("""
                        SELECT count(DISTINCT draw_id) AS n FROM drawn_entity
                         WHERE entity = :uscc AND year = :year AND NOT draw_cancelled(draw_id)""")
                .bind("uscc", uscc).bind("year", year).map(r -> r.get("n", Long.class)).one();
        return Mono.zip(inspections, last, drawn).map(t -> new EntityHistory(uscc, year, (int) t.getT1().count(),
                t.getT1().covered() > 0, t.getT2().date(), t.getT2().inspectors(), t.getT1().higherLevelNoProblem(),
                t.getT3().intValue()));
    }

    /** The inspector roster the draw may match from (row-level security: a district its own, a city all of its). */
    public Mono<List<ReplicatedInspector>> inspectors(DatabaseClient db) {
        return db.sql("SELECT * FROM replica_inspector ORDER BY id")
                .map(r -> new ReplicatedInspector(r.get("id", UUID.class).toString(), r.get("tenant", String.class),
                        r.get("name", String.class), r.get("kind", String.class), r.get("status", String.class),
                        r.get("certificate_valid_until", LocalDate.class), Arrays.asList(r.get("expertise", String[].class)),
                        r.get("home_district", String.class)))
                .all().collectList();
    }

    /** Declared conflicts (回避) in force at any time of [from, until], as entity USCC → inspector ids. */
    public Mono<Map<String, Set<String>>> conflictsInForce(DatabaseClient db, LocalDate from, LocalDate until) {
        return db.sql("""
                        SELECT e.uscc, c.inspector_id FROM replica_conflict c JOIN replica_entity e ON e.id = c.entity_id
                         WHERE c.status <> 'REVOKED' AND c.valid_from <= :until AND (c.valid_until IS NULL OR c.valid_until >= :from)""")
                .bind("from", from).bind("until", until)
                .map(r -> Map.entry(r.get("uscc", String.class), r.get("inspector_id", UUID.class).toString()))
                .all().collect(HashMap::new, (map, e) -> map.computeIfAbsent(e.getKey(), k -> new HashSet<>()).add(e.getValue()));
    }

    /** The team of each entity's latest inspection, for rotation: entity USCC → inspector ids. */
    public Mono<Map<String, List<String>>> previousInspectors(DatabaseClient db) {
        return db.sql("""
                        SELECT DISTINCT ON (entity) entity, inspectors FROM replica_inspection
                         ORDER BY entity, inspection_date DESC, task_id DESC""")
                .map(r -> Map.entry(r.get("entity", String.class), Arrays.asList(r.get("inspectors", String[].class))))
                .all().collectMap(Map.Entry::getKey, Map.Entry::getValue, HashMap::new);
    }

    /** The in-post count (在编在岗人数) a tenant stated for a year, if it did. */
    public Mono<Integer> inPostCount(DatabaseClient db, String tenant, int year) {
        return db.sql("SELECT count FROM replica_in_post_count WHERE tenant = :tenant AND year = :year")
                .bind("tenant", tenant).bind("year", year).map(row -> row.get("count", Integer.class)).one();
    }

    /**
     * Entities the tenant's draws took this year under 1:N strata of a category (and risk level),
     * cancelled draws left out: what the 1:N rule subtracts from the year's count.
     */
    public Mono<Integer> drawnUnderOneToN(DatabaseClient db, String tenant, int year, String category, String creditRisk) {
        return db.sql("""
                        SELECT count(*) AS n FROM drawn_entity
                         WHERE tenant = :tenant AND year = :year AND one_to_n AND category = :category
                           AND (:risk = '' OR credit_risk = :risk) AND NOT draw_cancelled(draw_id)""")
                .bind("tenant", tenant).bind("year", year).bind("category", category)
                .bind("risk", creditRisk == null ? "" : creditRisk)
                .map(row -> row.get("n", Long.class).intValue()).one();
    }

    static ReplicatedEntity entity(Readable row) {
        return new ReplicatedEntity(row.get("id", UUID.class).toString(), row.get("tenant", String.class),
                row.get("uscc", String.class), row.get("name", String.class), row.get("address", String.class),
                row.get("district", String.class), row.get("status", String.class),
                row.get("registration_date", LocalDate.class), row.get("industry", String.class),
                row.get("category", String.class), Boolean.TRUE.equals(row.get("off_site", Boolean.class)),
                row.get("credit_risk", String.class), Boolean.TRUE.equals(row.get("positive_list", Boolean.class)),
                Arrays.asList(row.get("labels", String[].class)), row.get("roster_revision", Long.class));
    }
}
