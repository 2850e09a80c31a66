package cn.dsr.load;

import cn.dsr.fault.Submissions;
import cn.dsr.fault.Visit;
import cn.dsr.issuer.client.DemoLogin;
import cn.dsr.launcher.LocalStack;
import cn.dsr.stack.client.Api;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import tools.jackson.databind.JsonNode;

/**
 * Result submissions through the gateway into disclosure, measured to the external feed. The
 * visits are drawn beforehand (random inspections, whose results go public without review) with
 * fault-tests' {@link Submissions#prepare}; then their records are submitted, each once, with its
 * Idempotency-Key, by the generator's clients as inspectors would.
 *
 * <p>The end-to-end point is the record's {@code result published} event arriving on
 * {@value #FEED} (CloudEvents structured, subject = the result id = the task id), read by a
 * consumer of every partition from the topic's end; the arrival is this JVM's clock when the
 * poll returns it, the same clock the submission was sent by.
 */
final class SubmissionLoad {

    static final String FEED = "disclosure.public.v1";
    private static final String RESULT_PUBLISHED = "cn.gov.mee.dsr.disclosure.result-published.v1";
    private static final Duration DRAIN = Duration.ofMinutes(3);
    /** Clients drawing the visits beforehand (not measured). */
    private static final int PREPARING_CLIENTS = 32;

    private final LocalStack stack;
    private final String gateway;

    SubmissionLoad(LocalStack stack, String gateway) {
        this.stack = stack;
        this.gateway = gateway;
    }

    /** Closed loop: the HTTP row (submit → 2xx) and the end-to-end row (submit → the result on the external feed). */
    List<Measured> run(int visits, int concurrency, Duration warmUp, Duration measure) {
        Submitting submitting = prepare(visits);
        try (Feed feed = new Feed(stack.kafkaBootstrap())) {
            LoadRun.say("submitting %d records from %d clients (warm-up %d s, then measured up to %d s) ...",
                    visits, concurrency, warmUp.toSeconds(), measure.toSeconds());
            Measured http = Generator.run("submissions", "POST record via gateway → 2xx", submitting, concurrency, warmUp, measure);
            LoadRun.say("waiting for the measured submissions' results on %s ...", FEED);
            return List.of(http, endToEnd("submissions", feed, submitting.sentAtByTask, concurrency, http.seconds()));
        }
    }

    /**
     * Open loop at a fixed rate, the way the submit → feed latency is meant: at a rate the stack
     * sustains, how long a submission takes to reach the credit systems.
     */
    List<Measured> paced(int visits, double perSecond, Duration warmUp, Duration measure) {
        Submitting submitting = prepare(visits);
        try (Feed feed = new Feed(stack.kafkaBootstrap())) {
            LoadRun.say("submitting records at %.0f/s (warm-up %d s, then measured up to %d s) ...", perSecond, warmUp.toSeconds(), measure.toSeconds());
            String point = String.format(java.util.Locale.ROOT, "POST record via gateway at %.0f/s → 2xx", perSecond);
            Measured http = Generator.paced("paced", point, submitting, perSecond, warmUp, measure);
            LoadRun.say("waiting for the measured submissions' results on %s ...", FEED);
            return List.of(http, endToEnd("paced", feed, submitting.sentAtByTask, 0, http.seconds()));
        }
    }

    private Submitting prepare(int visits) {
        LoadRun.say("drawing %d random-inspection visits through the gateway (preparation, not measured) ...", visits);
        return new Submitting(new Submissions(PREPARING_CLIENTS).prepare(visits, "load-" + UUID.randomUUID().toString().substring(0, 8)));
    }

    /** Each prepared visit's record submitted once, with its Idempotency-Key, as its inspector would; the measured ones' send times by task. */
    private final class Submitting implements Generator.Target {

        final Map<String, Long> sentAtByTask = new ConcurrentHashMap<>();
        private final List<Visit> prepared;
        private final Map<String, String> tokens = new ConcurrentHashMap<>();
        private final AtomicInteger next = new AtomicInteger();

        Submitting(List<Visit> prepared) {
            this.prepared = prepared;
        }

        @Override
        public HttpRequest next() {
            int i = next.getAndIncrement();
            if (i >= prepared.size()) return null;
            Visit visit = prepared.get(i);
            String token = tokens.computeIfAbsent(visit.submitter(),
                    user -> DemoLogin.accessToken(URI.create(stack.issuerUri()), user, "demo"));
            return Generator.request(gateway + "/api/inspection/tasks/" + visit.taskId() + "/record")
                    .header("Content-Type", "application/json")
                    .header("Authorization", "Bearer " + token)
                    .header("Idempotency-Key", visit.key())
                    .POST(HttpRequest.BodyPublishers.ofString(visit.record()))
                    .build();
        }

        @Override
        public void answered(HttpRequest request, HttpResponse<String> response, long sentAtMillis, boolean measured) {
            if (measured && response.statusCode() / 100 == 2) {
                sentAtByTask.put(Api.JSON.readTree(response.body()).get("taskId").asString(), sentAtMillis);
            }
        }
    }

    /** Submit → the result on the feed, for every measured submission; those not there within {@link #DRAIN} are errors. */
    private static Measured endToEnd(String scenario, Feed feed, Map<String, Long> sentAtByTask, int concurrency, double seconds) {
        long deadline = System.nanoTime() + DRAIN.toNanos();
        while (!feed.arrivedAt.keySet().containsAll(sentAtByTask.keySet()) && System.nanoTime() < deadline) sleep();
        long[] micros = sentAtByTask.entrySet().stream().filter(e -> feed.arrivedAt.containsKey(e.getKey()))
                .mapToLong(e -> (feed.arrivedAt.get(e.getKey()) - e.getValue()) * 1000).toArray();
        long missing = sentAtByTask.size() - micros.length;
        return new Measured(scenario, "submit → result on " + FEED, concurrency, micros.length, seconds,
                Latencies.of(micros), missing == 0 ? Map.of() : Map.of(-1, missing));
    }

    /** Every partition of the feed read from its end at the start, the first arrival of each result's publication noted by task. */
    private static final class Feed implements AutoCloseable {

        final Map<String, Long> arrivedAt = new ConcurrentHashMap<>();
        private final Thread reader;
        private volatile boolean reading = true;

        Feed(String bootstrap) {
            KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                    ConsumerConfig.GROUP_ID_CONFIG, "load-feed-" + UUID.randomUUID(),
                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                    ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 50),
                    new StringDeserializer(), new ByteArrayDeserializer());
            List<TopicPartition> partitions = consumer.partitionsFor(FEED, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(FEED, p.partition())).toList();
            if (partitions.isEmpty()) throw new IllegalStateException(FEED + " has no partitions");
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position); // the end as of now, before the first submission
            reader = new Thread(() -> {
                try (consumer) {
                    while (reading) {
                        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(50))) {
                            long now = System.currentTimeMillis();
                            JsonNode event = Api.JSON.readTree(record.value());
                            if (RESULT_PUBLISHED.equals(event.path("type").asString())) arrivedAt.putIfAbsent(event.path("subject").asString(), now);
                        }
                    }
                }
            }, "feed-reader");
            reader.start();
        }

        @Override
        public void close() {
            reading = false;
            try {
                reader.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
