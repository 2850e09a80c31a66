package cn.dsr.platform.events;

import java.net.URI;
import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.UUID;

/**
 * One CloudEvents 1.0 event as this suite uses it: the standard attributes plus the
 * {@code tenant}, {@code correlationid} and {@code traceparent} (CloudEvents distributed tracing:
 * the W3C trace context of the span that wrote the event) extensions, with a JSON payload.
 * The id is stable across redeliveries, so consumers deduplicate on it.
 */
public record Event(
        UUID id,
        URI source,
        String type,
        OffsetDateTime time,
        String subject,
        String tenant,
        URI dataschema,
        String correlationId,
        byte[] data,
        String traceparent) {

    public static final String DATA_CONTENT_TYPE = "application/json";

    public Event {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(data, "data");
    }

    /** An event not caused by a traced span (written before tracing, or by another producer). */
    public Event(UUID id, URI source, String type, OffsetDateTime time, String subject, String tenant,
                 URI dataschema, String correlationId, byte[] data) {
        this(id, source, type, time, subject, tenant, dataschema, correlationId, data, null);
    }
}
