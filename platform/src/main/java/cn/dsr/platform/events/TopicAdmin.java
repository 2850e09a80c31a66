package cn.dsr.platform.events;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

/** Creates the topics a service owns, idempotently, before it first publishes or subscribes. */
public class TopicAdmin {

    /**
     * The largest event a topic takes. One {@code draw executed} event lists every visit of the
     * draw (about 700 bytes each), so a city-level draw of a few thousand visits already passes
     * Kafka's default of 1 MB; 32 MiB holds some 45,000 visits before compression.
     */
    public static final int MAX_EVENT_BYTES = 32 * 1024 * 1024;

    private final String bootstrapServers;
    private final short replicationFactor;

    public TopicAdmin(String bootstrapServers, short replicationFactor) {
        this.bootstrapServers = bootstrapServers;
        this.replicationFactor = replicationFactor;
    }

    public void ensure(Collection<Topic> topics) {
        if (topics.isEmpty()) return;
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrapServers);
        props.put("request.timeout.ms", "10000");
        props.put("default.api.timeout.ms", "15000");
        try (Admin admin = Admin.create(props)) {
            List<NewTopic> wanted = topics.stream().map(this::newTopic).toList();
            for (var entry : admin.createTopics(wanted).values().entrySet()) {
                try {
                    entry.getValue().get(15, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create topic " + entry.getKey(), e.getCause());
                    }
                }
            }
            raiseMessageLimit(admin, topics);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka did not answer while creating topics", e);
        }
    }

    private NewTopic newTopic(Topic topic) {
        Map<String, String> configs = new HashMap<>();
        configs.put(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(MAX_EVENT_BYTES));
        if (topic.compacted()) configs.put(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
        return new NewTopic(topic.name(), topic.partitions(), replicationFactor).configs(configs);
    }

    /** Topics created before the limit was raised get it too; setting it again changes nothing. */
    private static void raiseMessageLimit(Admin admin, Collection<Topic> topics)
            throws InterruptedException, TimeoutException {
        AlterConfigOp raise = new AlterConfigOp(
                new ConfigEntry(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(MAX_EVENT_BYTES)), AlterConfigOp.OpType.SET);
        Map<ConfigResource, Collection<AlterConfigOp>> changes = new HashMap<>();
        for (Topic topic : topics) changes.put(new ConfigResource(ConfigResource.Type.TOPIC, topic.name()), List.of(raise));
        try {
            admin.incrementalAlterConfigs(changes).all().get(15, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot set the message limit of " + topics, e.getCause());
        }
    }
}
