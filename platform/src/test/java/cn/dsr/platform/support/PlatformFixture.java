package cn.dsr.platform.support;

import cn.dsr.infra.ServiceDatabase;
import cn.dsr.platform.events.Topic;
import cn.dsr.platform.events.TopicAdmin;
import cn.dsr.platform.inbox.EventHandler;
import cn.dsr.platform.inbox.InboxConsumer;
import cn.dsr.platform.inbox.Subscription;
import cn.dsr.platform.outbox.Outbox;
import cn.dsr.platform.outbox.OutboxRelay;
import cn.dsr.platform.tenant.TenantTx;
import cn.dsr.testinfra.TestInfra;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.pool.ConnectionPoolConfiguration;
import io.r2dbc.postgresql.PostgresqlConnectionConfiguration;
import io.r2dbc.postgresql.PostgresqlConnectionFactory;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.Producer;
import org.flywaydb.core.Flyway;
import org.springframework.r2dbc.connection.R2dbcTransactionManager;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import tools.jackson.databind.json.JsonMapper;

/**
 * The platform's pieces wired by hand on a fresh database of the shared test infrastructure,
 * exactly as the auto-configuration wires them in a service, without a Spring context.
 */
public final class PlatformFixture implements AutoCloseable {

    /** A test handler: one row in {@code applied} (db/test) per event it handles, so "applied twice" shows. */
    public static final EventHandler RECORD_APPLIED = (event, db) -> db
            .sql("INSERT INTO applied (event_id, subject) VALUES (:id, :subject)")
            .bind("id", event.id()).bind("subject", event.subject()).then();

    public final TestInfra infra = TestInfra.get();
    public final ServiceDatabase db;
    public final ConnectionPool pool;
    public final DatabaseClient client;
    public final TenantTx tx;
    public final JsonMapper json = JsonMapper.builder().build();
    public final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    public final Outbox outbox;
    public final TopicAdmin topicAdmin;
    private final List<AutoCloseable> closeables = new ArrayList<>();

    public PlatformFixture(String name) {
        db = infra.newDatabase(name);
        Flyway.configure()
                .dataSource(db.jdbcUrl(), db.ownerUser(), db.ownerPassword())
                .locations("classpath:db/platform", "classpath:db/test")
                .placeholders(Map.of("app_role", db.appUser()))
                .load().migrate();
        pool = new ConnectionPool(ConnectionPoolConfiguration.builder(new PostgresqlConnectionFactory(
                        PostgresqlConnectionConfiguration.builder().host(db.host()).port(db.port()).database(db.name())
                                .username(db.appUser()).password(db.appPassword()).build()))
                .initialSize(2).maxSize(16).build());
        client = DatabaseClient.create(pool);
        tx = new TenantTx(client, TransactionalOperator.create(new R2dbcTransactionManager(pool)));
        outbox = new Outbox(client, json, "test");
        topicAdmin = new TopicAdmin(infra.kafkaBootstrap(), (short) 1);
    }

    public OutboxRelay startRelay(Collection<Topic> topics) {
        OutboxRelay relay = new OutboxRelay(
                new OutboxRelay.OutboxSettings(db.jdbcUrl(), db.appUser(), db.appPassword(), "test"),
                () -> OutboxRelay.defaultProducer(infra.kafkaBootstrap(), "test-outbox"),
                topicAdmin, topics, meters);
        relay.start();
        closeables.add(relay::stop);
        return relay;
    }

    public InboxConsumer startConsumer(String service, Subscription subscription) {
        return startConsumer(service, subscription, ObservationRegistry.NOOP);
    }

    public InboxConsumer startConsumer(String service, Subscription subscription, ObservationRegistry observations) {
        Producer<String, byte[]> dlq = OutboxRelay.defaultProducer(infra.kafkaBootstrap(), "test-dlq");
        InboxConsumer consumer = new InboxConsumer(service, subscription, infra.kafkaBootstrap(), tx, topicAdmin, dlq, meters, observations);
        consumer.start();
        closeables.add(dlq::close);
        closeables.add(consumer::stop);
        return consumer;
    }

    public long count(String sql) {
        return db.countAsOwner(sql);
    }

    public double meter(String name) {
        var counter = meters.find(name).counter();
        return counter == null ? 0 : counter.count();
    }

    @Override
    public void close() {
        for (int i = closeables.size() - 1; i >= 0; i--) {
            try {
                closeables.get(i).close();
            } catch (Exception ignored) {
                // best effort: the test database is discarded anyway
            }
        }
        pool.dispose();
    }
}
