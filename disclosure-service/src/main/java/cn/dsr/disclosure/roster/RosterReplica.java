package cn.dsr.disclosure.roster;

import cn.dsr.disclosure.DisclosureEvents;
import cn.dsr.platform.events.Event;
import cn.dsr.platform.inbox.Subscription;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The fields of the entity roster this service needs — names for the yearly list, categories for
 * the statistics — from the compacted roster.entities.v1. An older revision never overwrites a newer one.
 */
@Configuration(proxyBeanMethods = false)
public class RosterReplica {

    @Bean
    Subscription rosterSubscription(JsonMapper json) {
        return new Subscription("roster", List.of(DisclosureEvents.ENTITIES), (event, db) -> apply(json, event, db));
    }

    static Mono<Void> apply(JsonMapper json, Event event, DatabaseClient db) {
        if (!DisclosureEvents.ENTITY_STATE.equals(event.type())) return Mono.empty();
        JsonNode e = json.readTree(event.data());
        return db.sql("""
                        INSERT INTO roster_entity (id, tenant, uscc, name, district, category, status, revision)
                        VALUES (:id, :tenant, :uscc, :name, :district, :category, :status, :revision)
                        ON CONFLICT (id) DO UPDATE SET uscc = excluded.uscc, name = excluded.name, district = excluded.district,
                               category = excluded.category, status = excluded.status, revision = excluded.revision
                         WHERE roster_entity.revision <= excluded.revision""")
                .bind("id", e.get("id").asString()).bind("tenant", e.get("tenant").asString())
                .bind("uscc", e.get("uscc").asString()).bind("name", e.get("name").asString())
                .bind("district", e.get("district").asString()).bind("category", e.get("category").asString())
                .bind("status", e.get("status").asString()).bind("revision", e.get("rosterRevision").asLong())
                .then();
    }
}
