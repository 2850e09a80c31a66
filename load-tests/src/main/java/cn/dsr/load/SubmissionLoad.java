package cn.dsr.load;

import cn.dsr.fault.Submissions;
import cn.dsr.fault.Visit;
import cn.dsr.infra.ServiceDatabase;
import cn.dsr.issuer.client.DemoLogin;
import cn.dsr.launcher.LocalStack;
import cn.dsr.stack.client.Api;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Result submissions through the gateway into disclosure. The visits (targeted inspections) are
 * entered beforehand with fault-tests' {@link Submissions#enter}; then their records are submitted,
 * each once, with its Idempotency-Key, by the generator's clients as inspectors would.
 *
 * <p>Targeted inspections are left out of disclosure (ResultsFromInspection discloses only the random
 * system's tasks), so none reaches the external feed {@code disclosure.public.v1}. The closest point
 * measured instead: the row disclosure-service writes into its inbox (consumer {@value #CONSUMER})
 * when it takes in the record's {@code inspection submitted} event from {@code inspection.records.v1};
 * its {@code received_at} is PostgreSQL's {@code now()}, the start of that transaction, on the same
 * machine's clock as the submitting client.
 */
final class SubmissionLoad {

    static final String CONSUMER = "records";
    private static final String SUBMITTED = "cn.gov.mee.dsr.inspection.submitted.v1";
    private static final Duration DRAIN = Duration.ofMinutes(3);

    private final LocalStack stack;
    private final String gateway;

    SubmissionLoad(LocalStack stack, String gateway) {
        this.stack = stack;
        this.gateway = gateway;
    }

    /** The HTTP row (submit → 2xx) and the end-to-end row (submit → taken in by disclosure-service). */
    List<Measured> run(int visits, int concurrency, Duration warmUp, Duration measure) {
        LoadRun.say("entering %d targeted inspections through the gateway (preparation, not measured) ...", visits);
        List<Visit> prepared = new Submissions(concurrency).enter(visits, "load-" + UUID.randomUUID().toString().substring(0, 8));
        Map<String, String> tokens = new ConcurrentHashMap<>();
        Map<String, Long> sentAtByRecord = new ConcurrentHashMap<>();
        AtomicInteger next = new AtomicInteger();
        Generator.Target target = new Generator.Target() {
            @Override
            public HttpRequest next() {
                int i = next.getAndIncrement();
                if (i >= prepared.size()) return null;
                Visit visit = prepared.get(i);
                String token = tokens.computeIfAbsent(visit.submitter().user(),
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
                    sentAtByRecord.put(Api.JSON.readTree(response.body()).get("recordId").asString(), sentAtMillis);
                }
            }
        };
        LoadRun.say("submitting %d records from %d clients (warm-up %d s, then measured up to %d s) ...",
                visits, concurrency, warmUp.toSeconds(), measure.toSeconds());
        Measured http = Generator.run("submissions", "POST record via gateway → 2xx", target, concurrency, warmUp, measure);
        LoadRun.say("waiting for disclosure-service to take in the measured submissions ...");
        return List.of(http, endToEnd(sentAtByRecord, concurrency, http.seconds()));
    }

    /** Submit → disclosure-service's inbox row, for every measured submission; those not taken in within {@link #DRAIN} are errors. */
    private Measured endToEnd(Map<String, Long> sentAtByRecord, int concurrency, double seconds) {
        long deadline = System.nanoTime() + DRAIN.toNanos();
        Map<String, Long> takenIn;
        do {
            Map<String, String> eventByRecord = query(stack.database("inspection"),
                    "SELECT convert_from(payload, 'UTF8')::jsonb ->> 'recordId', event_id::text FROM outbox WHERE type = '" + SUBMITTED + "'");
            Map<String, String> receivedByEvent = query(stack.database("disclosure"),
                    "SELECT event_id::text, (extract(epoch FROM received_at) * 1000)::bigint::text FROM inbox WHERE consumer = '" + CONSUMER + "'");
            takenIn = new HashMap<>();
            for (String record : sentAtByRecord.keySet()) {
                String received = receivedByEvent.get(eventByRecord.get(record));
                if (received != null) takenIn.put(record, Long.parseLong(received));
            }
            if (takenIn.size() == sentAtByRecord.size()) break;
            sleep();
        } while (System.nanoTime() < deadline);
        Map<String, Long> received = takenIn;
        long[] micros = received.entrySet().stream().mapToLong(e -> (e.getValue() - sentAtByRecord.get(e.getKey())) * 1000).toArray();
        long missing = sentAtByRecord.size() - received.size();
        return new Measured("submissions", "submit → disclosure inbox (" + CONSUMER + ")", concurrency, micros.length, seconds,
                Latencies.of(micros), missing == 0 ? Map.of() : Map.of(-1, missing));
    }

    /** First column → second, run as the database's owner (beneath row-level security). */
    private static Map<String, String> query(ServiceDatabase db, String sql) {
        Map<String, String> out = new HashMap<>();
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.ownerUser(), db.ownerPassword());
             Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) out.put(rs.getString(1), rs.getString(2));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot run " + sql + " on " + db.name(), e);
        }
        return out;
    }

    private static void sleep() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
