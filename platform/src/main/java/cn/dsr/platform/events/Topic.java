package cn.dsr.platform.events;

/**
 * A Kafka topic a service publishes to. State topics are compacted: the latest event per key is
 * the aggregate's current state, so a new replica can rebuild itself from offset 0.
 */
public record Topic(String name, int partitions, boolean compacted) {

    public static Topic stream(String name) {
        return new Topic(name, 3, false);
    }

    public static Topic state(String name) {
        return new Topic(name, 3, true);
    }

    public Topic deadLetters() {
        return new Topic(name + ".dlq", 1, false);
    }
}
