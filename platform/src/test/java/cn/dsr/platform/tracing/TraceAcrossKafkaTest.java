package cn.dsr.platform.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import cn.dsr.platform.events.EventType;
import cn.dsr.platform.events.Topic;
import cn.dsr.platform.inbox.EventHandler;
import cn.dsr.platform.inbox.Subscription;
import cn.dsr.platform.support.Await;
import cn.dsr.platform.support.PlatformFixture;
import cn.dsr.platform.support.TestTracing;
import cn.dsr.platform.web.CorrelationId;
import cn.dsr.testinfra.TopicReader;
import io.micrometer.observation.Observation;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * One trace across the Kafka hop: the span current when an event is written travels with it as
 * {@code ce_traceparent}, and the consumer handles it in a child span of that trace, so what the
 * handler publishes in turn carries the same trace id.
 */
class TraceAcrossKafkaTest {

    private static final AtomicInteger NAMES = new AtomicInteger();
    private static final Duration WAIT = Duration.ofSeconds(60);

    private final PlatformFixture fixture = new PlatformFixture("tracing");
    private final TestTracing tracing = new TestTracing();
    private final Topic requests = Topic.stream("test.traced.requests." + NAMES.incrementAndGet());
    private final Topic reactions = Topic.stream("test.traced.reactions." + NAMES.incrementAndGet());
    private final EventType requested = new EventType("cn.gov.mee.dsr.test.requested.v1", requests);
    private final EventType reacted = new EventType("cn.gov.mee.dsr.test.reacted.v1", reactions);

    @AfterEach
    void close() {
        fixture.close();
        tracing.close();
    }

    /** Publishes one event inside a started span, as a request handler does; answers that span's traceparent. */
    private String publishInSpan(String subject, String correlationId) {
        Observation request = Observation.start("http.server.requests", tracing.observations);
        try {
            return fixture.tx.inTenant("411622", db -> fixture.outbox.publish(requested, subject, "411622", Map.of("subject", subject))
                            // a thread hop, as between the web server and the database driver
                            .publishOn(Schedulers.parallel())
                            .then(Mono.deferContextual(ctx -> Mono.just(EventTracing.traceparent(ctx)))))
                    .contextWrite(ctx -> ctx.put(ObservationThreadLocalAccessor.KEY, request).put(CorrelationId.CONTEXT_KEY, correlationId))
                    .block();
        } finally {
            request.stop();
        }
    }

    private String storedTraceparent(String type, String subject) {
        return fixture.client.sql("SELECT traceparent FROM outbox WHERE type = :type AND subject = :subject")
                .bind("type", type).bind("subject", subject)
                .map(row -> Optional.ofNullable(row.get("traceparent", String.class))).one().block().orElse(null);
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static String traceId(String traceparent) {
        return traceparent.split("-")[1];
    }

    private static String spanId(String traceparent) {
        return traceparent.split("-")[2];
    }

    @Test
    void the_span_current_when_an_event_is_written_is_stored_with_it_and_published_as_ce_traceparent() {
        fixture.startRelay(List.of(requests));

        String traceparent = publishInSpan("a", "corr-a");

        assertThat(traceparent).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
        assertThat(storedTraceparent(requested.name(), "a")).isEqualTo(traceparent);
        List<ConsumerRecord<String, byte[]>> records = TopicReader.readKeys(fixture.infra.kafkaBootstrap(), requests.name(), "a");
        assertThat(records).hasSize(1);
        assertThat(header(records.get(0), "ce_traceparent")).isEqualTo(traceparent);
        assertThat(header(records.get(0), "ce_correlationid")).isEqualTo("corr-a");
    }

    @Test
    void a_handler_runs_in_a_child_span_of_the_events_trace_and_what_it_publishes_carries_the_same_trace_id() {
        fixture.startRelay(List.of(requests, reactions));
        AtomicReference<String> seenByHandler = new AtomicReference<>();
        AtomicReference<String> correlationSeen = new AtomicReference<>();
        EventHandler reactByPublishing = (event, db) -> Mono.deferContextual(ctx -> {
            seenByHandler.set(EventTracing.traceparent(ctx));
            correlationSeen.set(CorrelationId.from(ctx));
            return fixture.outbox.publish(reacted, event.subject(), event.tenant(), Map.of("to", event.id().toString()));
        }).then();
        fixture.startConsumer("svc", new Subscription("reactor", List.of(requests), reactByPublishing), tracing.observations);

        String request = publishInSpan("b", "corr-b");

        Await.until(WAIT, "the handler published its reaction", () -> fixture.count("SELECT count(*) FROM outbox WHERE subject = 'b' AND type = '" + reacted.name() + "'") == 1);
        String handling = seenByHandler.get();
        assertThat(traceId(handling)).as("the handler's span is in the request's trace").isEqualTo(traceId(request));
        assertThat(spanId(handling)).as("the handler has a span of its own").isNotEqualTo(spanId(request));
        assertThat(correlationSeen).hasValue("corr-b");
        assertThat(storedTraceparent(reacted.name(), "b")).isEqualTo(handling);

        List<ConsumerRecord<String, byte[]>> reactionsOnKafka = TopicReader.readKeys(fixture.infra.kafkaBootstrap(), reactions.name(), "b");
        assertThat(traceId(header(reactionsOnKafka.get(0), "ce_traceparent"))).isEqualTo(traceId(request));

        Await.until(WAIT, "the handling span has ended", () -> tracing.finished.stream().anyMatch(s -> s.getSpanId().equals(spanId(handling))));
        SpanData span = tracing.finished.stream().filter(s -> s.getSpanId().equals(spanId(handling))).findFirst().orElseThrow();
        assertThat(span.getKind()).isEqualTo(SpanKind.CONSUMER);
        assertThat(span.getParentSpanId()).as("the parent is the span that wrote the event").isEqualTo(spanId(request));
        assertThat(span.getName()).isEqualTo("reactor " + requested.name());
    }

    @Test
    void an_event_without_traceparent_is_handled_in_a_trace_of_its_own() {
        fixture.startRelay(List.of(requests));
        AtomicReference<String> seenByHandler = new AtomicReference<>();
        EventHandler remember = (event, db) -> Mono.deferContextual(ctx -> {
            seenByHandler.set(EventTracing.traceparent(ctx));
            return Mono.empty();
        });
        fixture.startConsumer("svc", new Subscription("untraced", List.of(requests), remember), tracing.observations);

        // written outside any span, as rows written before tracing existed
        fixture.tx.inTenant("411622", db -> fixture.outbox.publish(requested, "c", "411622", Map.of("subject", "c"))).block();

        Await.until(WAIT, "the event is handled", () -> seenByHandler.get() != null);
        assertThat(storedTraceparent(requested.name(), "c")).isNull();
        assertThat(seenByHandler.get()).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
    }
}
