package cn.dsr.fault;

import cn.dsr.infra.ServiceDatabase;
import cn.dsr.launcher.LocalStack;
import cn.dsr.stack.client.Api;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import tools.jackson.databind.JsonNode;

/**
 * What the run left behind, read where it lies once the system is quiet: the records and outbox
 * of inspection-service, the topic between the services, disclosure-service's inbox and results,
 * and the external feed. Read as the databases' owners, beneath row-level security.
 */
final class Audit {

    static final String SUBMITTED = "cn.gov.mee.dsr.inspection.submitted.v1";
    static final String RECORDS_TOPIC = "inspection.records.v1";
    static final String FEED_TOPIC = "disclosure.public.v1";
    static final String RESULT_PUBLISHED = "cn.gov.mee.dsr.disclosure.result-published.v1";
    /** disclosure-service's subscription to the records topic (ResultsFromInspection). */
    static final String DISCLOSURE_CONSUMER = "records";

    private final LocalStack stack;
    private long wireRepeats;
    private long feedWireRepeats;

    Audit(LocalStack stack) {
        this.stack = stack;
    }

    /** Waits until every submitted event has left the outbox and reached disclosure-service's inbox. */
    boolean awaitQuiet(long events, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                long unsent = stack.database("inspection").countAsOwner("SELECT count(*) FROM outbox WHERE sent_at IS NULL");
                long received = stack.database("disclosure").countAsOwner(
                        "SELECT count(*) FROM inbox WHERE consumer = '" + DISCLOSURE_CONSUMER + "'");
                long feedUnsent = stack.database("disclosure").countAsOwner("SELECT count(*) FROM public_change WHERE sent_at IS NULL");
                if (unsent == 0 && received >= events && feedUnsent == 0) return true;
            } catch (IllegalStateException notYet) {
                // a database still recovering answers on the next round
            }
            FaultInjector.pause(Duration.ofSeconds(1));
        }
        return false;
    }

    /** Every check of the run; {@code accepted} maps each accepted task to the record id of its 2xx answer. */
    List<Check> check(Map<String, String> accepted) {
        List<Check> checks = new ArrayList<>();
        Map<String, List<String>> recordsByTask = grouped(stack.database("inspection"),
                "SELECT task_id, record_id::text FROM inspection_record WHERE version = 1");
        checks.add(exactlyOnce("inspection-service: record (version 1) of each accepted submission", accepted, recordsByTask,
                "rows of inspection_record per accepted task, holding the record id of the 2xx answer"));

        Map<String, List<String>> keysByTask = grouped(stack.database("inspection"), "SELECT task_id, record_id::text FROM submission_key");
        checks.add(exactlyOnce("inspection-service: idempotency key of each accepted submission", accepted, keysByTask,
                "rows of submission_key per accepted task"));

        Map<String, List<String>> eventsByRecord = grouped(stack.database("inspection"),
                "SELECT convert_from(payload, 'UTF8')::jsonb ->> 'recordId', event_id::text FROM outbox WHERE type = '" + SUBMITTED + "'");
        Map<String, String> acceptedRecords = new HashMap<>();
        accepted.values().forEach(record -> acceptedRecords.put(record, null));
        checks.add(exactlyOnce("inspection-service: one 'inspection submitted' event per record in the outbox", acceptedRecords,
                eventsByRecord, "outbox rows of type " + SUBMITTED + " per accepted record"));
        List<String> eventIds = eventsByRecord.entrySet().stream()
                .filter(e -> acceptedRecords.containsKey(e.getKey())).flatMap(e -> e.getValue().stream()).toList();
        long unsent = stack.database("inspection").countAsOwner(
                "SELECT count(*) FROM outbox WHERE type = '" + SUBMITTED + "' AND sent_at IS NULL");
        checks.add(new Check("inspection-service: every submitted event marked sent by the relay", eventIds.size(),
                eventIds.size() - unsent, unsent, 0, "outbox rows still unsent after the run"));

        Map<String, Integer> onWire = countById(RECORDS_TOPIC, Audit::cloudEventId);
        wireRepeats = eventIds.stream().mapToLong(id -> Math.max(0, onWire.getOrDefault(id, 0) - 1)).sum();
        checks.add(delivered("Kafka " + RECORDS_TOPIC + ": each submitted event on the topic", eventIds, onWire,
                "duplicates on the wire (a relay killed between send and mark) are not effects; the inbox absorbs them"));

        Map<String, List<String>> inbox = grouped(stack.database("disclosure"),
                "SELECT event_id::text, consumer FROM inbox WHERE consumer = '" + DISCLOSURE_CONSUMER + "'");
        Map<String, Integer> inboxCounts = new HashMap<>();
        inbox.forEach((id, rows) -> inboxCounts.put(id, rows.size()));
        Check received = delivered("disclosure-service: each submitted event taken in once (inbox '" + DISCLOSURE_CONSUMER + "')",
                eventIds, inboxCounts, "inbox rows per event id");
        checks.add(new Check(received.name(), received.expected(), received.found(), received.lost(),
                inboxCounts.values().stream().filter(n -> n > 1).count(), received.note()));

        Map<String, List<String>> publicByTask = grouped(stack.database("disclosure"),
                "SELECT result_id, uscc FROM public_result WHERE version = 1");
        Map<String, String> acceptedTasks = new HashMap<>();
        accepted.keySet().forEach(task -> acceptedTasks.put(task, null));
        checks.add(exactlyOnce("disclosure-service: the public result (version 1) of each accepted submission", acceptedTasks, publicByTask,
                "rows of public_result per accepted task (the result id is the task id)"));

        Map<String, Set<String>> feedIdsByTask = new HashMap<>();
        Map<String, Integer> feedCopies = new HashMap<>();
        read(FEED_TOPIC, record -> {
            JsonNode event = Api.JSON.readTree(record.value());
            if (!RESULT_PUBLISHED.equals(event.path("type").asString())) return;
            String id = event.path("id").asString();
            feedIdsByTask.computeIfAbsent(event.path("subject").asString(), k -> new HashSet<>()).add(id);
            feedCopies.merge(id, 1, Integer::sum);
        });
        long feedFound = 0, feedLost = 0, feedDuplicated = 0, feedRepeats = 0;
        for (String task : accepted.keySet()) {
            Set<String> ids = feedIdsByTask.getOrDefault(task, Set.of());
            if (ids.isEmpty()) feedLost++;
            else feedFound++;
            feedDuplicated += Math.max(0, ids.size() - 1);
            for (String id : ids) feedRepeats += feedCopies.get(id) - 1;
        }
        feedWireRepeats = feedRepeats;
        checks.add(new Check("external feed " + FEED_TOPIC + ": one 'result published' per accepted submission", accepted.size(),
                feedFound, feedLost, feedDuplicated, "distinct CloudEvents ids of type " + RESULT_PUBLISHED
                        + " per accepted task (subject); a second id would be a second effect; the same id again is a repeat on the wire,"
                        + " which consumers deduplicate by id; repeats: " + feedRepeats));
        return checks;
    }

    /** Submitted events found more than once on the records topic: sent again, absorbed by the inbox. */
    long wireRepeats() {
        return wireRepeats;
    }

    /** 'result published' events of the accepted submissions found more than once on the feed: sent again, same id. */
    long feedWireRepeats() {
        return feedWireRepeats;
    }

    /** How many times each event id is on {@code topic}, from its beginning to its current end. */
    private Map<String, Integer> countById(String topic, Function<ConsumerRecord<String, byte[]>, String> id) {
        Map<String, Integer> counts = new HashMap<>();
        read(topic, record -> counts.merge(id.apply(record), 1, Integer::sum));
        return counts;
    }

    /** Every record of {@code topic}, from its beginning to its current end. */
    private void read(String topic, Consumer<ConsumerRecord<String, byte[]>> each) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap(),
                ConsumerConfig.GROUP_ID_CONFIG, "fault-audit-" + UUID.randomUUID(),
                ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            if (!consumer.listTopics(Duration.ofSeconds(30)).containsKey(topic)) return;
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) throw new IllegalStateException("could not read " + topic + " to its end");
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) each.accept(record);
            }
        }
    }

    private static String cloudEventId(ConsumerRecord<String, byte[]> record) {
        Header id = record.headers().lastHeader("ce_id");
        return id == null ? "" : new String(id.value(), StandardCharsets.UTF_8);
    }

    /**
     * Each of {@code expected} (key → the value it must hold, or null for any) found once among
     * {@code found} (key → values).
     */
    private static Check exactlyOnce(String name, Map<String, String> expected, Map<String, List<String>> found, String note) {
        long present = 0, lost = 0, duplicated = 0;
        for (Map.Entry<String, String> e : expected.entrySet()) {
            List<String> rows = found.getOrDefault(e.getKey(), List.of());
            if (e.getValue() == null ? !rows.isEmpty() : rows.contains(e.getValue())) present++;
            else lost++;
            if (rows.size() > 1) duplicated += rows.size() - 1;
        }
        return new Check(name, expected.size(), present, lost, duplicated, note);
    }

    /** Each of {@code ids} among {@code counts}; repeats are reported in the note, not as effects. */
    private static Check delivered(String name, List<String> ids, Map<String, Integer> counts, String note) {
        Set<String> wanted = Set.copyOf(ids);
        long present = wanted.stream().filter(counts::containsKey).count();
        long repeats = wanted.stream().mapToLong(id -> Math.max(0, counts.getOrDefault(id, 0) - 1)).sum();
        return new Check(name, wanted.size(), present, wanted.size() - present, 0, note + "; repeats: " + repeats);
    }

    /** First column → the second column's values, from a query run as the database's owner. */
    private static Map<String, List<String>> grouped(ServiceDatabase db, String sql) {
        Map<String, List<String>> out = new HashMap<>();
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.ownerUser(), db.ownerPassword());
             Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) out.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot run " + sql + " on " + db.name(), e);
        }
        return out;
    }
}
