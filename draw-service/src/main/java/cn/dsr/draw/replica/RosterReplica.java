package cn.dsr.draw.replica;

import cn.dsr.platform.events.Event;
import cn.dsr.platform.events.Topic;
import cn.dsr.platform.inbox.Subscription;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Keeps the draw service's replica of roster state. State events carry the full state and the
 * tenant's roster revision; an older revision never overwrites a newer one, so replays and
 * redeliveries are harmless.
 */
@Configuration(proxyBeanMethods = false)
public class RosterReplica {

    public static final Topic ORG_UNITS = Topic.state("roster.org-units.v1");
    static final String ORG_UNIT_STATE = "cn.gov.mee.dsr.roster.org-unit.state.v1";

    record OrgUnitState(String code, String name, String kind, String parentCode, String tenant, String status,
                        long rosterRevision) {}

    @Bean
    Subscription rosterReplicaSubscription(JsonMapper json) {
        return new Subscription("roster-replica", java.util.List.of(ORG_UNITS), (event, db) -> apply(json, event, db));
    }

    static Mono<Void> apply(JsonMapper json, Event event, DatabaseClient db) {
        if (!ORG_UNIT_STATE.equals(event.type())) return Mono.empty();
        OrgUnitState unit = json.readValue(event.data(), OrgUnitState.class);
        var upsert = db.sql("""
                        INSERT INTO replica_org_unit (code, name, kind, parent_code, tenant, status, roster_revision)
                        VALUES (:code, :name, :kind, :parent, :tenant, :status, :revision)
                        ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, kind = EXCLUDED.kind,
                            parent_code = EXCLUDED.parent_code, status = EXCLUDED.status,
                            roster_revision = EXCLUDED.roster_revision, updated_at = now()
                        WHERE replica_org_unit.roster_revision <= EXCLUDED.roster_revision""")
                .bind("code", unit.code()).bind("name", unit.name()).bind("kind", unit.kind())
                .bind("tenant", unit.tenant()).bind("status", unit.status()).bind("revision", unit.rosterRevision());
        upsert = unit.parentCode() == null ? upsert.bindNull("parent", String.class) : upsert.bind("parent", unit.parentCode());
        return upsert.then().then(advanceRevision(db, unit.tenant(), unit.rosterRevision()));
    }

    static Mono<Void> advanceRevision(DatabaseClient db, String tenant, long revision) {
        return db.sql("""
                        INSERT INTO replica_roster_revision (tenant, revision) VALUES (:tenant, :revision)
                        ON CONFLICT (tenant) DO UPDATE SET revision = greatest(replica_roster_revision.revision, EXCLUDED.revision)""")
                .bind("tenant", tenant).bind("revision", revision).then();
    }
}
