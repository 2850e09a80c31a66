package cn.dsr.platform.events;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.core.message.MessageReader;
import io.cloudevents.kafka.KafkaMessageFactory;
import java.net.URI;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Maps {@link Event}s to and from Kafka records in CloudEvents binary mode (attributes as ce_ headers). */
public final class KafkaCloudEvents {

    static final String TENANT = "tenant";
    static final String CORRELATION_ID = "correlationid";
    /** The CloudEvents distributed-tracing extension; in binary mode the {@code ce_traceparent} header. */
    public static final String TRACEPARENT = "traceparent";

    private KafkaCloudEvents() {}

    public static ProducerRecord<String, byte[]> toRecord(String topic, String key, Event event) {
        CloudEventBuilder builder = CloudEventBuilder.v1()
                .withId(event.id().toString())
                .withSource(event.source())
                .withType(event.type())
                .withTime(event.time())
                .withDataContentType(Event.DATA_CONTENT_TYPE)
                .withData(event.data());
        if (event.subject() != null) builder.withSubject(event.subject());
        if (event.dataschema() != null) builder.withDataSchema(event.dataschema());
        if (event.tenant() != null) builder.withExtension(TENANT, event.tenant());
        if (event.correlationId() != null) builder.withExtension(CORRELATION_ID, event.correlationId());
        if (event.traceparent() != null) builder.withExtension(TRACEPARENT, event.traceparent());
        return KafkaMessageFactory.<String>createWriter(topic, null, null, key).writeBinary(builder.build());
    }

    /** Reads a record written by {@link #toRecord}; refuses records that are not CloudEvents. */
    public static Event fromRecord(ConsumerRecord<String, byte[]> record) {
        MessageReader reader = KafkaMessageFactory.createReader(record);
        CloudEvent ce = reader.toEvent();
        return new Event(
                UUID.fromString(ce.getId()),
                ce.getSource(),
                ce.getType(),
                ce.getTime() == null ? OffsetDateTime.now(ZoneOffset.UTC) : ce.getTime(),
                ce.getSubject(),
                extension(ce, TENANT),
                ce.getDataSchema(),
                extension(ce, CORRELATION_ID),
                ce.getData() == null ? new byte[0] : ce.getData().toBytes(),
                extension(ce, TRACEPARENT));
    }

    private static String extension(CloudEvent ce, String name) {
        Object value = ce.getExtension(name);
        return value == null ? null : value.toString();
    }

}
