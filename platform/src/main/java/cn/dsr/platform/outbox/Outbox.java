package cn.dsr.platform.outbox;

import cn.dsr.platform.events.EventType;
import cn.dsr.platform.tracing.EventTracing;
import cn.dsr.platform.web.CorrelationId;
import java.net.URI;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * The write side of the transactional outbox (发件箱). Call {@link #publish} inside the same
 * R2DBC transaction as the business rows: the event exists if and only if the change committed,
 * and the {@link OutboxRelay} delivers it to Kafka afterwards, however often Kafka is down.
 */
public class Outbox {

    private final DatabaseClient db;
    private final JsonMapper json;
    private final URI source;

    public Outbox(DatabaseClient db, JsonMapper json, String serviceName) {
        this.db = db;
        this.json = json;
        this.source = URI.create("/dsr/" + serviceName);
    }

    /**
     * Appends one event. The Kafka key is the aggregate id ({@code subject}), so one aggregate's
     * events stay in order on one partition. The correlation id and the traceparent of the span
     * current in the Reactor context go with it.
     */
    public Mono<UUID> publish(EventType type, String subject, String tenant, Object payload) {
        UUID id = UUID.randomUUID();
        byte[] data = json.writeValueAsBytes(payload);
        return Mono.deferContextual(ctx -> {
            DatabaseClient.GenericExecuteSpec insert = db.sql("""
                    INSERT INTO outbox (event_id, topic, message_key, type, source, subject, tenant,
                                        dataschema, correlation_id, traceparent, occurred_at, payload)
                    VALUES (:id, :topic, :key, :type, :source, :subject, :tenant,
                            :dataschema, :correlationId, :traceparent, :occurredAt, :payload)""")
                    .bind("id", id)
                    .bind("topic", type.topic().name())
                    .bind("key", subject)
                    .bind("type", type.name())
                    .bind("source", source.toString())
                    .bind("subject", subject)
                    .bind("dataschema", type.dataschema().toString())
                    .bind("occurredAt", OffsetDateTime.now(ZoneOffset.UTC))
                    .bind("payload", data);
            insert = tenant == null ? insert.bindNull("tenant", String.class) : insert.bind("tenant", tenant);
            String correlationId = CorrelationId.from(ctx);
            insert = correlationId == null
                    ? insert.bindNull("correlationId", String.class)
                    : insert.bind("correlationId", correlationId);
            String traceparent = EventTracing.traceparent(ctx);
            insert = traceparent == null
                    ? insert.bindNull("traceparent", String.class)
                    : insert.bind("traceparent", traceparent);
            return insert.then().thenReturn(id);
        });
    }
}
