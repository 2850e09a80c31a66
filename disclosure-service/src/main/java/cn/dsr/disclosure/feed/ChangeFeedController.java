package cn.dsr.disclosure.feed;

import cn.dsr.disclosure.Inputs;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The open-data change feed: the public changes after a cursor, oldest first, as the same
 * structured CloudEvents the Kafka feed carries. A client keeps {@code next} and asks again.
 */
@RestController
@RequestMapping("/public/disclosure")
public class ChangeFeedController {

    private final DatabaseClient db;
    private final JsonMapper json;

    public ChangeFeedController(DatabaseClient db, JsonMapper json) {
        this.db = db;
        this.json = json;
    }

    public record Changes(long after, long next, List<JsonNode> events) {}

    @GetMapping("/changes")
    public Mono<Changes> changes(@RequestParam(defaultValue = "0") long after, @RequestParam(defaultValue = "100") int limit) {
        if (after < 0) throw cn.dsr.platform.web.ProblemException.invalid("after", "a cursor: 0 or a 'next' returned earlier");
        int n = Inputs.range("limit", limit, 1, 1000);
        return db.sql("SELECT id, event_id, type, key, subject, tenant, time, data::text AS data, traceparent FROM public_change WHERE id > :after ORDER BY id LIMIT :limit")
                .bind("after", after).bind("limit", n)
                .map(r -> new StructuredEvent(r.get("id", Long.class), r.get("event_id", UUID.class), r.get("type", String.class),
                        r.get("key", String.class), r.get("subject", String.class), r.get("tenant", String.class),
                        r.get("time", OffsetDateTime.class), json.readTree(r.get("data", String.class)), r.get("traceparent", String.class)))
                .all().collectList()
                .map(events -> new Changes(after, events.isEmpty() ? after : events.get(events.size() - 1).cursor(),
                        events.stream().map(e -> (JsonNode) e.toJson(json)).toList()));
    }
}
