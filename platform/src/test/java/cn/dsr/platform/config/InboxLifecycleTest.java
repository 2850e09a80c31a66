package cn.dsr.platform.config;

import static org.assertj.core.api.Assertions.assertThat;

import cn.dsr.platform.events.EventType;
import cn.dsr.platform.events.Topic;
import cn.dsr.platform.inbox.InboxConsumer;
import cn.dsr.platform.inbox.Subscription;
import cn.dsr.platform.support.Await;
import cn.dsr.platform.support.PlatformFixture;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A service stops consuming before it shuts down, and does not keep an orchestrator waiting. */
class InboxLifecycleTest {

    private static final int SUBSCRIPTIONS = 8;

    private final PlatformFixture fixture = new PlatformFixture("platform");
    private final Topic topic = Topic.stream("test.lifecycle." + System.nanoTime());
    private final EventType thingChanged = new EventType("cn.gov.mee.dsr.test.thing.changed.v1", topic);

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void a_services_consumers_stop_together_not_one_after_the_other() {
        fixture.startRelay(List.of(topic));
        List<InboxConsumer> consumers = IntStream.range(0, SUBSCRIPTIONS)
                .mapToObj(i -> fixture.startConsumer("svc", new Subscription("things-" + i, List.of(topic), PlatformFixture.RECORD_APPLIED)))
                .toList();
        fixture.tx.inTenant("411622", db -> fixture.outbox.publish(thingChanged, "one", "411622", Map.of("seq", 1))).block();
        // every worker has its partitions and a fetch parked at the broker, which its consumer's close waits out
        Await.until(Duration.ofSeconds(60), "the event applied by every subscription",
                () -> fixture.count("SELECT count(*) FROM applied") == SUBSCRIPTIONS);

        long stopping = System.nanoTime();
        new InboxLifecycle(consumers).stop();
        Duration stopped = Duration.ofNanos(System.nanoTime() - stopping);

        // one after the other, each subscription's close waits up to the fetch's 500 ms in turn
        assertThat(stopped).isLessThan(Duration.ofMillis(SUBSCRIPTIONS * 500L / 2));
    }
}
