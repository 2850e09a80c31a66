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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Load generators. Closed loop ({@link #run}): {@code concurrency} client threads each send a
 * request, wait for its answer and send the next. Open loop ({@link #paced}): requests sent at a
 * fixed rate whatever the answers. A warm-up phase (JIT, connection pools, caches) is sent but not
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
                        IOException unanswered = null;
                        try {
                            response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
                            status = response.statusCode();
                        } catch (IOException e) {
                            status = -1;
                            unanswered = e;
                        }
                        long end = System.nanoTime();
                        if (response != null) target.answered(request, response, sentAt, measured);
                        if (!measured) continue;
                        if (size[0] == mine[0].length) mine[0] = Arrays.copyOf(mine[0], size[0] * 2);
                        mine[0][size[0]++] = (end - start) / 1000;
                        if (status / 100 != 2) failed(errors, status, response, unanswered, request, (end - start) / 1_000_000);
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
        Map<String, Duration> cpu;
        try {
            done.await(warmUp.toMillis(), TimeUnit.MILLISECONDS);
            measuredFrom = System.nanoTime();
            phase.set(MEASURING);
            MeasuredPhase measuring = new MeasuredPhase();
            done.await(measure.toMillis(), TimeUnit.MILLISECONDS);
            phase.set(STOPPED);
            cpu = measuring.end(scenario + " " + point);
            if (!done.await(TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS)) clients.forEach(Thread::interrupt);
            done.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        long[] all = samples.stream().flatMapToLong(Arrays::stream).toArray();
        double seconds = all.length == 0 ? 0 : (lastAnswer.get() - measuredFrom) / 1e9;
        return new Measured(scenario, point, concurrency, all.length, seconds, Latencies.of(all), Map.copyOf(errors), cpu);
    }

    /**
     * Open loop: one request every 1/{@code perSecond} s, as independent inspectors submit, so a
     * slow answer does not hold back the next request (no coordinated omission). A latency counts
     * from when its request was due, and {@link Target#answered} gets that moment as its send time.
     */
    static Measured paced(String scenario, String point, Target target, double perSecond, Duration warmUp, Duration measure) {
        long interval = (long) (1e9 / perSecond);
        long start = System.nanoTime(), startMillis = System.currentTimeMillis();
        long measuredFrom = start + warmUp.toNanos(), until = measuredFrom + measure.toNanos();
        AtomicLong lastAnswer = new AtomicLong();
        Map<Integer, Long> errors = new ConcurrentHashMap<>();
        ConcurrentLinkedQueue<Long> samples = new ConcurrentLinkedQueue<>();
        List<CompletableFuture<?>> sent = new ArrayList<>();
        MeasuredPhase measuring = null;
        for (long due = start; due < until; due += interval) {
            LockSupport.parkNanos(due - System.nanoTime());
            HttpRequest request = target.next();
            if (request == null) break;
            long dueAt = due, dueMillis = startMillis + (due - start) / 1_000_000;
            boolean measured = due >= measuredFrom;
            if (measured && measuring == null) measuring = new MeasuredPhase();
            sent.add(HTTP.sendAsync(request, HttpResponse.BodyHandlers.ofString()).handle((response, failure) -> {
                long end = System.nanoTime();
                if (response != null) target.answered(request, response, dueMillis, measured);
                if (measured) {
                    samples.add((end - dueAt) / 1000);
                    int status = response == null ? -1 : response.statusCode();
                    if (status / 100 != 2) failed(errors, status, response, failure, request, (end - dueAt) / 1_000_000);
                    lastAnswer.accumulateAndGet(end, Math::max);
                }
                return null;
            }));
        }
        Map<String, Duration> cpu = measuring == null ? Map.of() : measuring.end(scenario + " " + point);
        try {
            CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("requests still unanswered after " + TIMEOUT, e);
        }
        long[] all = samples.stream().mapToLong(Long::longValue).toArray();
        double seconds = all.length == 0 ? 0 : (lastAnswer.get() - measuredFrom) / 1e9;
        return new Measured(scenario, point, 0, all.length, seconds, Latencies.of(all), Map.copyOf(errors), cpu);
    }

    /**
     * Counts a failure; the first of each status is shown with its problem detail to say why, and
     * every request left without an answer with what the client saw and after how long.
     */
    private static void failed(Map<Integer, Long> errors, int status, HttpResponse<String> response, Throwable unanswered,
                               HttpRequest request, long millis) {
        long seen = errors.merge(status, 1L, Long::sum);
        if (response == null) {
            LoadRun.say("no answer to %s %s after %d ms: %s", request.method(), request.uri(), millis, unanswered);
        } else if (seen == 1) {
            String body = response.body();
            LoadRun.say("first answer %d: %s", status, body.length() > 400 ? body.substring(0, 400) + " ..." : body);
        }
    }

    static HttpRequest.Builder request(String url) {
        return HttpRequest.newBuilder(java.net.URI.create(url)).timeout(TIMEOUT);
    }

    /** A measured phase as it runs: the CPU each process uses from its start, and flame graphs when asked for. */
    private static final class MeasuredPhase {

        private final Map<String, Map<Long, Duration>> cpuFrom;

        MeasuredPhase() {
            Profiler.measuring();
            cpuFrom = CpuUse.now();
        }

        /** Ends the phase called {@code label}; returns what each process used in it. */
        Map<String, Duration> end(String label) {
            Map<String, Duration> cpu = CpuUse.since(cpuFrom);
            Profiler.measured(label);
            return cpu;
        }
    }
}
