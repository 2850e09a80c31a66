package cn.dsr.infra;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
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

            KafkaClients.send(bootstrap, "roster.entity.v1", "e-1", "first");
            assertThat(KafkaClients.consume(bootstrap, "roster.entity.v1", "draw-service", 1)).containsExactly("first");

            long stopped = System.nanoTime();
            kafka.stop();
            System.out.printf("Kafka stop: %d ms%n", (System.nanoTime() - stopped) / 1_000_000);
            long restarted = System.nanoTime();
            kafka.start();
            System.out.printf("Kafka restart on existing log dir: %d ms%n", (System.nanoTime() - restarted) / 1_000_000);
            assertThat(kafka.bootstrapServers()).isEqualTo(bootstrap);

            KafkaClients.send(bootstrap, "roster.entity.v1", "e-2", "second");
            // The committed offset survived: the same group continues after "first".
            assertThat(KafkaClients.consume(bootstrap, "roster.entity.v1", "draw-service", 1)).containsExactly("second");
            // And the data did: a new group reads both.
            assertThat(KafkaClients.consume(bootstrap, "roster.entity.v1", "disclosure-service", 2)).containsExactly("first", "second");
        } finally {
            kafka.reset();
        }
    }
}
