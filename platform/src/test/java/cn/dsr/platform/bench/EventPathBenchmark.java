package cn.dsr.platform.bench;

import cn.dsr.platform.events.EventType;
import cn.dsr.platform.events.Topic;
import cn.dsr.platform.inbox.Subscription;
import cn.dsr.platform.outbox.OutboxRelay;
import cn.dsr.platform.support.PlatformFixture;
import cn.dsr.platform.support.TestTracing;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Throughput and latency of the event path every service uses — business transaction with an
 * outbox row → relay → Kafka → inbox consumer transaction — against a bare kafka-clients
 * producer → consumer on the same broker in the same run. Run with {@code platform/bench.sh}.
 *
 * <p>Two runs per path: as fast as possible (throughput; latency there is mostly queueing) and
 * at a fixed offered rate (latency of the path itself). Outbox latency runs from the moment the writer's transaction has committed to the moment the
 * consumer's handler runs inside its inbox transaction; baseline latency from {@code send()} to
 * the consumer's {@code poll()} returning the record. The traced run adds what tracing costs: a
 * span around each write (as a request's) stored with the event, and a consumer span per event.
 */
public final class EventPathBenchmark {

    private static final int WRITERS = 32;

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int rate = args.length > 1 ? Integer.parseInt(args[1]) : 500;
        System.out.printf("machine: %d cores, %s, JVM %s, max heap %d MB%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.arch"), System.getProperty("java.version"), Runtime.getRuntime().maxMemory() >> 20);
        try (PlatformFixture fixture = new PlatformFixture("bench"); TestTracing tracing = new TestTracing()) {
            Result warmup = outboxPath(fixture, Math.min(2_000, events), 0, "warmup", null);
            Result outboxSaturated = outboxPath(fixture, events, 0, "saturated", null);
            Result outboxTraced = outboxPath(fixture, events, 0, "traced", tracing.observations);
            Result bareSaturated = bareKafka(fixture, events, 0);
            int paced = Math.min(events, rate * 20);
            Result outboxPaced = outboxPath(fixture, paced, rate, "paced", null);
            Result barePaced = bareKafka(fixture, paced, rate);
            System.out.println();
            System.out.printf("%-44s %10s %10s %10s%n", "path", "events/s", "p50 ms", "p99 ms");
            print("outbox → Kafka → inbox, " + events + " as fast as possible", outboxSaturated);
            print("same, traced", outboxTraced);
            print("bare producer → consumer, same", bareSaturated);
            print("outbox → Kafka → inbox, " + paced + " at " + rate + "/s", outboxPaced);
            print("bare producer → consumer, same", barePaced);
            System.out.printf("outbox throughput = %.0f%% of bare Kafka; warm-up ran at %.0f events/s%n",
                    100.0 * outboxSaturated.perSecond / bareSaturated.perSecond, warmup.perSecond);
        }
        System.exit(0);
    }

    record Result(double perSecond, double p50Millis, double p99Millis) {}

    /** {@code traced}: the registry whose spans the writes and the handling run in, or null for none. */
    static Result outboxPath(PlatformFixture fixture, int events, int rate, String label, ObservationRegistry traced) {
        Topic topic = Topic.stream("bench.outbox." + label + "." + System.nanoTime());
        EventType type = new EventType("cn.gov.mee.dsr.bench.tick.v1", topic);
        Map<String, Long> committed = new ConcurrentHashMap<>(events * 2);
        Map<String, Long> received = new ConcurrentHashMap<>(events * 2);
        AtomicInteger count = new AtomicInteger();
        fixture.startRelay(List.of(topic));
        fixture.startConsumer("bench", new Subscription("bench-" + label, List.of(topic), (event, db) -> Mono.fromRunnable(() -> {
            received.put(event.subject(), System.nanoTime());
            count.incrementAndGet();
        })), traced == null ? ObservationRegistry.NOOP : traced);
        fixture.topicAdmin.ensure(List.of(topic));

        long start = System.nanoTime();
        paced(events, rate)
                .flatMap(i -> inSpan(traced, fixture.tx.inTenant("411622", db -> fixture.outbox.publish(type, "e" + i, "411622", Map.of("i", i))))
                        .doOnSuccess(id -> committed.put("e" + i, System.nanoTime())), WRITERS)
                .blockLast();
        long written = System.nanoTime();
        awaitCount(count, events);
        System.out.printf("  %s: %d events committed at %.0f/s%n", label, events, events / ((written - start) / 1e9));
        long end = received.values().stream().mapToLong(Long::longValue).max().orElse(start);
        long[] latencies = committed.entrySet().stream()
                .mapToLong(e -> Math.max(0, received.get(e.getKey()) - e.getValue())).sorted().toArray();
        return new Result(events / ((end - start) / 1e9), percentile(latencies, 50), percentile(latencies, 99));
    }

    private static Mono<UUID> inSpan(ObservationRegistry traced, Mono<UUID> write) {
        if (traced == null) return write;
        return Mono.defer(() -> {
            Observation request = Observation.start("bench.request", traced);
            return write.contextWrite(ctx -> ctx.put(ObservationThreadLocalAccessor.KEY, request)).doFinally(signal -> request.stop());
        });
    }

    static Result bareKafka(PlatformFixture fixture, int events, int rate) throws Exception {
        String topic = "bench.bare." + System.nanoTime();
        fixture.topicAdmin.ensure(List.of(Topic.stream(topic)));
        long[] sentAt = new long[events];
        long[] receivedAt = new long[events];
        AtomicInteger count = new AtomicInteger();
        AtomicLong last = new AtomicLong();
        Thread consumerThread = new Thread(() -> {
            Properties props = new Properties();
            props.put("bootstrap.servers", fixture.infra.kafkaBootstrap());
            props.put("group.id", "bench-bare-" + topic);
            props.put("enable.auto.commit", "false");
            props.put("auto.offset.reset", "earliest");
            props.put("key.deserializer", "org.apache.kafka.common.serialization.StringDeserializer");
            props.put("value.deserializer", "org.apache.kafka.common.serialization.ByteArrayDeserializer");
            try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props)) {
                consumer.subscribe(List.of(topic));
                while (count.get() < events) {
                    var records = consumer.poll(Duration.ofMillis(100));
                    long now = System.nanoTime();
                    for (ConsumerRecord<String, byte[]> r : records) {
                        receivedAt[Integer.parseInt(r.key().substring(1))] = now;
                        count.incrementAndGet();
                        last.set(now);
                    }
                    if (!records.isEmpty()) consumer.commitSync();
                }
            }
        }, "bench-bare-consumer");
        consumerThread.start();
        Thread.sleep(2_000); // let the consumer join its group so latency is not the join time
        long start = System.nanoTime();
        try (Producer<String, byte[]> producer = OutboxRelay.defaultProducer(fixture.infra.kafkaBootstrap(), "bench-bare")) {
            paced(events, rate).doOnNext(i -> {
                sentAt[i] = System.nanoTime();
                producer.send(new ProducerRecord<>(topic, "e" + i, ("{\"i\":" + i + "}").getBytes()));
            }).blockLast();
        }
        consumerThread.join(120_000);
        long[] latencies = new long[events];
        for (int i = 0; i < events; i++) latencies[i] = Math.max(0, receivedAt[i] - sentAt[i]);
        Arrays.sort(latencies);
        return new Result(events / ((last.get() - start) / 1e9), percentile(latencies, 50), percentile(latencies, 99));
    }

    /** 0..events-1, all at once (rate 0) or in 10 ms slices at the given rate per second. */
    private static Flux<Integer> paced(int events, int rate) {
        if (rate <= 0) return Flux.range(0, events);
        int perSlice = Math.max(1, rate / 100);
        return Flux.interval(Duration.ofMillis(10))
                .concatMap(slice -> Flux.range((int) (slice * perSlice), perSlice))
                .takeWhile(i -> i < events);
    }

    private static void awaitCount(AtomicInteger count, int expected) {
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (count.get() < expected) {
            if (System.nanoTime() > deadline) throw new IllegalStateException("only " + count.get() + " of " + expected + " arrived");
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static double percentile(long[] sortedNanos, int p) {
        int index = (int) Math.ceil(p / 100.0 * sortedNanos.length) - 1;
        return sortedNanos[Math.max(0, index)] / 1e6;
    }

    private static void print(String name, Result r) {
        System.out.printf("%-44s %10.0f %10.1f %10.1f%n", name, r.perSecond, r.p50Millis, r.p99Millis);
    }
}
