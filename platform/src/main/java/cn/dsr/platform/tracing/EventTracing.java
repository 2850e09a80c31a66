package cn.dsr.platform.tracing;

import cn.dsr.platform.events.Event;
import cn.dsr.platform.events.KafkaCloudEvents;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import io.micrometer.observation.transport.Kind;
import io.micrometer.observation.transport.ReceiverContext;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.handler.TracingObservationHandler;
import reactor.core.publisher.Mono;
import reactor.util.context.ContextView;

/**
 * Carries one trace across the Kafka hop. A writer takes the W3C {@code traceparent} of the
 * observation in its Reactor context (the HTTP request's, or the handling of an event) and stores
 * it with what it writes; a consumer handles each event in an observation continuing that
 * traceparent, so whatever the handler writes carries the same trace id.
 *
 * <p>The observation is read from the Reactor context, not from thread-locals, so this holds on
 * whatever thread the reactive chain runs.
 */
public final class EventTracing {

    /** The observation of handling one event; also the name of its timer. */
    public static final String HANDLE = "dsr.inbox.handle";

    private EventTracing() {}

    /** The traceparent of the span current in {@code ctx}, or null when nothing is traced there. */
    public static String traceparent(ContextView ctx) {
        Observation observation = ctx.getOrDefault(ObservationThreadLocalAccessor.KEY, null);
        if (observation == null || observation.isNoop()) return null;
        TracingObservationHandler.TracingContext tracing =
                observation.getContext().get(TracingObservationHandler.TracingContext.class);
        Span span = tracing == null ? null : tracing.getSpan();
        return span == null || span.isNoop() ? null : traceparent(span.context());
    }

    static String traceparent(TraceContext context) {
        return "00-" + context.traceId() + "-" + context.spanId() + (Boolean.TRUE.equals(context.sampled()) ? "-01" : "-00");
    }

    /**
     * Runs {@code work} as the handling of {@code event} by {@code consumer}: a consumer span whose
     * parent is the event's traceparent (a new trace if it has none), current in the work's Reactor
     * context for its whole run.
     */
    public static <T> Mono<T> handling(ObservationRegistry registry, Event event, String consumer, Mono<T> work) {
        return Mono.defer(() -> {
            ReceiverContext<Event> context = new ReceiverContext<>(
                    (carrier, key) -> KafkaCloudEvents.TRACEPARENT.equals(key) ? carrier.traceparent() : null, Kind.CONSUMER);
            context.setCarrier(event);
            context.setRemoteServiceName("kafka");
            Observation observation = Observation.createNotStarted(HANDLE, () -> context, registry)
                    .contextualName(consumer + " " + event.type())
                    .lowCardinalityKeyValue("consumer", consumer)
                    .highCardinalityKeyValue("event.id", event.id().toString())
                    .start();
            return work
                    .doOnError(observation::error)
                    .doFinally(signal -> observation.stop())
                    .contextWrite(ctx -> ctx.put(ObservationThreadLocalAccessor.KEY, observation));
        });
    }
}
