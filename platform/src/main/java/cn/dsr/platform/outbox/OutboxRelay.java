package cn.dsr.platform.outbox;

import cn.dsr.platform.events.Event;
import cn.dsr.platform.events.KafkaCloudEvents;
import cn.dsr.platform.events.Topic;
import cn.dsr.platform.events.TopicAdmin;
import cn.dsr.platform.support.Backoff;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Delivers committed outbox rows to Kafka in id order with an idempotent producer, then marks
 * them sent. It polls {@code WHERE sent_at IS NULL} (never a high-water mark, which would skip
 * rows of transactions that commit out of id order) and wakes early on {@code NOTIFY outbox}.
 *
 * <p>Exactly one relay is active per service database: it holds a PostgreSQL session advisory
 * lock; the others wait as standbys and take over when the holder's session ends.
 * Delivery is at-least-once; consumers deduplicate on the event id.
 */
public class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final long LOCK_KEY = 0x6473725f6f7574L; // "dsr_out"
    private static final int BATCH = 500;
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

    private final OutboxSettings settings;
    private final ProducerFactory producers;
    private final TopicAdmin topicAdmin;
    private final Collection<Topic> topics;
    private final Counter published;
    private final Counter failures;
    private final AtomicLong pending = new AtomicLong();
    private final AtomicLong oldestPendingMillis = new AtomicLong();
    private volatile boolean running;
    private volatile boolean active;
    private Thread thread;

    public interface ProducerFactory {
        Producer<String, byte[]> create();
    }

    public record OutboxSettings(String jdbcUrl, String user, String password, String serviceName) {}

    public OutboxRelay(OutboxSettings settings, ProducerFactory producers, TopicAdmin topicAdmin,
                       Collection<Topic> topics, MeterRegistry meters) {
        this.settings = settings;
        this.producers = producers;
        this.topicAdmin = topicAdmin;
        this.topics = topics;
        this.published = Counter.builder("dsr.outbox.published").description("events delivered to Kafka").register(meters);
        this.failures = Counter.builder("dsr.outbox.failures").description("failed delivery attempts").register(meters);
        Gauge.builder("dsr.outbox.pending", pending, AtomicLong::get).description("events not yet delivered").register(meters);
        Gauge.builder("dsr.outbox.lag.seconds", oldestPendingMillis, v -> v.get() / 1000.0)
                .description("age of the oldest undelivered event").register(meters);
        Gauge.builder("dsr.outbox.active", () -> active ? 1 : 0).description("1 if this instance holds the relay lock").register(meters);
    }

    public static Producer<String, byte[]> defaultProducer(String bootstrapServers, String clientId) {
        var props = new java.util.Properties();
        props.put("bootstrap.servers", bootstrapServers);
        props.put("client.id", clientId);
        props.put("acks", "all");
        props.put("enable.idempotence", "true");
        props.put("max.in.flight.requests.per.connection", "5");
        props.put("linger.ms", "2");
        props.put("compression.type", "lz4");
        // the check is on the uncompressed record; the buffer must hold at least one such record
        props.put("max.request.size", Integer.toString(TopicAdmin.MAX_EVENT_BYTES));
        props.put("buffer.memory", Long.toString(2L * TopicAdmin.MAX_EVENT_BYTES));
        props.put("request.timeout.ms", "10000");
        props.put("delivery.timeout.ms", "30000");
        props.put("max.block.ms", "10000");
        props.put("key.serializer", "org.apache.kafka.common.serialization.StringSerializer");
        props.put("value.serializer", "org.apache.kafka.common.serialization.ByteArraySerializer");
        return new KafkaProducer<>(props);
    }

    @Override
    public void start() {
        running = true;
        thread = new Thread(this::run, "outbox-relay");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void stop() {
        running = false;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Whether this instance currently holds the relay lock. */
    public boolean isActive() {
        return active;
    }

    private void run() {
        Backoff backoff = new Backoff(Duration.ofMillis(100), MAX_BACKOFF);
        while (running) {
            try (Connection connection = DriverManager.getConnection(settings.jdbcUrl(), settings.user(), settings.password())) {
                if (!tryLock(connection)) {
                    Backoff.sleep(Duration.ofSeconds(2));
                    continue;
                }
                active = true;
                log.info("outbox relay of {} is active", settings.serviceName());
                topicAdmin.ensure(topics);
                try (Producer<String, byte[]> producer = producers.create()) {
                    listen(connection);
                    backoff.reset();
                    while (running) {
                        int delivered = relayBatch(connection, producer);
                        if (delivered < 0) {
                            failures.increment();
                            backoff.pause();
                        } else {
                            backoff.reset();
                            if (delivered < BATCH) awaitNotification(connection);
                        }
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (running) {
                    log.warn("outbox relay of {} lost its connection or broker: {}", settings.serviceName(), e.toString());
                    failures.increment();
                    backoff.pause();
                }
            } finally {
                active = false;
            }
        }
    }

    private boolean tryLock(Connection connection) throws SQLException {
        try (PreparedStatement st = connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
            st.setLong(1, LOCK_KEY);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    private void listen(Connection connection) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute("LISTEN outbox");
        }
    }

    private void awaitNotification(Connection connection) throws SQLException {
        connection.unwrap(PGConnection.class).getNotifications(500);
    }

    /** Sends one batch; returns the number delivered, or -1 if some failed and must be retried. */
    private int relayBatch(Connection connection, Producer<String, byte[]> producer) throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (PreparedStatement st = connection.prepareStatement("""
                SELECT id, event_id, topic, message_key, type, source, subject, tenant, dataschema,
                       correlation_id, traceparent, occurred_at, payload
                  FROM outbox WHERE sent_at IS NULL ORDER BY id LIMIT ?""")) {
            st.setInt(1, BATCH);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) rows.add(Row.from(rs));
            }
        }
        refreshPending(connection, rows);
        if (rows.isEmpty()) return 0;

        List<Future<RecordMetadata>> sends = new ArrayList<>(rows.size());
        for (Row row : rows) sends.add(producer.send(KafkaCloudEvents.toRecord(row.topic, row.key, row.event)));
        producer.flush();

        List<Long> sent = new ArrayList<>(rows.size());
        boolean failed = false;
        for (int i = 0; i < rows.size(); i++) {
            try {
                sends.get(i).get();
                sent.add(rows.get(i).id);
            } catch (ExecutionException e) {
                failed = true;
                log.warn("outbox event {} not delivered: {}", rows.get(i).event.id(), e.getCause().toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return -1;
            }
        }
        markSent(connection, sent);
        published.increment(sent.size());
        return failed ? -1 : sent.size();
    }

    private void markSent(Connection connection, List<Long> ids) throws SQLException {
        if (ids.isEmpty()) return;
        try (PreparedStatement st = connection.prepareStatement("UPDATE outbox SET sent_at = now() WHERE id = ANY(?)")) {
            st.setArray(1, connection.createArrayOf("bigint", ids.toArray()));
            st.executeUpdate();
        }
    }

    private void refreshPending(Connection connection, List<Row> batch) throws SQLException {
        if (batch.size() < BATCH) {
            pending.set(batch.size());
        } else {
            try (Statement st = connection.createStatement();
                 ResultSet rs = st.executeQuery("SELECT count(*) FROM outbox WHERE sent_at IS NULL")) {
                rs.next();
                pending.set(rs.getLong(1));
            }
        }
        oldestPendingMillis.set(batch.isEmpty() ? 0
                : Math.max(0, System.currentTimeMillis() - batch.get(0).event.time().toInstant().toEpochMilli()));
    }

    private record Row(long id, String topic, String key, Event event) {
        static Row from(ResultSet rs) throws SQLException {
            String dataschema = rs.getString("dataschema");
            Event event = new Event(
                    (UUID) rs.getObject("event_id"),
                    URI.create(rs.getString("source")),
                    rs.getString("type"),
                    rs.getObject("occurred_at", OffsetDateTime.class),
                    rs.getString("subject"),
                    rs.getString("tenant"),
                    dataschema == null ? null : URI.create(dataschema),
                    rs.getString("correlation_id"),
                    rs.getBytes("payload"),
                    rs.getString("traceparent"));
            return new Row(rs.getLong("id"), rs.getString("topic"), rs.getString("message_key"), event);
        }
    }
}
