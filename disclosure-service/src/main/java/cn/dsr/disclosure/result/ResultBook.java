package cn.dsr.disclosure.result;

import cn.dsr.disclosure.feed.FeedType;
import cn.dsr.disclosure.feed.PublicChanges;
import cn.dsr.disclosure.result.Publication.Change;
import cn.dsr.disclosure.result.Publication.Prior;
import cn.dsr.disclosure.result.ResultDocument.FollowUp;
import cn.dsr.workingdays.WorkingDays;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.r2dbc.postgresql.codec.Json;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Keeps every version of every result and carries out {@link Publication}'s decisions: the
 * internal {@code result_version} rows, the public {@code public_result} rows, and one change in
 * the change log per public change. Every method runs inside its caller's tenant transaction.
 */
@Component
public class ResultBook {

    public static final String SYSTEM = "system";
    private static final int RESULT_LOCK_CLASS = 0x64737272; // "dsrr"

    private final JsonMapper json;
    private final PublicChanges changes;
    private final Clock clock;
    private final WorkingDays calendar = WorkingDays.official();
    private final Timer publicationDelay;

    public ResultBook(JsonMapper json, PublicChanges changes, Clock clock, MeterRegistry meters) {
        this.json = json;
        this.changes = changes;
        this.clock = clock;
        this.publicationDelay = Timer.builder("dsr.disclosure.publication.delay")
                .description("from a record's submission to its result's publication (reviewed, automatic or at once)")
                .publishPercentileHistogram().register(meters);
    }

    /** A submitted or amended version arrived: store it and publish, hold or withhold it. */
    public Mono<Void> receive(DatabaseClient db, InspectionResult result, boolean enteredOnTime, byte[] record) {
        return lock(db, result.resultId()).then(priors(db, result.resultId())).flatMap(priors -> {
            if (priors.stream().anyMatch(p -> p.version() >= result.version())) return Mono.<Void>empty(); // a replay
            return policy(db, result.tenant()).flatMap(policy -> {
                Publication.Decision decision = Publication.receive(result, priors, policy, calendar, LocalDate.now(clock));
                // stored in its decided state: the earlier versions change after it, its public document last
                Mono<Void> insert = db.sql("""
                                INSERT INTO result_version (result_id, version, tenant, district, uscc, name, draw_id, period, random,
                                       inspection_date, submitted_at, entered_on_time, conclusion, record, state, due, published_at, published_by)
                                VALUES (:id, :version, :tenant, :district, :uscc, :name, :draw, :period, :random,
                                        :date, :submitted, :onTime, :conclusion, :record, :state, :due,
                                        CASE WHEN :state = 'PUBLISHED' THEN now() END, CASE WHEN :state = 'PUBLISHED' THEN :by END)
                                RETURNING \s""" + DELAY_MS)
                        .bind("id", result.resultId()).bind("version", result.version()).bind("tenant", result.tenant())
                        .bind("district", districtOf(result)).bind("uscc", result.entity().uscc()).bind("name", result.entity().name())
                        .bind("draw", org.springframework.r2dbc.core.Parameter.fromOrEmpty(result.drawId(), String.class))
                        .bind("period", result.period()).bind("random", result.random())
                        .bind("date", result.inspectionDate()).bind("submitted", result.submittedAt()).bind("onTime", enteredOnTime)
                        .bind("conclusion", result.conclusion().name()).bind("record", Json.of(record))
                        .bind("state", decision.state().name()).bind("due", decision.due()).bind("by", SYSTEM)
                        .map(r -> r.get("delay_ms", Long.class)).one()
                        .doOnNext(delayMs -> recordDelay(decision.state(), delayMs))
                        .then();
                Change received = new Change(result.version(), decision.state());
                return insert.then(apply(db, result.resultId(), decision.earlier(), SYSTEM)).then(shown(db, result.resultId(), received));
            });
        });
    }

    /** A reviewer, or the due date, publishes a version that waited for review. */
    public Mono<Void> publishWaiting(DatabaseClient db, String resultId, int version, String by) {
        return lock(db, resultId).then(priors(db, resultId)).flatMap(priors -> apply(db, resultId, Publication.publish(version, priors), by));
    }

    /** Something followed the visit: the public document of the current version is brought up to date. */
    public Mono<Void> followUp(DatabaseClient db, String resultId, String tenant, String column, Object value, LocalDate deadline) {
        String sql = switch (column) {
            case "rectification" -> """
                    INSERT INTO result_follow_up (result_id, tenant, rectification, rectification_deadline) VALUES (:id, :tenant, :value, :deadline)
                    ON CONFLICT (result_id) DO UPDATE SET rectification = excluded.rectification, rectification_deadline = excluded.rectification_deadline""";
            case "case_number" -> """
                    INSERT INTO result_follow_up (result_id, tenant, case_number) VALUES (:id, :tenant, :value)
                    ON CONFLICT (result_id) DO UPDATE SET case_number = excluded.case_number""";
            case "transferred_to" -> """
                    INSERT INTO result_follow_up (result_id, tenant, transferred_to) VALUES (:id, :tenant, :value)
                    ON CONFLICT (result_id) DO UPDATE SET transferred_to = excluded.transferred_to""";
            default -> throw new IllegalArgumentException(column);
        };
        var spec = db.sql(sql).bind("id", resultId).bind("tenant", tenant).bind("value", value);
        if (sql.contains(":deadline")) spec = spec.bind("deadline", org.springframework.r2dbc.core.Parameter.fromOrEmpty(deadline, LocalDate.class));
        return lock(db, resultId).then(spec.then()).then(db.sql("SELECT version, revision FROM public_result WHERE result_id = :id AND current")
                .bind("id", resultId).map(r -> new int[]{r.get("version", Integer.class), r.get("revision", Integer.class)}).one()
                .flatMap(current -> render(db, resultId, current[0], current[1] + 1)));
    }

    /** The versions published automatically today: those whose review did not come by their due date. */
    public record Waiting(String resultId, int version, String tenant) {}

    /** How many versions of one district wait for publication, and whether their due date has passed. */
    public record Awaiting(String district, boolean pastDue, long count) {}

    /** Every version not yet public that will be, by district; past due means the automatic publication did not happen. */
    public Flux<Awaiting> awaiting(DatabaseClient db, LocalDate today) {
        return db.sql("""
                        SELECT district, due < :today AS past_due, count(*) AS n FROM result_version
                         WHERE state = 'AWAITING_REVIEW' GROUP BY district, due < :today""")
                .bind("today", today)
                .map(r -> new Awaiting(r.get("district", String.class), Boolean.TRUE.equals(r.get("past_due", Boolean.class)),
                        r.get("n", Long.class)))
                .all();
    }

    public Flux<Waiting> dueForAutoPublication(DatabaseClient db, LocalDate today) {
        return db.sql("SELECT result_id, version, tenant FROM result_version WHERE state = 'AWAITING_REVIEW' AND due <= :today ORDER BY due")
                .bind("today", today)
                .map(r -> new Waiting(r.get("result_id", String.class), r.get("version", Integer.class), r.get("tenant", String.class)))
                .all();
    }

    // ---- applying decisions

    private Mono<Void> apply(DatabaseClient db, String resultId, List<Change> changesToApply, String by) {
        // versions leave the public view before a new one enters it, so the new one knows what it supersedes
        List<Change> ordered = changesToApply.stream().sorted(java.util.Comparator.comparing(c -> c.to() == PublicationState.PUBLISHED)).toList();
        return Flux.fromIterable(ordered).concatMap(change -> db.sql("""
                                UPDATE result_version SET state = :state,
                                       published_at = CASE WHEN :state = 'PUBLISHED' THEN now() ELSE published_at END,
                                       published_by = CASE WHEN :state = 'PUBLISHED' THEN :by ELSE published_by END
                                 WHERE result_id = :id AND version = :version
                                RETURNING \s""" + DELAY_MS)
                        .bind("state", change.to().name()).bind("by", by).bind("id", resultId).bind("version", change.version())
                        .map(r -> r.get("delay_ms", Long.class))
                        .all()
                        .doOnNext(delayMs -> recordDelay(change.to(), delayMs))
                        .then(shown(db, resultId, change)))
                .then();
    }

    private static final String DELAY_MS = "coalesce((extract(epoch FROM published_at - submitted_at) * 1000)::bigint, -1) AS delay_ms";

    private void recordDelay(PublicationState state, long delayMs) {
        if (state == PublicationState.PUBLISHED && delayMs >= 0) publicationDelay.record(Duration.ofMillis(delayMs));
    }

    /** What the public sees of a version once its state changed. */
    private Mono<Void> shown(DatabaseClient db, String resultId, Change change) {
        return switch (change.to()) {
            case PUBLISHED -> render(db, resultId, change.version(), 1);
            case SUPERSEDED -> db.sql("UPDATE public_result SET current = false WHERE result_id = :id AND version = :version")
                    .bind("id", resultId).bind("version", change.version()).then();
            case WITHDRAWN -> withdraw(db, resultId, change.version());
            default -> Mono.empty();
        };
    }

    private Mono<Void> withdraw(DatabaseClient db, String resultId, int version) {
        return db.sql("DELETE FROM public_result WHERE result_id = :id AND version = :version RETURNING tenant, district, uscc, name")
                .bind("id", resultId).bind("version", version)
                .map(r -> new String[]{r.get("tenant", String.class), r.get("district", String.class), r.get("uscc", String.class), r.get("name", String.class)})
                .one()
                .flatMap(row -> {
                    Map<String, Object> data = new LinkedHashMap<>();
                    data.put("resultId", resultId);
                    data.put("version", version);
                    data.put("tenant", row[0]);
                    data.put("district", row[1]);
                    data.put("entity", new ResultDocument.Entity(row[2], row[3]));
                    data.put("reason", Confidentiality.NATIONAL_SECRET.name());
                    data.put("withdrawnAt", OffsetDateTime.now(ZoneOffset.UTC));
                    return changes.append(db, FeedType.RESULT_WITHDRAWN, row[2], resultId, row[0], "withdrawn-" + version, data);
                });
    }

    /** (Re)writes the public document of a published version and records the change. */
    private Mono<Void> render(DatabaseClient db, String resultId, int version, int revision) {
        // the version, its follow-up and the visit's item names in one round trip
        return db.sql("""
                        SELECT v.record, v.due, v.published_at, v.period,
                               (SELECT max(p.version) FROM result_version p WHERE p.result_id = v.result_id AND p.version < v.version
                                   AND p.state = 'SUPERSEDED') AS supersedes,
                               EXISTS (SELECT 1 FROM result_version p WHERE p.result_id = v.result_id AND p.version < v.version
                                   AND p.state IN ('SUPERSEDED', 'WITHDRAWN')) AS amended,
                               f.rectification, f.rectification_deadline, f.case_number, f.transferred_to,
                               (SELECT d.items::text FROM drawn_visit d WHERE d.visit_id = v.result_id) AS items
                          FROM result_version v LEFT JOIN result_follow_up f ON f.result_id = v.result_id
                         WHERE v.result_id = :id AND v.version = :version""")
                .bind("id", resultId).bind("version", version).fetch().one().flatMap(v -> {
            InspectionResult result = InspectionResults.from(json.readTree(((Json) v.get("record")).asArray()), (String) v.get("period"));
            Redaction.PublicRecord open = Redaction.publicPart(result).orElseThrow(() -> new IllegalStateException("a national secret is never rendered"));
            OffsetDateTime publishedAt = ((OffsetDateTime) v.get("published_at")).withOffsetSameInstant(ZoneOffset.UTC);
            boolean amended = Boolean.TRUE.equals(v.get("amended"));
            FollowUp followUp = new FollowUp((String) v.get("rectification"), (LocalDate) v.get("rectification_deadline"),
                    (String) v.get("case_number"), (String) v.get("transferred_to"));
            Map<String, String> itemNames = v.get("items") == null ? Map.of() : itemNames((String) v.get("items"));
            ResultDocument doc = ResultDocument.render(result, open, itemNames, followUp, (Integer) v.get("supersedes"), amended, revision,
                    (LocalDate) v.get("due"), publishedAt);
            byte[] document = json.writeValueAsBytes(doc);
            return db.sql("""
                            INSERT INTO public_result (result_id, version, tenant, district, uscc, name, period, inspection_date, conclusion,
                                   current, revision, document, published_at)
                            VALUES (:id, :version, :tenant, :district, :uscc, :name, :period, :date, :conclusion, true, :revision, :doc, :at)
                            ON CONFLICT (result_id, version) DO UPDATE SET revision = excluded.revision, document = excluded.document""")
                    .bind("id", resultId).bind("version", version).bind("tenant", result.tenant()).bind("district", doc.district())
                    .bind("uscc", result.entity().uscc()).bind("name", result.entity().name()).bind("period", result.period())
                    .bind("date", result.inspectionDate()).bind("conclusion", result.conclusion().name()).bind("revision", revision)
                    .bind("doc", Json.of(document)).bind("at", publishedAt)
                    .then()
                    .then(changes.append(db, amended ? FeedType.RESULT_AMENDED : FeedType.RESULT_PUBLISHED, result.entity().uscc(), resultId,
                            result.tenant(), version + "." + revision, doc));
        });
    }

    private Map<String, String> itemNames(String items) {
        Map<String, String> names = new HashMap<>();
        for (JsonNode item : json.readTree(items)) names.putIfAbsent(item.get("itemId").asString(), item.get("itemName").asString());
        return names;
    }

    /**
     * One result's changes happen one at a time: a follow-up and an amendment arrive on different
     * topics, and each must see the other's committed work (else the new version would miss the
     * rectification, rendered onto the version it replaces). Held until commit.
     */
    private static Mono<Void> lock(DatabaseClient db, String resultId) {
        return db.sql("SELECT pg_advisory_xact_lock(" + RESULT_LOCK_CLASS + ", hashtext(:id))").bind("id", resultId).fetch().rowsUpdated().then();
    }

    private Mono<List<Prior>> priors(DatabaseClient db, String resultId) {
        return db.sql("SELECT version, state FROM result_version WHERE result_id = :id ORDER BY version").bind("id", resultId)
                .map(r -> new Prior(r.get("version", Integer.class), PublicationState.valueOf(r.get("state", String.class))))
                .all().collectList();
    }

    public static Mono<DisclosurePolicy> policy(DatabaseClient db, String tenant) {
        return db.sql("SELECT deadline_working_days, review_required, after_quarter_working_days FROM disclosure_settings WHERE tenant = :tenant")
                .bind("tenant", tenant)
                .map(r -> new DisclosurePolicy(r.get("deadline_working_days", Integer.class), r.get("review_required", Boolean.class),
                        r.get("after_quarter_working_days", Integer.class)))
                .one().defaultIfEmpty(DisclosurePolicy.DEFAULT);
    }

    private static String districtOf(InspectionResult result) {
        return result.entity().district() == null ? result.tenant() : result.entity().district();
    }
}
