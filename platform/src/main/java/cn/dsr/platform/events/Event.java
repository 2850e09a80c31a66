package cn.dsr.platform.events;

import java.net.URI;
import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.UUID;

/**
 * One CloudEvents 1.0 event as this suite uses it: the standard attributes plus the
 * {@code tenant} and {@code correlationid} extensions, with a JSON payload.
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
        byte[] data) {

    public static final String DATA_CONTENT_TYPE = "application/json";

    public Event {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(data, "data");
    }
}
