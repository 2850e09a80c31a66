package cn.dsr.platform.inbox;

import cn.dsr.platform.events.Topic;
import java.util.List;

/**
 * A named consumer of some topics. The name is the inbox's deduplication scope and, prefixed
 * with the service name, the Kafka consumer group.
 */
public record Subscription(String consumer, List<Topic> topics, EventHandler handler) {

    public Subscription {
        if (consumer == null || !consumer.matches("[a-z0-9.-]+")) {
            throw new IllegalArgumentException("consumer name must be lower-case letters, digits, '.' or '-': " + consumer);
        }
        topics = List.copyOf(topics);
    }
}
