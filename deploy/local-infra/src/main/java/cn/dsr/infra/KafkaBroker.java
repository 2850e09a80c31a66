package cn.dsr.infra;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The main of a {@link LocalKafka} in a JVM of its own (see {@link KafkaProcess}). Arguments: log
 * directory, broker port, controller port, ready file. The ready file is written once the broker
 * accepts clients. SIGTERM shuts the broker down cleanly; so does the end of standard input, which
 * comes when the parent dies, even by SIGKILL, so that no broker outlives its launcher.
 */
public final class KafkaBroker {

    private KafkaBroker() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 4) {
            System.err.println("usage: KafkaBroker <log-dir> <broker-port> <controller-port> <ready-file>");
            System.exit(2);
        }
        Thread parentWatch = new Thread(KafkaBroker::exitWhenParentIsGone, "parent-watch");
        parentWatch.setDaemon(true);
        parentWatch.start();
        LocalKafka kafka = new LocalKafka(Path.of(args[0]), Integer.parseInt(args[1]), Integer.parseInt(args[2]));
        Runtime.getRuntime().addShutdownHook(new Thread(kafka::stop, "kafka-shutdown"));
        kafka.start();
        Files.writeString(Path.of(args[3]), String.valueOf(ProcessHandle.current().pid()));
    }

    private static void exitWhenParentIsGone() {
        try (InputStream in = System.in) {
            while (in.read() >= 0) {
                // nothing is sent on this pipe; only its end matters
            }
        } catch (IOException e) {
            // a broken pipe is the parent gone as well
        }
        System.exit(0);
    }
}
