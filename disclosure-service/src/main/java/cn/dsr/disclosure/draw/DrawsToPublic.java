package cn.dsr.disclosure.draw;

import cn.dsr.disclosure.DisclosureEvents;
import cn.dsr.disclosure.feed.FeedType;
import cn.dsr.disclosure.feed.PublicChanges;
import cn.dsr.platform.events.Event;
import cn.dsr.platform.inbox.Subscription;
import io.r2dbc.postgresql.codec.Json;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Plans and draws as the public sees them. A plan and its draw's commitment are public from
 * scheduling. The visits of an executed draw are kept CONFIDENTIAL in {@code drawn_visit}: no
 * public endpoint reads that table; an entity appears in public only through its result, that
 * is once its visit has happened and its record was submitted.
 */
@Configuration(proxyBeanMethods = false)
public class DrawsToPublic {

    static final String CONSUMER = "draws";

    @Bean
    Subscription drawsSubscription(JsonMapper json, PublicChanges changes) {
        return new Subscription(CONSUMER, List.of(DisclosureEvents.PLANS, DisclosureEvents.DRAWS),
                (event, db) -> apply(json, changes, event, db));
    }

    static Mono<Void> apply(JsonMapper json, PublicChanges changes, Event event, DatabaseClient db) {
        JsonNode p = json.readTree(event.data());
        return switch (event.type()) {
            case DisclosureEvents.PLAN_PUBLISHED_IN -> planPublished(json, changes, p, db);
            case DisclosureEvents.DRAW_SCHEDULED -> scheduled(json, p, db);
            case DisclosureEvents.DRAW_EXECUTED -> executed(json, p, db);
            case DisclosureEvents.DRAW_CANCELLED -> cancelled(p, db);
            default -> Mono.empty();
        };
    }

    private static Mono<Void> planPublished(JsonMapper json, PublicChanges changes, JsonNode p, DatabaseClient db) {
        int planned = 0;
        boolean creditRisk = false;
        for (JsonNode stratum : p.get("strata")) {
            planned += stratum.get("minCount").asInt();
            creditRisk |= stratum.hasNonNull("creditRisk");
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("planId", p.get("planId").asString());
        doc.put("tenant", p.get("tenant").asString());
        doc.put("level", p.get("level").asString());
        doc.put("period", p.get("period").asString());
        doc.put("title", p.get("title").asString());
        doc.put("drawId", p.get("drawId").asString());
        doc.put("method", p.get("method").asString());
        doc.put("joint", p.get("joint"));
        doc.put("items", StreamSupport.stream(p.get("items").spliterator(), false)
                .map(i -> Map.of("itemId", i.get("itemId").asString(), "itemName", i.get("itemName").asString())).toList());
        doc.put("strata", StreamSupport.stream(p.get("strata").spliterator(), false).map(s -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("category", s.get("category").asString());
            m.put("creditRisk", s.hasNonNull("creditRisk") ? s.get("creditRisk").asString() : null);
            m.put("minCount", s.get("minCount").asInt());
            return m;
        }).toList());
        doc.put("planned", planned);
        doc.put("publishedAt", p.get("publishedAt").asString());
        String planId = p.get("planId").asString(), tenant = p.get("tenant").asString();
        return db.sql("""
                        INSERT INTO public_plan (plan_id, tenant, period, draw_id, planned, credit_risk, document, published_at)
                        VALUES (:id, :tenant, :period, :draw, :planned, :risk, :doc, :at) ON CONFLICT (plan_id) DO NOTHING""")
                .bind("id", planId).bind("tenant", tenant).bind("period", p.get("period").asString())
                .bind("draw", p.get("drawId").asString()).bind("planned", planned).bind("risk", creditRisk)
                .bind("doc", Json.of(json.writeValueAsBytes(doc)))
                .bind("at", OffsetDateTime.parse(p.get("publishedAt").asString()))
                .fetch().rowsUpdated()
                .flatMap(inserted -> inserted == 0 ? Mono.empty()
                        : changes.append(db, FeedType.PLAN_PUBLISHED, planId, planId, tenant, "1", doc));
    }

    private static Mono<Void> scheduled(JsonMapper json, JsonNode p, DatabaseClient db) {
        return db.sql("""
                        INSERT INTO public_draw (draw_id, tenant, level, period, plan_ids, input_digest, roster_revisions, sources, replaces, scheduled_at)
                        VALUES (:id, :tenant, :level, :period, :plans, :digest, :revisions, :sources, :replaces, :at)
                        ON CONFLICT (draw_id) DO NOTHING""")
                .bind("id", p.get("drawId").asString()).bind("tenant", p.get("tenant").asString())
                .bind("level", p.get("level").asString()).bind("period", p.get("period").asString())
                .bind("plans", Json.of(json.writeValueAsBytes(p.get("planIds"))))
                .bind("digest", p.get("inputDigest").asString()).bind("revisions", p.get("rosterRevisions").asString())
                .bind("sources", Json.of(json.writeValueAsBytes(p.get("sources"))))
                .bind("replaces", Parameter.fromOrEmpty(textOrNull(p, "replaces"), String.class))
                .bind("at", OffsetDateTime.parse(p.get("scheduledAt").asString()))
                .then();
    }

    private static Mono<Void> executed(JsonMapper json, JsonNode p, DatabaseClient db) {
        String drawId = p.get("drawId").asString(), tenant = p.get("tenant").asString(), period = p.get("period").asString();
        Mono<Void> draw = db.sql("UPDATE public_draw SET executed_at = :at, result_digest = :digest WHERE draw_id = :id AND executed_at IS NULL")
                .bind("at", OffsetDateTime.parse(p.get("executedAt").asString())).bind("digest", p.get("resultDigest").asString())
                .bind("id", drawId).then();
        Flux<Long> visits = Flux.fromIterable(p.get("visits")).concatMap(v -> db.sql("""
                        INSERT INTO drawn_visit (visit_id, draw_id, tenant, district, period, uscc, joint, credit_risk, items)
                        VALUES (:id, :draw, :tenant, :district, :period, :uscc, :joint, :risk, :items) ON CONFLICT (visit_id) DO NOTHING""")
                .bind("id", v.get("visitId").asString()).bind("draw", drawId).bind("tenant", tenant)
                .bind("district", v.get("entity").get("district").asString()).bind("period", period)
                .bind("uscc", v.get("entity").get("uscc").asString())
                .bind("joint", v.hasNonNull("joint")).bind("risk", creditRiskBased(v))
                .bind("items", Json.of(json.writeValueAsBytes(v.get("items"))))
                .fetch().rowsUpdated());
        return draw.thenMany(visits).then();
    }

    /** Drawn from a credit-risk stratum ({@code <planId>/<CATEGORY>/<RISK>}) by any of its plans. */
    static boolean creditRiskBased(JsonNode visit) {
        for (JsonNode item : visit.get("items")) {
            if (!item.hasNonNull("stratum")) continue;
            String stratum = item.get("stratum").asString(), planId = item.get("planId").asString();
            String rest = stratum.startsWith(planId + "/") ? stratum.substring(planId.length() + 1) : stratum;
            if (rest.contains("/")) return true;
        }
        return false;
    }

    private static Mono<Void> cancelled(JsonNode p, DatabaseClient db) {
        String drawId = p.get("drawId").asString();
        return db.sql("UPDATE public_draw SET cancelled_at = :at, cancel_reason = :reason WHERE draw_id = :id AND cancelled_at IS NULL")
                .bind("at", OffsetDateTime.parse(p.get("approvedAt").asString())).bind("reason", p.get("reason").asString()).bind("id", drawId)
                .then()
                .then(db.sql("UPDATE drawn_visit SET void = true WHERE draw_id = :id").bind("id", drawId).then());
    }

    static String textOrNull(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asString() : null;
    }
}
