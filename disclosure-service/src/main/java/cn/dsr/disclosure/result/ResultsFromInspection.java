package cn.dsr.disclosure.result;

import cn.dsr.disclosure.DisclosureEvents;
import cn.dsr.platform.events.Event;
import cn.dsr.platform.inbox.Subscription;
import java.time.LocalDate;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Results from inspection-service: every submitted or amended record of a random inspection
 * (双随机) goes to the {@link ResultBook}; rectification, case and transfer events update what
 * the public reads about the visit. Targeted inspections are outside the random system's
 * disclosure and are not taken in.
 */
@Configuration(proxyBeanMethods = false)
public class ResultsFromInspection {

    @Bean
    Subscription recordsSubscription(JsonMapper json, ResultBook book) {
        return new Subscription("records", List.of(DisclosureEvents.RECORDS), (event, db) -> record(json, book, event, db));
    }

    @Bean
    Subscription followUpSubscription(JsonMapper json, ResultBook book) {
        return new Subscription("follow-up", List.of(DisclosureEvents.FOLLOW_UP), (event, db) -> followUp(json, book, event, db));
    }

    static Mono<Void> record(JsonMapper json, ResultBook book, Event event, DatabaseClient db) {
        if (!DisclosureEvents.SUBMITTED.equals(event.type()) && !DisclosureEvents.AMENDED.equals(event.type())) return Mono.empty();
        JsonNode p = json.readTree(event.data());
        if (!p.get("random").asBoolean()) return Mono.empty();
        return db.sql("SELECT period FROM drawn_visit WHERE visit_id = :id").bind("id", p.get("taskId").asString())
                .map(r -> r.get("period", String.class)).one()
                .map(java.util.Optional::of).defaultIfEmpty(java.util.Optional.empty())
                .flatMap(period -> book.receive(db, InspectionResults.from(p, period.orElse(null)), InspectionResults.enteredOnTime(p), event.data()));
    }

    static Mono<Void> followUp(JsonMapper json, ResultBook book, Event event, DatabaseClient db) {
        JsonNode p = json.readTree(event.data());
        if (!p.hasNonNull("random") || !p.get("random").asBoolean()) return Mono.empty();
        String taskId = p.get("taskId").asString(), tenant = p.get("tenant").asString();
        return switch (event.type()) {
            case DisclosureEvents.RECTIFICATION_UPDATED -> book.followUp(db, taskId, tenant, "rectification", p.get("status").asString(),
                    LocalDate.parse(p.get("deadline").asString()));
            case DisclosureEvents.CASE_OPENED -> book.followUp(db, taskId, tenant, "case_number", p.get("caseNumber").asString(), null);
            case DisclosureEvents.CASE_TRANSFERRED -> book.followUp(db, taskId, tenant, "transferred_to", p.get("receivingOrgan").asString(), null);
            default -> Mono.empty();
        };
    }
}
