package cn.dsr.disclosure.feed;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * One change as a CloudEvents 1.0 event in <b>structured</b> JSON mode: attributes and data in one
 * document ({@code application/cloudevents+json}), so a credit system needs no CloudEvents SDK
 * and the same document serves the Kafka feed and the HTTP change feed. {@code traceparent} (the
 * CloudEvents distributed-tracing extension) names the trace of the request that caused the change;
 * it is absent for changes made outside any trace.
 */
public record StructuredEvent(long cursor, UUID id, String type, String key, String subject, String tenant,
                              OffsetDateTime time, JsonNode data, String traceparent) {

    public static final String CONTENT_TYPE = "application/cloudevents+json; charset=UTF-8";

    public ObjectNode toJson(JsonMapper json) {
        ObjectNode ce = json.createObjectNode();
        ce.put("specversion", "1.0");
        ce.put("id", id.toString());
        ce.put("source", FeedType.SOURCE);
        ce.put("type", type);
        ce.put("subject", subject);
        ce.put("time", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(time.withOffsetSameInstant(ZoneOffset.UTC)));
        ce.put("datacontenttype", "application/json");
        ce.put("dataschema", "urn:dsr:schema:" + type);
        ce.put("tenant", tenant);
        ce.put("sequence", String.format("%020d", cursor));
        if (traceparent != null) ce.put("traceparent", traceparent);
        ce.set("data", data);
        return ce;
    }
}
