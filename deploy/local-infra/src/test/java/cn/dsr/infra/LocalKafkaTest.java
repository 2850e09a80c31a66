package cn.dsr.infra;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class LocalKafkaTest {

    @Test
    void eventsSurviveABrokerRestartOnTheSamePortsAndLogDirectory() throws Exception {
        LocalKafka kafka = new LocalKafka(Path.of("target", "kafka-" + UUID.randomUUID()), FreePort.pick(), FreePort.pick());
        try {
            long started = System.nanoTime();
            kafka.start();
            System.out.printf("Kafka first start (format + start): %d ms%n", (System.nanoTime() - started) / 1_000_000);
            String bootstrap = kafka.bootstrapServers();

            send(bootstrap, "roster.entity.v1", "e-1", "first");
            assertThat(consume(bootstrap, "roster.entity.v1", "draw-service", 1)).containsExactly("first");

            long stopped = System.nanoTime();
            kafka.stop();
            System.out.printf("Kafka stop: %d ms%n", (System.nanoTime() - stopped) / 1_000_000);
            long restarted = System.nanoTime();
            kafka.start();
            System.out.printf("Kafka restart on existing log dir: %d ms%n", (System.nanoTime() - restarted) / 1_000_000);
            assertThat(kafka.bootstrapServers()).isEqualTo(bootstrap);

            send(bootstrap, "roster.entity.v1", "e-2", "second");
            // The committed offset survived: the same group continues after "first".
            assertThat(consume(bootstrap, "roster.entity.v1", "draw-service", 1)).containsExactly("second");
            // And the data did: a new group reads both.
            assertThat(consume(bootstrap, "roster.entity.v1", "disclosure-service", 2)).containsExactly("first", "second");
        } finally {
            kafka.reset();
        }
    }

    private static void send(String bootstrap, String topic, String key, String value) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true),
                new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        }
    }

    private static List<String> consume(String bootstrap, String topic, String group, int expected) {
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (values.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    values.add(record.value());
                }
            }
            consumer.commitSync();
        }
        return values;
    }
}
