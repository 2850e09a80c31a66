package cn.dsr.platform.config;

import cn.dsr.platform.events.Topic;
import cn.dsr.platform.events.TopicAdmin;
import cn.dsr.platform.inbox.InboxConsumer;
import cn.dsr.platform.inbox.Subscription;
import cn.dsr.platform.outbox.Outbox;
import cn.dsr.platform.outbox.OutboxRelay;
import cn.dsr.platform.tenant.TenantTx;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.producer.Producer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import tools.jackson.databind.json.JsonMapper;

/**
 * Wires the data-side mechanisms into every service that has a database: outbox and relay,
 * inbox consumers for the service's {@link Subscription} beans, and tenant transactions.
 */
@AutoConfiguration
@ConditionalOnClass(DatabaseClient.class)
public class PlatformDataAutoConfiguration {

    @Bean
    TopicAdmin topicAdmin(@Value("${dsr.kafka.bootstrap-servers}") String bootstrap,
                          @Value("${dsr.kafka.replication-factor:1}") short replicationFactor) {
        return new TopicAdmin(bootstrap, replicationFactor);
    }

    @Bean
    TenantTx tenantTx(DatabaseClient db, TransactionalOperator tx) {
        return new TenantTx(db, tx);
    }

    @Bean
    Outbox outbox(DatabaseClient db, JsonMapper json, @Value("${spring.application.name}") String service) {
        return new Outbox(db, json, service);
    }

    @Bean
    @ConditionalOnProperty(name = "dsr.outbox.relay.enabled", matchIfMissing = true)
    OutboxRelay outboxRelay(Environment env, TopicAdmin topicAdmin, ObjectProvider<Topic> topics, MeterRegistry meters,
                            @Value("${spring.application.name}") String service,
                            @Value("${dsr.kafka.bootstrap-servers}") String bootstrap) {
        var settings = new OutboxRelay.OutboxSettings(env.getRequiredProperty("spring.flyway.url"),
                env.getRequiredProperty("spring.r2dbc.username"), env.getRequiredProperty("spring.r2dbc.password"), service);
        return new OutboxRelay(settings, () -> OutboxRelay.defaultProducer(bootstrap, service + "-outbox"),
                topicAdmin, topics.orderedStream().toList(), meters);
    }

    @Bean(destroyMethod = "close")
    Producer<String, byte[]> deadLetterProducer(@Value("${spring.application.name}") String service,
                                                @Value("${dsr.kafka.bootstrap-servers}") String bootstrap) {
        return OutboxRelay.defaultProducer(bootstrap, service + "-dlq");
    }

    @Bean
    List<InboxConsumer> inboxConsumers(ObjectProvider<Subscription> subscriptions, TenantTx tx, TopicAdmin topicAdmin,
                                       Producer<String, byte[]> deadLetterProducer, MeterRegistry meters,
                                       ObjectProvider<ObservationRegistry> observations,
                                       @Value("${spring.application.name}") String service,
                                       @Value("${dsr.kafka.bootstrap-servers}") String bootstrap) {
        List<InboxConsumer> consumers = new ArrayList<>();
        ObservationRegistry registry = observations.getIfAvailable(() -> ObservationRegistry.NOOP);
        subscriptions.orderedStream().forEach(s ->
                consumers.add(new InboxConsumer(service, s, bootstrap, tx, topicAdmin, deadLetterProducer, meters, registry)));
        return consumers;
    }

    @Bean
    InboxLifecycle inboxLifecycle(List<InboxConsumer> inboxConsumers) {
        return new InboxLifecycle(inboxConsumers);
    }

    @Bean
    FlywayConfigurationCustomizer appRolePlaceholder(Environment env) {
        // migrations grant table rights to the role the service runs as, whatever it is called
        return config -> config.placeholders(java.util.Map.of("app_role", env.getRequiredProperty("spring.r2dbc.username")));
    }

}
