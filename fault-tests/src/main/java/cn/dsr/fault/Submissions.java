package cn.dsr.fault;

import cn.dsr.stack.client.Api;
import cn.dsr.stack.client.Stack;
import cn.dsr.stack.demo.QuarterStory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;
import java.util.function.IntSupplier;

/**
 * The clients of the run. {@link #prepare} draws the visits through the gateway; {@link #submit}
 * sends every visit's record from several concurrent clients, each request with the visit's
 * Idempotency-Key, and sends it again — same key, same body — after a failure or a time-out until
 * it is answered 2xx (accepted) or refused with a clear 4xx.
 */
public final class Submissions {

    /**
     * Visits per draw: a draw's {@code draw executed} event carries all its visits, and one Kafka
     * record holds at most {@code max.request.size} bytes.
     */
    static final int PER_DRAW = 1000;
    /** How long the preparation may take for each step of the draws (import, replica, tasks). */
    private static final Duration PREPARATION = Duration.ofMinutes(10);
    /** Past this, a submission still unanswered is given up and reported as such. */
    private static final Duration PATIENCE = Duration.ofMinutes(15);

    private final int clients;
    private final Map<String, Api> apis = new ConcurrentHashMap<>();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong retried = new AtomicLong();
    private final AtomicLong replayed = new AtomicLong();
    private final AtomicLong throttled = new AtomicLong();
    /** taskId → the record id of the 2xx answer. */
    private final Map<String, String> accepted = new ConcurrentHashMap<>();
    private final Map<String, String> refused = new ConcurrentHashMap<>();
    private final List<String> unanswered = Collections.synchronizedList(new ArrayList<>());

    public Submissions(int clients) {
        this.clients = clients;
    }

    /**
     * Draws {@code count} random-inspection visits through the gateway, split between the two demo
     * districts ({@link QuarterStory#drawnVisits}), so that every accepted record goes public and
     * reaches the external feed; answers the visits alternately from each district.
     */
    public List<Visit> prepare(int count, String runId) {
        QuarterStory story = QuarterStory.onStack(Stack.gateway(), Stack.get().issuerUri());
        story.orgUnits();
        List<QuarterStory.Drawn> districts = new ArrayList<>();
        int xihua = (count + 1) / 2;
        districts.add(story.drawnVisits(QuarterStory.XIHUA, xihua, PER_DRAW, PREPARATION));
        if (count > xihua) districts.add(story.drawnVisits(QuarterStory.SHANGSHUI, count - xihua, PER_DRAW, PREPARATION));
        List<Visit> visits = new ArrayList<>();
        for (int number = 0; number < count; number++) {
            QuarterStory.Drawn drawn = districts.get(number % districts.size());
            visits.add(Visit.of(number, drawn, drawn.visits().get(number / districts.size()), runId));
        }
        return visits;
    }

    /**
     * Submits every visit's record; visit {@code i} is not sent before {@code i * faults / visits}
     * faults have begun, so that the faults fall across the whole run.
     */
    void submit(List<Visit> visits, IntSupplier faultsStarted, int faults) {
        parallel(visits.size(), i -> {
            long due = (long) i * faults / visits.size();
            while (faultsStarted.getAsInt() < due) FaultInjector.pause(Duration.ofMillis(20));
            submit(visits.get(i));
        });
    }

    private void submit(Visit visit) {
        String path = "/api/inspection/tasks/" + visit.taskId() + "/record";
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        Duration backoff = Duration.ofMillis(100);
        for (boolean first = true; ; first = false) {
            if (!first) retried.incrementAndGet();
            sent.incrementAndGet();
            Api.Response answer;
            try {
                answer = api(visit.submitter()).post(path, visit.record(), "Idempotency-Key", visit.key());
            } catch (IllegalStateException unreachable) {
                answer = null;
            }
            if (answer != null && answer.status() / 100 == 2) {
                accepted.put(visit.taskId(), answer.body().get("recordId").asString());
                if (answer.header("Idempotent-Replayed").map("true"::equals).orElse(false)) replayed.incrementAndGet();
                return;
            }
            if (answer != null && answer.status() == 429) throttled.incrementAndGet();
            if (answer != null && answer.status() == 401) {
                apis.remove(visit.submitter()); // the token ran out during the run
            } else if (answer != null && isRefusal(answer.status())) {
                refused.put(visit.taskId(), answer.status() + " " + answer.raw());
                return;
            }
            if (System.nanoTime() > deadline) {
                unanswered.add(visit.taskId());
                return;
            }
            FaultInjector.pause(backoff);
            backoff = backoff.multipliedBy(2).compareTo(Duration.ofSeconds(2)) > 0 ? Duration.ofSeconds(2) : backoff.multipliedBy(2);
        }
    }

    /**
     * A clear 4xx: the request itself is wrong and sending it again would not change the answer.
     * 429 (the gateway's rate limit) and 408 ask for the same request later; 401 for a new token.
     */
    static boolean isRefusal(int status) {
        return status / 100 == 4 && status != 401 && status != 408 && status != 429;
    }

    private Api api(String user) {
        return apis.computeIfAbsent(user, Stack::as);
    }

    private void parallel(int count, IntConsumer work) {
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                workers.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) work.accept(i);
                }));
            }
            for (Future<?> worker : workers) worker.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
            try {
                pool.awaitTermination(1, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    long sent() {
        return sent.get();
    }

    long retried() {
        return retried.get();
    }

    long replayed() {
        return replayed.get();
    }

    /** Answers 429 from the gateway's rate limit, each sent again after a pause. */
    long throttled() {
        return throttled.get();
    }

    Map<String, String> accepted() {
        return Map.copyOf(accepted);
    }

    Map<String, String> refused() {
        return Map.copyOf(refused);
    }

    List<String> unanswered() {
        synchronized (unanswered) {
            return List.copyOf(unanswered);
        }
    }
}
