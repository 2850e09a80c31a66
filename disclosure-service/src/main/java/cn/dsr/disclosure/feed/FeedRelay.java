package cn.dsr.disclosure.feed;

import cn.dsr.platform.events.Topic;
import cn.dsr.platform.events.TopicAdmin;
import cn.dsr.platform.outbox.OutboxRelay;
import cn.dsr.platform.support.Backoff;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Delivers the change log to {@code disclosure.public.v1} in structured CloudEvents mode, in
 * change order, keyed by the entity's USCC. The change log is the outbox: a change exists iff the
 * publication committed, and it is delivered however long Kafka is away (at least once; the event
 * id is stable, consumers deduplicate on it). One relay at a time per database: each batch holds a
 * transaction-scoped advisory lock, so two instances never interleave and order is kept.
 */
@Component
public class FeedRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(FeedRelay.class);
    private static final long LOCK_KEY = 0x6473725f66656564L; // "dsr_feed"
    private static final int BATCH = 500;
    public static final Topic TOPIC = Topic.stream(FeedType.TOPIC);

    private final String jdbcUrl;
    private final String user;
    private final String password;
    private final String bootstrap;
    private final TopicAdmin topics;
    private final JsonMapper json;
    private final Counter delivered;
    private static final Duration IDLE = Duration.ofMillis(200);
    private volatile boolean running;
    private ExecutorService worker;

    public FeedRelay(Environment env, TopicAdmin topics, JsonMapper json, MeterRegistry meters,
                     @Value("${dsr.kafka.bootstrap-servers}") String bootstrap) {
        this.jdbcUrl = env.getRequiredProperty("spring.flyway.url");
        this.user = env.getRequiredProperty("spring.r2dbc.username");
        this.password = env.getRequiredProperty("spring.r2dbc.password");
        this.bootstrap = bootstrap;
        this.topics = topics;
        this.json = json;
        this.delivered = Counter.builder("dsr.disclosure.feed.delivered").description("public changes delivered to the external feed").register(meters);
    }

    @Override
    public void start() {
        running = true;
        worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "disclosure-feed-relay");
            t.setDaemon(true);
            return t;
        });
        worker.execute(this::run);
    }

    @Override
    public void stop() {
        running = false;
        if (worker == null) return;
        worker.shutdownNow();
        try {
            worker.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void run() {
        Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(5));
        while (running) {
            try (Connection connection = DriverManager.getConnection(jdbcUrl, user, password);
                 Producer<String, byte[]> producer = OutboxRelay.defaultProducer(bootstrap, "disclosure-feed")) {
                topics.ensure(List.of(TOPIC));
                connection.setAutoCommit(false);
                while (running) {
                    int sent = relayBatch(connection, producer);
                    backoff.reset();
                    if (sent < BATCH) Backoff.sleep(IDLE);
                }
            } catch (SQLException | RuntimeException e) {
                if (!running) break;
                log.warn("disclosure feed relay failed, retrying: {}", e.toString());
                backoff.pause();
            }
        }
    }

    private int relayBatch(Connection connection, Producer<String, byte[]> producer) throws SQLException {
        try {
            if (!locked(connection)) {
                connection.rollback();
                return 0;
            }
            List<Long> ids = new ArrayList<>();
            List<Future<RecordMetadata>> sends = new ArrayList<>();
            try (PreparedStatement st = connection.prepareStatement("""
                    SELECT id, event_id, type, key, subject, tenant, time, data::text AS data, traceparent
                      FROM public_change WHERE sent_at IS NULL ORDER BY id LIMIT ?""")) {
                st.setInt(1, BATCH);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        StructuredEvent event = new StructuredEvent(rs.getLong("id"), (UUID) rs.getObject("event_id"), rs.getString("type"),
                                rs.getString("key"), rs.getString("subject"), rs.getString("tenant"),
                                rs.getObject("time", OffsetDateTime.class), json.readTree(rs.getString("data")), rs.getString("traceparent"));
                        ProducerRecord<String, byte[]> record = new ProducerRecord<>(TOPIC.name(), event.key(), json.writeValueAsBytes(event.toJson(json)));
                        record.headers().add("content-type", StructuredEvent.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
                        sends.add(producer.send(record));
                        ids.add(event.cursor());
                    }
                }
            }
            if (ids.isEmpty()) {
                connection.rollback();
                return 0;
            }
            producer.flush();
            for (Future<RecordMetadata> send : sends) send.get();
            try (PreparedStatement st = connection.prepareStatement("UPDATE public_change SET sent_at = now() WHERE id = ANY(?)")) {
                st.setArray(1, connection.createArrayOf("bigint", ids.toArray()));
                st.executeUpdate();
            }
            connection.commit();
            delivered.increment(ids.size());
            return ids.size();
        } catch (ExecutionException e) {
            connection.rollback();
            throw new IllegalStateException("feed delivery failed, will resend the batch", e.getCause());
        } catch (InterruptedException e) {
            connection.rollback();
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    private static boolean locked(Connection connection) throws SQLException {
        try (PreparedStatement st = connection.prepareStatement("SELECT pg_try_advisory_xact_lock(?)")) {
            st.setLong(1, LOCK_KEY);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }
}
