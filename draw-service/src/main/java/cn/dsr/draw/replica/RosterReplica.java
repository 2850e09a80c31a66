package cn.dsr.draw.replica;

import cn.dsr.draw.Sql;
import cn.dsr.platform.events.Event;
import cn.dsr.platform.events.Topic;
import cn.dsr.platform.inbox.Subscription;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Keeps the draw service's replica of roster state. State events carry the full state and the
 * tenant's roster revision; an older revision never overwrites a newer one, so replays and
 * redeliveries are harmless. Only the fields a draw needs are kept; optional fields of the
 * contracts may be absent or null, required ones are relied upon.
 */
@Configuration(proxyBeanMethods = false)
public class RosterReplica {

    public static final Topic ORG_UNITS = Topic.state("roster.org-units.v1");
    public static final Topic ENTITIES = Topic.state("roster.entities.v1");
    public static final Topic ITEMS = Topic.state("roster.items.v1");
    public static final Topic INSPECTORS = Topic.state("roster.inspectors.v1");
    public static final Topic IN_POST_COUNTS = Topic.state("roster.in-post-counts.v1");
    public static final Topic CONFLICTS = Topic.state("roster.conflicts.v1");

    static final String ORG_UNIT_STATE = "cn.gov.mee.dsr.roster.org-unit.state.v1";
    static final String ENTITY_STATE = "cn.gov.mee.dsr.roster.entity.state.v1";
    static final String ITEM_STATE = "cn.gov.mee.dsr.roster.item.state.v1";
    static final String INSPECTOR_STATE = "cn.gov.mee.dsr.roster.inspector.state.v1";
    static final String IN_POST_COUNT_STATE = "cn.gov.mee.dsr.roster.in-post-count.state.v1";
    static final String CONFLICT_STATE = "cn.gov.mee.dsr.roster.conflict.state.v1";

    record OrgUnitState(String code, String name, String kind, String parentCode, String tenant, String status,
                        long rosterRevision) {}

    record EntityTags(Set<String> supervisionTypes, Set<String> pollutantKinds, String creditRisk, boolean positiveList,
                      Set<String> flags) {}

    record EntityState(UUID id, String tenant, String uscc, String name, String address, String district, String status,
                       LocalDate registrationDate, String industry, EntityTags tags, String category, boolean offSite,
                       long rosterRevision) {

        /** The labels a plan's scope selects by: supervision types, pollutant kinds and flags. */
        String[] labels() {
            Set<String> labels = new TreeSet<>();
            labels.addAll(tags.supervisionTypes());
            labels.addAll(tags.pollutantKinds());
            labels.addAll(tags.flags());
            return labels.toArray(String[]::new);
        }
    }

    record ItemState(UUID id, UUID listId, String tenant, int year, int listVersion, String status, int seq,
                     String category, String name, String itemClass, List<String> methods,
                     List<String> requiredExpertise, long rosterRevision) {}

    record InspectorState(UUID id, String tenant, String name, String unit, String department, String kind,
                          String certificateNo, LocalDate certificateValidUntil, List<String> expertise, String status,
                          String homeDistrict, long rosterRevision) {}

    record InPostCountState(String tenant, int year, int count, long rosterRevision) {}

    record ConflictState(UUID id, String tenant, UUID inspectorId, UUID entityId, String relation, LocalDate validFrom,
                         LocalDate validUntil, String status, long rosterRevision) {}

    @Bean
    Subscription rosterReplicaSubscription(JsonMapper json) {
        return new Subscription("roster-replica", List.of(ORG_UNITS, ENTITIES, ITEMS, INSPECTORS, IN_POST_COUNTS, CONFLICTS),
                (event, db) -> apply(json, event, db));
    }

    static Mono<Void> apply(JsonMapper json, Event event, DatabaseClient db) {
        return switch (event.type()) {
            case ORG_UNIT_STATE -> orgUnit(db, json.readValue(event.data(), OrgUnitState.class));
            case ENTITY_STATE -> entity(db, json.readValue(event.data(), EntityState.class));
            case ITEM_STATE -> item(db, json.readValue(event.data(), ItemState.class));
            case INSPECTOR_STATE -> inspector(db, json.readValue(event.data(), InspectorState.class));
            case IN_POST_COUNT_STATE -> inPostCount(db, json.readValue(event.data(), InPostCountState.class));
            case CONFLICT_STATE -> conflict(db, json.readValue(event.data(), ConflictState.class));
            default -> Mono.empty(); // a later event type on the same topics: not ours to read yet
        };
    }

    private static Mono<Void> orgUnit(DatabaseClient db, OrgUnitState unit) {
        var upsert = db.sql("""
                        INSERT INTO replica_org_unit (code, name, kind, parent_code, tenant, status, roster_revision)
                        VALUES (:code, :name, :kind, :parent, :tenant, :status, :revision)
                        ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, kind = EXCLUDED.kind,
                            parent_code = EXCLUDED.parent_code, status = EXCLUDED.status,
                            roster_revision = EXCLUDED.roster_revision, updated_at = now()
                        WHERE replica_org_unit.roster_revision <= EXCLUDED.roster_revision""")
                .bind("code", unit.code()).bind("name", unit.name()).bind("kind", unit.kind())
                .bind("tenant", unit.tenant()).bind("status", unit.status()).bind("revision", unit.rosterRevision());
        upsert = Sql.bind(upsert, "parent", unit.parentCode(), String.class);
        return upsert.then().then(advanceRevision(db, unit.tenant(), unit.rosterRevision()));
    }

    private static Mono<Void> entity(DatabaseClient db, EntityState e) {
        var upsert = db.sql("""
                        INSERT INTO replica_entity (id, tenant, uscc, name, address, district, status, registration_date,
                            industry, category, off_site, credit_risk, positive_list, labels, roster_revision)
                        VALUES (:id, :tenant, :uscc, :name, :address, :district, :status, :registered, :industry,
                            :category, :offSite, :risk, :positive, :labels, :revision)
                        ON CONFLICT (id) DO UPDATE SET uscc = EXCLUDED.uscc, name = EXCLUDED.name,
                            address = EXCLUDED.address, district = EXCLUDED.district, status = EXCLUDED.status,
                            registration_date = EXCLUDED.registration_date, industry = EXCLUDED.industry,
                            category = EXCLUDED.category, off_site = EXCLUDED.off_site, credit_risk = EXCLUDED.credit_risk,
                            positive_list = EXCLUDED.positive_list, labels = EXCLUDED.labels,
                            roster_revision = EXCLUDED.roster_revision, updated_at = now()
                        WHERE replica_entity.roster_revision <= EXCLUDED.roster_revision""")
                .bind("id", e.id()).bind("tenant", e.tenant()).bind("uscc", e.uscc()).bind("name", e.name())
                .bind("address", e.address()).bind("district", e.district()).bind("status", e.status())
                .bind("category", e.category()).bind("offSite", e.offSite()).bind("positive", e.tags().positiveList())
                .bind("labels", e.labels()).bind("revision", e.rosterRevision());
        upsert = Sql.bind(upsert, "registered", e.registrationDate(), LocalDate.class);
        upsert = Sql.bind(upsert, "industry", e.industry(), String.class);
        upsert = Sql.bind(upsert, "risk", e.tags().creditRisk(), String.class);
        return upsert.then().then(advanceRevision(db, e.tenant(), e.rosterRevision()));
    }

    private static Mono<Void> item(DatabaseClient db, ItemState i) {
        return db.sql("""
                        INSERT INTO replica_item (id, list_id, tenant, year, list_version, status, seq, category, name,
                            item_class, methods, required_expertise, roster_revision)
                        VALUES (:id, :list, :tenant, :year, :version, :status, :seq, :category, :name, :class, :methods,
                            :expertise, :revision)
                        ON CONFLICT (id) DO UPDATE SET status = EXCLUDED.status, roster_revision = EXCLUDED.roster_revision,
                            updated_at = now()
                        WHERE replica_item.roster_revision <= EXCLUDED.roster_revision""")
                .bind("id", i.id()).bind("list", i.listId()).bind("tenant", i.tenant()).bind("year", i.year())
                .bind("version", i.listVersion()).bind("status", i.status()).bind("seq", i.seq())
                .bind("category", i.category()).bind("name", i.name()).bind("class", i.itemClass())
                .bind("methods", i.methods().toArray(String[]::new))
                .bind("expertise", i.requiredExpertise().toArray(String[]::new)).bind("revision", i.rosterRevision())
                .then().then(advanceRevision(db, i.tenant(), i.rosterRevision()));
    }

    private static Mono<Void> inspector(DatabaseClient db, InspectorState i) {
        var upsert = db.sql("""
                        INSERT INTO replica_inspector (id, tenant, name, unit, department, kind, certificate_no,
                            certificate_valid_until, expertise, status, home_district, roster_revision)
                        VALUES (:id, :tenant, :name, :unit, :department, :kind, :certificate, :validUntil, :expertise,
                            :status, :home, :revision)
                        ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, unit = EXCLUDED.unit,
                            department = EXCLUDED.department, kind = EXCLUDED.kind, certificate_no = EXCLUDED.certificate_no,
                            certificate_valid_until = EXCLUDED.certificate_valid_until, expertise = EXCLUDED.expertise,
                            status = EXCLUDED.status, home_district = EXCLUDED.home_district,
                            roster_revision = EXCLUDED.roster_revision, updated_at = now()
                        WHERE replica_inspector.roster_revision <= EXCLUDED.roster_revision""")
                .bind("id", i.id()).bind("tenant", i.tenant()).bind("name", i.name()).bind("unit", i.unit())
                .bind("kind", i.kind()).bind("expertise", i.expertise().toArray(String[]::new))
                .bind("status", i.status()).bind("home", i.homeDistrict()).bind("revision", i.rosterRevision());
        upsert = Sql.bind(upsert, "department", i.department(), String.class);
        upsert = Sql.bind(upsert, "certificate", i.certificateNo(), String.class);
        upsert = Sql.bind(upsert, "validUntil", i.certificateValidUntil(), LocalDate.class);
        return upsert.then().then(advanceRevision(db, i.tenant(), i.rosterRevision()));
    }

    private static Mono<Void> inPostCount(DatabaseClient db, InPostCountState c) {
        return db.sql("""
                        INSERT INTO replica_in_post_count (tenant, year, count, roster_revision)
                        VALUES (:tenant, :year, :count, :revision)
                        ON CONFLICT (tenant, year) DO UPDATE SET count = EXCLUDED.count,
                            roster_revision = EXCLUDED.roster_revision
                        WHERE replica_in_post_count.roster_revision <= EXCLUDED.roster_revision""")
                .bind("tenant", c.tenant()).bind("year", c.year()).bind("count", c.count())
                .bind("revision", c.rosterRevision())
                .then().then(advanceRevision(db, c.tenant(), c.rosterRevision()));
    }

    private static Mono<Void> conflict(DatabaseClient db, ConflictState c) {
        var upsert = db.sql("""
                        INSERT INTO replica_conflict (id, tenant, inspector_id, entity_id, relation, valid_from, valid_until,
                            status, roster_revision)
                        VALUES (:id, :tenant, :inspector, :entity, :relation, :from, :until, :status, :revision)
                        ON CONFLICT (id) DO UPDATE SET relation = EXCLUDED.relation, valid_from = EXCLUDED.valid_from,
                            valid_until = EXCLUDED.valid_until, status = EXCLUDED.status,
                            roster_revision = EXCLUDED.roster_revision
                        WHERE replica_conflict.roster_revision <= EXCLUDED.roster_revision""")
                .bind("id", c.id()).bind("tenant", c.tenant()).bind("inspector", c.inspectorId())
                .bind("entity", c.entityId()).bind("relation", c.relation()).bind("from", c.validFrom())
                .bind("status", c.status()).bind("revision", c.rosterRevision());
        upsert = Sql.bind(upsert, "until", c.validUntil(), LocalDate.class);
        return upsert.then().then(advanceRevision(db, c.tenant(), c.rosterRevision()));
    }

    static Mono<Void> advanceRevision(DatabaseClient db, String tenant, long revision) {
        return db.sql("""
                        INSERT INTO replica_roster_revision (tenant, revision) VALUES (:tenant, :revision)
                        ON CONFLICT (tenant) DO UPDATE SET revision = greatest(replica_roster_revision.revision, EXCLUDED.revision)""")
                .bind("tenant", tenant).bind("revision", revision).then();
    }
}
