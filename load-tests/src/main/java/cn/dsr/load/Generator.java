package cn.dsr.load;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A closed-loop load generator: {@code concurrency} client threads each send a request, wait for
 * its answer and send the next. A warm-up phase (JIT, connection pools, caches) is sent but not
 * counted; the measured phase counts every request sent in it, until its time is up or the target
 * has nothing left to send. Its rate is answers over the time from its start to its last answer.
 */
final class Generator {

    /** What to send. */
    interface Target {

        /** The next request, or null when there is nothing left to send. */
        HttpRequest next();

        /** Each answer, with the wall-clock time its request was sent at and whether it counts. */
        default void answered(HttpRequest request, HttpResponse<String> response, long sentAtMillis, boolean measured) {}
    }

    /** HTTP/1.1 (no h2c upgrade attempt) and a small fixed pool for the client's own work. */
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .executor(Executors.newFixedThreadPool(4, r -> {
                Thread t = new Thread(r, "load-http");
                t.setDaemon(true);
                return t;
            }))
            .build();
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    private static final int WARMING = 0, MEASURING = 1, STOPPED = 2;

    private Generator() {}

    static Measured run(String scenario, String point, Target target, int concurrency, Duration warmUp, Duration measure) {
        AtomicLong phase = new AtomicLong(WARMING);
        AtomicLong lastAnswer = new AtomicLong();
        Map<Integer, Long> errors = new ConcurrentHashMap<>();
        List<long[]> samples = new ArrayList<>();
        List<Thread> clients = new ArrayList<>();
        CountDownLatch done = new CountDownLatch(concurrency);
        for (int c = 0; c < concurrency; c++) {
            long[][] mine = {new long[1024]};
            int[] size = {0};
            Thread client = new Thread(() -> {
                try {
                    for (HttpRequest request = target.next(); request != null && phase.get() != STOPPED; request = target.next()) {
                        boolean measured = phase.get() == MEASURING;
                        long sentAt = System.currentTimeMillis();
                        long start = System.nanoTime();
                        int status;
                        HttpResponse<String> response = null;
                        try {
                            response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
                            status = response.statusCode();
                        } catch (IOException e) {
                            status = -1;
                        }
                        long end = System.nanoTime();
                        if (response != null) target.answered(request, response, sentAt, measured);
                        if (!measured) continue;
                        if (size[0] == mine[0].length) mine[0] = Arrays.copyOf(mine[0], size[0] * 2);
                        mine[0][size[0]++] = (end - start) / 1000;
                        if (status / 100 != 2) errors.merge(status, 1L, Long::sum);
                        lastAnswer.accumulateAndGet(end, Math::max);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    synchronized (samples) {
                        samples.add(Arrays.copyOf(mine[0], size[0]));
                    }
                    done.countDown();
                }
            }, "load-client-" + c);
            clients.add(client);
            client.start();
        }
        long measuredFrom;
        try {
            done.await(warmUp.toMillis(), TimeUnit.MILLISECONDS);
            measuredFrom = System.nanoTime();
            phase.set(MEASURING);
            done.await(measure.toMillis(), TimeUnit.MILLISECONDS);
            phase.set(STOPPED);
            if (!done.await(TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS)) clients.forEach(Thread::interrupt);
            done.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        long[] all = samples.stream().flatMapToLong(Arrays::stream).toArray();
        double seconds = all.length == 0 ? 0 : (lastAnswer.get() - measuredFrom) / 1e9;
        return new Measured(scenario, point, concurrency, all.length, seconds, Latencies.of(all), Map.copyOf(errors));
    }

    static HttpRequest.Builder request(String url) {
        return HttpRequest.newBuilder(java.net.URI.create(url)).timeout(TIMEOUT);
    }
}
