package cn.dsr.fault;

import cn.dsr.stack.client.Api;
import cn.dsr.stack.client.Stack;
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
import java.util.function.Function;
import java.util.function.IntConsumer;
import java.util.function.IntSupplier;

/**
 * The clients of the run. {@link #enter} creates the visits' tasks through the gateway; {@link #submit}
 * sends every visit's record from several concurrent clients, each request with the visit's
 * Idempotency-Key, and sends it again — same key, same body — after a failure or a time-out until
 * it is answered 2xx (accepted) or refused with a clear 4xx.
 */
public final class Submissions {

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

    /** Enters {@code count} targeted inspections, alternately in each district; answers the visits in order. */
    public List<Visit> enter(int count, String runId) {
        Visit[] visits = new Visit[count];
        parallel(count, number -> {
            District district = District.DEMO.get(number % District.DEMO.size());
            Api.Response created = untilAnswered(district.operator(), api ->
                    api.post("/api/inspection/tasks/targeted", Visit.targetedInspection(district, number)));
            if (created.status() != 201) {
                throw new IllegalStateException("targeted inspection " + number + " refused: " + created.status() + " " + created.raw());
            }
            visits[number] = Visit.of(number, created.body().get("taskId").asString(), district, runId);
        });
        return List.of(visits);
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
                answer = api(visit.submitter().user()).post(path, visit.record(), "Idempotency-Key", visit.key());
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
                apis.remove(visit.submitter().user()); // the token ran out during the run
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

    /** The setup's requests are retried alike, but not counted among the submissions. */
    private Api.Response untilAnswered(String user, Function<Api, Api.Response> call) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (true) {
            try {
                Api.Response answer = call.apply(api(user));
                if (answer.status() / 100 == 2 || isRefusal(answer.status())) return answer;
                if (answer.status() == 401) apis.remove(user);
            } catch (IllegalStateException unreachable) {
                if (System.nanoTime() > deadline) throw unreachable;
            }
            FaultInjector.pause(Duration.ofMillis(500));
        }
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
