package cn.dsr.platform.outbox;

import static cn.dsr.platform.support.PlatformFixture.RECORD_APPLIED;
import static org.assertj.core.api.Assertions.assertThat;

import cn.dsr.platform.events.Event;
import cn.dsr.platform.events.EventType;
import cn.dsr.platform.events.KafkaCloudEvents;
import cn.dsr.platform.events.Topic;
import cn.dsr.platform.inbox.EventHandler;
import cn.dsr.platform.inbox.Subscription;
import cn.dsr.platform.support.Await;
import cn.dsr.platform.support.PlatformFixture;
import cn.dsr.testinfra.TopicReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.GroupState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** The path every event takes: business transaction → outbox → relay → Kafka → inbox → handler. */
class OutboxToInboxTest {

    private static final AtomicInteger NAMES = new AtomicInteger();
    private static final Duration WAIT = Duration.ofSeconds(60);

    private final PlatformFixture fixture = new PlatformFixture("platform");
    private final Topic topic = Topic.stream("test.things." + NAMES.incrementAndGet());
    private final EventType thingChanged = new EventType("cn.gov.mee.dsr.test.thing.changed.v1", topic);

    @AfterEach
    void close() {
        fixture.close();
    }

    private Mono<UUID> publish(String subject, int seq) {
        return fixture.tx.inTenant("411622", db -> fixture.outbox.publish(thingChanged, subject, "411622", Map.of("seq", seq)));
    }

    private void publishAll(String subject, int from, int to) {
        Flux.range(from, to - from).concatMap(i -> publish(subject, i)).blockLast();
    }

    private long applied() {
        return fixture.count("SELECT count(*) FROM applied");
    }

    private long appliedOnce() {
        return fixture.count("SELECT count(DISTINCT event_id) FROM applied");
    }

    @Test
    void an_event_exists_only_if_its_business_transaction_committed() {
        fixture.startRelay(List.of(topic));
        fixture.startConsumer("svc", new Subscription("things", List.of(topic), RECORD_APPLIED));

        publish("committed", 1).block();
        Mono<UUID> rolledBack = fixture.tx.inTenant("411622", db -> fixture.outbox
                .publish(thingChanged, "rolled-back", "411622", Map.of("seq", 2))
                .then(Mono.error(new IllegalStateException("business rule failed"))));
        try {
            rolledBack.block();
        } catch (IllegalStateException expected) {
            // the business change failed, so its event must vanish with it
        }
        Await.until(WAIT, "the committed event is applied", () -> applied() == 1);
        assertThat(fixture.count("SELECT count(*) FROM outbox WHERE subject = 'rolled-back'")).isZero();
        assertThat(fixture.count("SELECT count(*) FROM applied WHERE subject = 'committed'")).isEqualTo(1);
    }

    @Test
    void one_aggregates_events_are_applied_in_the_order_they_were_committed() {
        fixture.startRelay(List.of(topic));
        AtomicInteger outOfOrder = new AtomicInteger();
        Map<String, Integer> last = new java.util.concurrent.ConcurrentHashMap<>();
        EventHandler checkOrder = (event, db) -> {
            int seq = fixture.json.readTree(event.data()).get("seq").asInt();
            Integer previous = last.put(event.subject(), seq);
            if (previous != null && previous >= seq) outOfOrder.incrementAndGet();
            return RECORD_APPLIED.handle(event, db);
        };
        fixture.startConsumer("svc", new Subscription("things", List.of(topic), checkOrder));

        Flux.range(0, 200).concatMap(i -> publish("aggregate-" + (i % 5), i)).blockLast();

        Await.until(WAIT, "200 events applied", () -> applied() == 200);
        assertThat(outOfOrder).hasValue(0);
    }

    @Test
    void the_delay_from_an_events_source_to_its_effect_is_measured_for_every_event() {
        fixture.startRelay(List.of(topic));
        fixture.startConsumer("svc", new Subscription("things", List.of(topic), RECORD_APPLIED));

        Flux.range(0, 20).concatMap(i -> publish("timed", i)).blockLast();

        Await.until(WAIT, "20 events applied", () -> applied() == 20);
        var delay = fixture.meters.find("dsr.inbox.delay").tag("consumer", "things").timer();
        assertThat(delay.count()).isEqualTo(20);
        assertThat(delay.max(java.util.concurrent.TimeUnit.MILLISECONDS)).isPositive().isLessThan(WAIT.toMillis());
    }

    @Test
    void an_event_of_several_megabytes_such_as_a_city_draw_with_thousands_of_visits_arrives_like_any_other() {
        fixture.startRelay(List.of(topic));
        fixture.startConsumer("svc", new Subscription("things", List.of(topic), RECORD_APPLIED));
        // random text, so that even compressed the event is larger than Kafka's default 1 MB message
        List<String> visits = java.util.stream.IntStream.range(0, 40_000).mapToObj(i -> UUID.randomUUID() + "-" + UUID.randomUUID()).toList();

        fixture.tx.inTenant("411622", db -> fixture.outbox.publish(thingChanged, "city-draw", "411622", Map.of("visits", visits))).block();
        publish("after-it", 1).block();

        Await.until(WAIT, "the large event and the one after it are applied", () -> applied() == 2);
        assertThat(fixture.count("SELECT count(*) FROM outbox WHERE sent_at IS NULL")).isZero();
    }

    @Test
    void while_the_broker_is_down_events_are_kept_and_all_arrive_once_after_it_returns() {
        OutboxRelay relay = fixture.startRelay(List.of(topic));
        fixture.startConsumer("svc", new Subscription("things", List.of(topic), RECORD_APPLIED));
        publishAll("a", 0, 50);
        Await.until(WAIT, "first 50 applied", () -> applied() == 50);

        fixture.infra.stopKafka();
        try {
            publishAll("a", 50, 100);
            assertThat(fixture.count("SELECT count(*) FROM outbox")).isEqualTo(100);
            Await.until(WAIT, "the relay notices the broker is gone", () -> fixture.meter("dsr.outbox.failures") > 0
                    || fixture.count("SELECT count(*) FROM outbox WHERE sent_at IS NULL") == 50);
        } finally {
            fixture.infra.startKafka();
        }

        Await.until(Duration.ofSeconds(120), "all 100 applied after the broker returned", () -> appliedOnce() == 100);
        assertThat(applied()).as("no event applied twice").isEqualTo(100);
        Await.until(WAIT, "outbox drained", () -> fixture.count("SELECT count(*) FROM outbox WHERE sent_at IS NULL") == 0);
        assertThat(relay.isActive()).isTrue();
    }

    /** One event on the topic twice, as a relay that resent it after a crash would leave it. */
    private void sendOneEventTwice() throws Exception {
        fixture.topicAdmin.ensure(List.of(topic));
        Event event = new Event(UUID.randomUUID(), URI.create("/dsr/test"), thingChanged.name(), OffsetDateTime.now(),
                "x", "411622", thingChanged.dataschema(), null, "{\"seq\":1}".getBytes(StandardCharsets.UTF_8));
        try (Producer<String, byte[]> producer = OutboxRelay.defaultProducer(fixture.infra.kafkaBootstrap(), "dup")) {
            producer.send(KafkaCloudEvents.toRecord(topic.name(), "x", event)).get();
            producer.send(KafkaCloudEvents.toRecord(topic.name(), "x", event)).get();
        }
    }

    @Test
    void a_redelivered_event_changes_nothing() throws Exception {
        fixture.startConsumer("svc", new Subscription("things", List.of(topic), RECORD_APPLIED));
        sendOneEventTwice();
        Await.until(WAIT, "the duplicate is seen", () -> fixture.meter("dsr.inbox.duplicates") == 1);
        assertThat(applied()).isEqualTo(1);
    }

    @Test
    void a_copy_delivered_twice_in_one_poll_is_applied_once() throws Exception {
        sendOneEventTwice();
        // both copies are on the topic before the consumer's first poll, so they arrive together
        fixture.startConsumer("svc", new Subscription("things", List.of(topic), RECORD_APPLIED));
        Await.until(WAIT, "the copy is seen", () -> fixture.meter("dsr.inbox.duplicates") == 1);
        assertThat(applied()).isEqualTo(1);
        assertThat(fixture.meter("dsr.inbox.processed")).isEqualTo(1);
    }

    @Test
    void a_slow_event_on_one_partition_does_not_hold_up_the_events_of_the_others() throws Exception {
        fixture.startRelay(List.of(topic));
        CountDownLatch slowStarted = new CountDownLatch(1);
        CountDownLatch otherHandled = new CountDownLatch(1);
        AtomicReference<Boolean> overlapped = new AtomicReference<>();
        EventHandler slowOrQuick = (event, db) -> "slow".equals(event.subject())
                ? Mono.fromCallable(() -> {
                            slowStarted.countDown();
                            return otherHandled.await(20, TimeUnit.SECONDS);
                        })
                        .subscribeOn(Schedulers.boundedElastic())
                        .doOnNext(overlapped::set)
                        .then(RECORD_APPLIED.handle(event, db))
                : RECORD_APPLIED.handle(event, db).doOnSuccess(done -> otherHandled.countDown());
        fixture.startConsumer("svc", new Subscription("things", List.of(topic), slowOrQuick));
        // a worker that joined first holds every partition until the group is whole; a handler blocked meanwhile would hold the rebalance up
        awaitEveryWorkerAssigned("svc.things", topic.partitions());

        publish("slow", 0).block();
        assertThat(slowStarted.await(60, TimeUnit.SECONDS)).as("the slow event is being handled").isTrue();
        // ten subjects: some are keyed to a partition other than the slow one's
        Flux.range(1, 10).concatMap(i -> publish("quick-" + i, i)).blockLast();

        Await.until(WAIT, "every event applied", () -> applied() == 11);
        assertThat(overlapped.get()).as("another partition's event was handled while the slow one was").isTrue();
    }

    private void awaitEveryWorkerAssigned(String group, int workers) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, fixture.infra.kafkaBootstrap()))) {
            Await.until(WAIT, "each of the " + workers + " workers of " + group + " holds a partition", () -> {
                try {
                    ConsumerGroupDescription described = admin.describeConsumerGroups(List.of(group)).all().get().get(group);
                    return described.groupState() == GroupState.STABLE && described.members().size() == workers
                            && described.members().stream().noneMatch(m -> m.assignment().topicPartitions().isEmpty());
                } catch (InterruptedException | ExecutionException e) {
                    return false;
                }
            });
        }
    }

    @Test
    void an_event_that_keeps_failing_goes_to_the_dead_letter_topic_and_the_partition_moves_on() {
        fixture.startRelay(List.of(topic));
        EventHandler refusesPoison = (event, db) -> "poison".equals(event.subject())
                ? Mono.error(new IllegalArgumentException("cannot apply " + event.subject()))
                : RECORD_APPLIED.handle(event, db);
        fixture.startConsumer("svc", new Subscription("things", List.of(topic), refusesPoison));

        publish("poison", 1).block();
        publish("good", 2).block();

        Await.until(WAIT, "the good event after the poison is applied", () -> applied() == 1);
        List<ConsumerRecord<String, byte[]>> dead = TopicReader.readUntil(fixture.infra.kafkaBootstrap(), topic.deadLetters().name(), read -> !read.isEmpty());
        assertThat(dead).hasSize(1);
        assertThat(new String(dead.get(0).headers().lastHeader("dlq_reason").value(), StandardCharsets.UTF_8))
                .contains("cannot apply poison");
        assertThat(new String(dead.get(0).headers().lastHeader("ce_subject").value(), StandardCharsets.UTF_8)).isEqualTo("poison");
    }

    @Test
    void a_restarted_consumer_resumes_after_its_last_committed_event() {
        fixture.startRelay(List.of(topic));
        var first = fixture.startConsumer("svc", new Subscription("things", List.of(topic), RECORD_APPLIED));
        publishAll("a", 0, 20);
        Await.until(WAIT, "20 applied", () -> applied() == 20);
        first.stop();

        publishAll("a", 20, 40);
        double duplicatesBefore = fixture.meter("dsr.inbox.duplicates");
        fixture.startConsumer("svc", new Subscription("things", List.of(topic), RECORD_APPLIED));
        Await.until(WAIT, "40 applied", () -> applied() == 40);
        assertThat(fixture.meter("dsr.inbox.duplicates")).as("nothing redelivered").isEqualTo(duplicatesBefore);
    }

    @Test
    void only_one_relay_publishes_and_a_standby_takes_over_when_it_stops() throws InterruptedException {
        OutboxRelay one = fixture.startRelay(List.of(topic));
        OutboxRelay two = fixture.startRelay(List.of(topic));
        Await.until(WAIT, "one relay active", () -> one.isActive() || two.isActive());
        Thread.sleep(3000); // longer than a standby's retry interval: it has tried the lock and lost
        assertThat(one.isActive() && two.isActive()).isFalse();

        OutboxRelay active = one.isActive() ? one : two;
        OutboxRelay standby = active == one ? two : one;
        active.stop();
        Await.until(WAIT, "the standby takes over", standby::isActive);

        fixture.startConsumer("svc", new Subscription("things", List.of(topic), RECORD_APPLIED));
        publishAll("a", 0, 10);
        Await.until(WAIT, "delivered by the standby", () -> applied() == 10);
    }
}
