package cn.dsr.infra;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KafkaProcessTest {

    @Test
    void acknowledgedEventsSurviveAKill9OfTheBrokerProcess() throws Exception {
        Path dir = Path.of("target", "kafka-process-" + UUID.randomUUID());
        int port = FreePort.pick();
        KafkaProcess kafka = new KafkaProcess(dir.resolve("log"), port, FreePort.pick(), dir.resolve("kafka.log"), KafkaProcess.onThisClasspath());
        try {
            kafka.start();
            long pid = kafka.pid().orElseThrow();
            assertThat(pid).isNotEqualTo(ProcessHandle.current().pid());
            KafkaClients.send(kafka.bootstrapServers(), "inspection.records.v1", "T-1", "acknowledged before the crash");

            long killed = System.nanoTime();
            kafka.kill9();
            assertThat(kafka.isRunning()).isFalse();
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
            assertThatThrownBy(() -> new Socket().connect(new InetSocketAddress(LocalKafka.HOST, port), 1000)).isInstanceOf(IOException.class);

            kafka.start();
            System.out.printf("Kafka kill -9 and restart with log recovery: %d ms%n", (System.nanoTime() - killed) / 1_000_000);
            KafkaClients.send(kafka.bootstrapServers(), "inspection.records.v1", "T-2", "after the restart");
            assertThat(KafkaClients.consume(kafka.bootstrapServers(), "inspection.records.v1", "reader-" + UUID.randomUUID(), 2))
                    .containsExactly("acknowledged before the crash", "after the restart");

            kafka.stop();
            assertThat(kafka.isRunning()).isFalse();
            kafka.start();
            assertThat(KafkaClients.consume(kafka.bootstrapServers(), "inspection.records.v1", "reader-" + UUID.randomUUID(), 2)).hasSize(2);
        } finally {
            kafka.reset();
            Directories.deleteRecursively(dir);
        }
    }
}
