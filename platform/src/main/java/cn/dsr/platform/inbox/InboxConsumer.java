package cn.dsr.platform.inbox;

import cn.dsr.platform.events.Event;
import cn.dsr.platform.events.KafkaCloudEvents;
import cn.dsr.platform.events.Topic;
import cn.dsr.platform.events.TopicAdmin;
import cn.dsr.platform.support.Backoff;
import cn.dsr.platform.support.TransientFailure;
import cn.dsr.platform.tenant.TenantTx;
import cn.dsr.platform.tracing.EventTracing;
import cn.dsr.platform.web.CorrelationId;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.micrometer.observation.ObservationRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The inbox (收件箱): a plain kafka-clients consumer on its own thread. For each record it
 * records (consumer, event id) and runs the handler in one database transaction, and commits
 * the offset only after that transaction committed; a redelivered event finds its id already
 * in the inbox and changes nothing.
 *
 * <p>While the database is unreachable the partitions are paused (the consumer keeps its group
 * membership) and the same record is retried with backoff. A record whose handler keeps failing
 * for its own reasons goes to {@code <topic>.dlq} with the reason after {@link #MAX_ATTEMPTS},
 * and the partition moves on.
 *
 * <p>Each event is handled in a span continuing the event's trace ({@link EventTracing}), so the
 * events its handler publishes belong to the trace of the request that started it all.
 */
public class InboxConsumer {

    private static final Logger log = LoggerFactory.getLogger(InboxConsumer.class);
    static final int MAX_ATTEMPTS = 5;
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

    private final Subscription subscription;
    private final String group;
    private final String bootstrapServers;
    private final TenantTx tx;
    private final TopicAdmin topicAdmin;
    private final Producer<String, byte[]> deadLetters;
    private final MeterRegistry meters;
    private final ObservationRegistry observations;
    private final Counter processed;
    private final Counter duplicates;
    private final Counter deadLettered;
    private final Timer delay;
    private volatile boolean running;
    private final Set<KafkaConsumer<String, byte[]>> consumers = ConcurrentHashMap.newKeySet();
    private final List<Thread> workers = new ArrayList<>();

    public InboxConsumer(String serviceName, Subscription subscription, String bootstrapServers, TenantTx tx,
                         TopicAdmin topicAdmin, Producer<String, byte[]> deadLetters, MeterRegistry meters,
                         ObservationRegistry observations) {
        this.subscription = subscription;
        this.group = serviceName + "." + subscription.consumer();
        this.bootstrapServers = bootstrapServers;
        this.tx = tx;
        this.topicAdmin = topicAdmin;
        this.deadLetters = deadLetters;
        this.meters = meters;
        this.observations = observations;
        this.processed = Counter.builder("dsr.inbox.processed").tag("consumer", subscription.consumer()).register(meters);
        this.duplicates = Counter.builder("dsr.inbox.duplicates").tag("consumer", subscription.consumer()).register(meters);
        this.deadLettered = Counter.builder("dsr.inbox.dead.letters").tag("consumer", subscription.consumer()).register(meters);
        this.delay = Timer.builder("dsr.inbox.delay").tag("consumer", subscription.consumer())
                .description("from the event's time at its source to its effect committed here")
                .publishPercentileHistogram().register(meters);
    }

    /**
     * One worker per partition of the widest topic, each a member of the group with its own
     * transaction: a partition is the unit of order, and one worker alone waits out every round
     * trip to the database in turn, which under load is what limits the consumer.
     */
    public void start() {
        running = true;
        int partitions = subscription.topics().stream().mapToInt(Topic::partitions).max().orElse(1);
        for (int i = 0; i < partitions; i++) {
            Thread worker = new Thread(this::run, "inbox-" + subscription.consumer() + "-" + i);
            worker.setDaemon(true);
            workers.add(worker);
            worker.start();
        }
    }

    public void stop() {
        requestStop();
        awaitStopped();
    }

    /**
     * Asks every worker to stop and returns at once. A worker's consumer, closing, waits for the
     * fetch it has parked at the broker (up to fetch.max.wait.ms), so a service stops all its
     * consumers first and then waits for them, rather than one after the other.
     */
    public void requestStop() {
        running = false;
        consumers.forEach(KafkaConsumer::wakeup);
    }

    /** Waits for the workers to finish (each at most 10 s) after {@link #requestStop()}. */
    public void awaitStopped() {
        for (Thread worker : workers) {
            try {
                worker.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        workers.clear();
    }

    private void run() {
        Backoff backoff = new Backoff(Duration.ofMillis(200), MAX_BACKOFF);
        while (running) {
            try {
                List<Topic> all = new ArrayList<>(subscription.topics());
                subscription.topics().forEach(t -> all.add(t.deadLetters()));
                topicAdmin.ensure(all);
                consume();
            } catch (WakeupException e) {
                if (running) log.warn("consumer {} woken unexpectedly", group);
            } catch (RuntimeException e) {
                if (!running) break;
                log.warn("consumer {} failed, restarting: {}", group, e.toString());
                backoff.pause();
            }
        }
    }

    private void consume() {
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrapServers);
        props.put("group.id", group);
        props.put("client.id", group + "-" + ProcessHandle.current().pid() + "-" + Thread.currentThread().getName());
        props.put("enable.auto.commit", "false");
        props.put("auto.offset.reset", "earliest");
        props.put("max.poll.records", "200");
        props.put("key.deserializer", "org.apache.kafka.common.serialization.StringDeserializer");
        props.put("value.deserializer", "org.apache.kafka.common.serialization.ByteArrayDeserializer");
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(props);
             KafkaClientMetrics metrics = new KafkaClientMetrics(c)) {
            metrics.bindTo(meters);
            consumers.add(c);
            try {
                pollAndApply(c);
            } finally {
                consumers.remove(c);
            }
        }
    }

    private void pollAndApply(KafkaConsumer<String, byte[]> c) {
        Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
        c.subscribe(subscription.topics().stream().map(Topic::name).toList(), new ConsumerRebalanceListener() {
            @Override
            public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                commit(c, done);
            }

            @Override
            public void onPartitionsAssigned(Collection<TopicPartition> partitions) {}
        });
        while (running) {
            ConsumerRecords<String, byte[]> records = c.poll(Duration.ofMillis(500));
            if (records.isEmpty()) continue;
            if (!applyBatch(c, records)) {
                // something in the batch failed on its own: isolate it record by record
                for (ConsumerRecord<String, byte[]> record : records) {
                    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                    if (!c.assignment().contains(partition)) continue; // revoked while we were retrying
                    if (!process(c, record)) break;
                    done.put(partition, new OffsetAndMetadata(record.offset() + 1));
                }
            } else {
                for (ConsumerRecord<String, byte[]> record : records) {
                    done.put(new TopicPartition(record.topic(), record.partition()), new OffsetAndMetadata(record.offset() + 1));
                }
            }
            commit(c, done);
        }
    }

    private void commit(KafkaConsumer<String, byte[]> c, Map<TopicPartition, OffsetAndMetadata> done) {
        if (done.isEmpty()) return;
        Map<TopicPartition, OffsetAndMetadata> owned = new HashMap<>(done);
        owned.keySet().retainAll(c.assignment());
        if (!owned.isEmpty()) c.commitSync(owned);
        done.clear();
    }

    /**
     * Applies a whole poll batch in one transaction (one commit instead of one per event), waiting
     * out database outages. Returns false, having changed nothing, if some event failed for its own
     * reasons; the caller then retries record by record to find it.
     */
    private boolean applyBatch(KafkaConsumer<String, byte[]> c, ConsumerRecords<String, byte[]> records) {
        List<Event> events = new ArrayList<>(records.count());
        try {
            for (ConsumerRecord<String, byte[]> record : records) events.add(KafkaCloudEvents.fromRecord(record));
        } catch (RuntimeException notACloudEvent) {
            return false;
        }
        Backoff backoff = new Backoff(Duration.ofMillis(100), MAX_BACKOFF);
        while (running) {
            try {
                int applied = apply(events).block(Duration.ofSeconds(60));
                processed.increment(applied);
                duplicates.increment(events.size() - applied);
                events.forEach(this::recordDelay);
                if (!c.paused().isEmpty()) c.resume(c.paused());
                return true;
            } catch (RuntimeException e) {
                if (!isInfrastructure(e)) return false;
                log.warn("consumer {}: database unavailable, pausing: {}", group, e.toString());
                c.pause(c.assignment());
                backoff.pause();
                c.poll(Duration.ZERO); // keeps the group membership while paused
                for (ConsumerRecord<String, byte[]> record : records) {
                    if (!c.assignment().contains(new TopicPartition(record.topic(), record.partition()))) return false;
                }
            }
        }
        return false;
    }

    /**
     * Applies one record; returns false if its partition was revoked while the database was
     * unreachable (another member now owns it, the inbox absorbs any overlap).
     */
    private boolean process(KafkaConsumer<String, byte[]> c, ConsumerRecord<String, byte[]> record) {
        Event event;
        try {
            event = KafkaCloudEvents.fromRecord(record);
        } catch (RuntimeException e) {
            deadLetter(record, "not a CloudEvent: " + e.getMessage());
            return true;
        }
        int attempts = 0;
        Backoff backoff = new Backoff(Duration.ofMillis(100), MAX_BACKOFF);
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        while (running) {
            try {
                boolean applied = apply(List.of(event)).block(Duration.ofSeconds(30)) == 1;
                (applied ? processed : duplicates).increment();
                recordDelay(event);
                if (!c.paused().isEmpty()) c.resume(c.paused());
                return true;
            } catch (RuntimeException e) {
                if (isInfrastructure(e)) {
                    log.warn("consumer {}: database unavailable, pausing: {}", group, e.toString());
                    c.pause(c.assignment());
                    backoff.pause();
                    c.poll(Duration.ZERO); // keeps the group membership while paused
                    if (!c.assignment().contains(partition)) return false;
                    continue;
                }
                if (++attempts >= MAX_ATTEMPTS) {
                    deadLetter(record, rootMessage(e));
                    return true;
                }
                log.warn("consumer {}: event {} failed (attempt {}): {}", group, event.id(), attempts, e.toString());
                backoff.pause();
            }
        }
        return false;
    }

    /**
     * In one transaction: records the events in the inbox with one statement and handles, in
     * order, those new to it (a copy delivered twice in one batch is handled once); returns how
     * many were new.
     */
    private Mono<Integer> apply(List<Event> events) {
        return tx.inTransaction(db -> db.sql("INSERT INTO inbox (consumer, event_id) SELECT :consumer, unnest(:ids) ON CONFLICT DO NOTHING RETURNING event_id")
                .bind("consumer", subscription.consumer())
                .bind("ids", events.stream().map(Event::id).toArray(UUID[]::new))
                .map(row -> row.get("event_id", UUID.class))
                .all().collect(Collectors.toCollection(HashSet::new))
                .flatMap(fresh -> Flux.fromIterable(events)
                        .filter(event -> fresh.remove(event.id()))
                        .concatMap(event -> handle(db, event).thenReturn(1))
                        .reduce(0, Integer::sum)));
    }

    /** Within the caller's transaction, with {@code app.tenant} set to the event's tenant: its handler, in a span continuing the event's trace. */
    private Mono<Void> handle(DatabaseClient db, Event event) {
        Mono<Void> handled = tx.actAs(event.tenant()).then(subscription.handler().handle(event, db));
        return EventTracing.handling(observations, event, subscription.consumer(), handled)
                .contextWrite(ctx -> event.correlationId() == null ? ctx : ctx.put(CorrelationId.CONTEXT_KEY, event.correlationId()));
    }

    private void recordDelay(Event event) {
        delay.record(Duration.between(event.time().toInstant(), Instant.now()));
    }

    private void deadLetter(ConsumerRecord<String, byte[]> record, String reason) {
        ProducerRecord<String, byte[]> dlq = new ProducerRecord<>(record.topic() + ".dlq", null, record.key(), record.value(), record.headers());
        dlq.headers().add("dlq_reason", bytes(reason));
        dlq.headers().add("dlq_consumer", bytes(group));
        dlq.headers().add("dlq_origin", bytes(record.topic() + "/" + record.partition() + "@" + record.offset()));
        try {
            deadLetters.send(dlq).get();
        } catch (Exception e) {
            throw new IllegalStateException("cannot write to the dead-letter topic, will redeliver", e);
        }
        deadLettered.increment();
        log.error("consumer {}: record {}/{}@{} sent to the dead-letter topic: {}", group,
                record.topic(), record.partition(), record.offset(), reason);
    }

    /** As {@link TransientFailure}, or a blocking wait for the database that ran out. */
    private static boolean isInfrastructure(Throwable e) {
        if (TransientFailure.is(e)) return true;
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof IllegalStateException && String.valueOf(t.getMessage()).startsWith("Timeout on blocking read")) return true;
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) root = root.getCause();
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

}
