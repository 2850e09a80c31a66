package cn.dsr.disclosure.feed;

import static org.assertj.core.api.Assertions.assertThat;

import cn.dsr.contracts.EventContracts;
import cn.dsr.disclosure.ServiceTest;
import cn.dsr.testinfra.TopicReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Plays a credit system (信用平台): it knows nothing but the topic disclosure.public.v1 and its
 * contracts, replays it from offset 0, and rebuilds the public state — which must be what the
 * public API shows, entity by entity. The HTTP change feed must carry the same events.
 */
class CreditSystemReplayTest extends ServiceTest {

    /** What a credit system keeps: per result version its state and latest document, per plan its document. */
    static final class CreditSystem {
        final Map<String, Map<Integer, String>> states = new HashMap<>();
        final Map<String, Map<Integer, JsonNode>> documents = new HashMap<>();
        final Map<String, String> usccOfResult = new HashMap<>();
        final Map<String, JsonNode> plans = new HashMap<>();
        final Map<String, Set<String>> lists = new HashMap<>();

        void apply(JsonNode ce) {
            JsonNode data = ce.path("data");
            String type = ce.path("type").asString(), subject = ce.path("subject").asString();
            switch (type) {
                case "cn.gov.mee.dsr.disclosure.plan-published.v1" -> plans.put(subject, data);
                case "cn.gov.mee.dsr.disclosure.list-published.v1" -> lists
                        .computeIfAbsent(data.path("tenant").asString() + "/" + data.path("year").asInt(), k -> new HashSet<>())
                        .add(data.path("entity").path("uscc").asString());
                case "cn.gov.mee.dsr.disclosure.result-published.v1", "cn.gov.mee.dsr.disclosure.result-amended.v1" -> {
                    int version = data.path("version").asInt();
                    usccOfResult.put(subject, data.path("entity").path("uscc").asString());
                    JsonNode known = documents.computeIfAbsent(subject, k -> new TreeMap<>()).get(version);
                    if (known == null || known.path("revision").asInt() < data.path("revision").asInt()) {
                        documents.get(subject).put(version, data);
                    }
                    states.computeIfAbsent(subject, k -> new TreeMap<>()).putIfAbsent(version, "PUBLISHED");
                    if (data.hasNonNull("supersedes")) states.get(subject).put(data.path("supersedes").asInt(), "SUPERSEDED");
                }
                case "cn.gov.mee.dsr.disclosure.result-withdrawn.v1" -> {
                    int version = data.path("version").asInt();
                    states.getOrDefault(subject, new TreeMap<>()).remove(version);
                    documents.getOrDefault(subject, new TreeMap<>()).remove(version);
                }
                default -> throw new AssertionError("unknown feed type " + type);
            }
        }

        /** The entity's published versions: "resultId/version" → state and document. */
        Map<String, Object> entity(String uscc) {
            Map<String, Object> out = new TreeMap<>();
            usccOfResult.forEach((resultId, owner) -> {
                if (!owner.equals(uscc)) return;
                states.getOrDefault(resultId, Map.of()).forEach((version, state) ->
                        out.put(resultId + "/" + version, List.of(state, documents.get(resultId).get(version))));
            });
            return out;
        }
    }

    @Test
    void a_credit_system_replaying_the_feed_from_offset_0_rebuilds_what_the_api_shows() {
        String district = district(), planId = id("P");
        LocalDate inspected = LocalDate.of(2026, 5, 11);
        planPublished(planId, district, "2026Q2", id("D"), null, 4);
        Record plain = new Record(id("V"), id("D"), district, uscc(district), "某纺织有限公司", inspected, "NO_PROBLEM");
        Record corrected = new Record(id("V"), id("D"), district, uscc(district), "某造纸有限公司", inspected, "NO_PROBLEM");
        Record secret = new Record(id("V"), id("D"), district, uscc(district), "某化工有限公司", inspected, "RECTIFICATION_ORDERED", "COMMERCIAL_SECRET");
        Record withdrawn = new Record(id("V"), id("D"), district, uscc(district), "某研究所", inspected, "NO_PROBLEM");
        for (Record r : List.of(plain, corrected, secret, withdrawn)) recorded(r);
        for (Record r : List.of(plain, corrected, secret, withdrawn)) awaitHistory(r.uscc(), 1);
        recorded(corrected.amended(2, "RECTIFICATION_ORDERED"));
        rectificationUpdated(corrected, "OPENED", "OPEN", LocalDate.of(2026, 8, 11));
        recorded(withdrawn.amended(2, "NO_PROBLEM", "NATIONAL_SECRET"));
        await("/public/disclosure/entities/" + corrected.uscc(), h -> h.path("results").size() == 2
                && h.path("results").get(0).path("document").path("rectification").isObject());
        await("/public/disclosure/results?uscc=" + withdrawn.uscc(), r -> r.path("results").isEmpty());
        long changes = quiescent();

        // the credit system: only the topic and the contracts
        List<ConsumerRecord<String, byte[]>> records = TopicReader.readUntil(infra.kafkaBootstrap(), FeedType.TOPIC,
                read -> read.stream().map(r -> JSON.readTree(r.value()).path("id").asString()).distinct().count() >= changes);
        CreditSystem credit = new CreditSystem();
        Set<String> seen = new HashSet<>();
        Map<String, JsonNode> byId = new LinkedHashMap<>();
        Map<String, Long> lastOfKey = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            assertThat(new String(record.headers().lastHeader("content-type").value(), StandardCharsets.UTF_8))
                    .as("structured mode").startsWith("application/cloudevents+json");
            JsonNode ce = JSON.readTree(record.value());
            assertThat(ce.path("specversion").asString()).isEqualTo("1.0");
            assertThat(ce.path("source").asString()).isEqualTo("/dsr/disclosure");
            assertThat(ce.path("dataschema").asString()).isEqualTo("urn:dsr:schema:" + ce.path("type").asString());
            assertThat(EventContracts.violations(ce.path("type").asString(), JSON.writeValueAsBytes(ce.path("data"))))
                    .as("%s conforms to its contract", ce).isEmpty();
            JsonNode data = ce.path("data");
            String expectedKey = data.has("entity") ? data.path("entity").path("uscc").asString() : data.path("planId").asString();
            assertThat(record.key()).as("keyed by the entity's USCC").isEqualTo(expectedKey);
            if (seen.add(ce.path("id").asString())) { // at least once: deduplicate on the stable id
                credit.apply(ce);
                byId.put(ce.path("id").asString(), ce);
                long sequence = Long.parseLong(ce.path("sequence").asString());
                assertThat(sequence).as("one key's changes arrive in the order they were made").isGreaterThan(lastOfKey.getOrDefault(record.key(), 0L));
                lastOfKey.put(record.key(), sequence);
            }
        }
        assertThat(byId).hasSize((int) changes);

        for (Record r : List.of(plain, corrected, secret, withdrawn)) {
            assertThat(credit.entity(r.uscc())).as("the credit system's view of %s equals the API's", r.name()).isEqualTo(apiView(r.uscc()));
        }
        assertThat(credit.entity(corrected.uscc())).hasSize(2);
        assertThat(credit.entity(withdrawn.uscc())).as("withdrawn, nothing left").isEmpty();
        for (String uscc : new HashSet<>(credit.usccOfResult.values())) {
            assertThat(credit.entity(uscc)).as("every entity in the feed: %s", uscc).isEqualTo(apiView(uscc));
        }
        for (String tenant : credit.plans.values().stream().map(p -> p.path("tenant").asString()).distinct().toList()) {
            Map<String, JsonNode> api = new HashMap<>();
            getJson("/public/disclosure/plans?tenant=" + tenant).forEach(p -> api.put(p.path("planId").asString(), p));
            Map<String, JsonNode> fed = new HashMap<>();
            credit.plans.forEach((id, p) -> { if (p.path("tenant").asString().equals(tenant)) fed.put(id, p); });
            assertThat(fed).as("plans of %s", tenant).isEqualTo(api);
        }
        credit.lists.forEach((key, usccs) -> {
            Set<String> api = new HashSet<>();
            getJson("/public/disclosure/yearly-lists/" + key).path("entities").forEach(e -> api.add(e.path("uscc").asString()));
            assertThat(usccs).as("yearly list %s", key).isEqualTo(api);
        });

        // the HTTP change feed carries the same events, in the order they were made
        Map<String, JsonNode> overHttp = new LinkedHashMap<>();
        long cursor = 0;
        while (true) {
            JsonNode page = getJson("/public/disclosure/changes?after=" + cursor + "&limit=7");
            if (page.path("events").isEmpty()) break;
            for (JsonNode e : page.path("events")) {
                assertThat(Long.parseLong(e.path("sequence").asString())).isGreaterThan(cursor);
                cursor = Long.parseLong(e.path("sequence").asString());
                overHttp.put(e.path("id").asString(), e.path("data"));
            }
            assertThat(page.path("next").asLong()).isEqualTo(cursor);
        }
        assertThat(overHttp.keySet()).containsExactlyInAnyOrderElementsOf(byId.keySet());
        byId.forEach((id, ce) -> assertThat(overHttp.get(id)).isEqualTo(ce.path("data")));
    }

    private Map<String, Object> apiView(String uscc) {
        Map<String, Object> out = new TreeMap<>();
        if (status("/public/disclosure/entities/" + uscc) == 404) return out;
        getJson("/public/disclosure/entities/" + uscc).path("results").forEach(shown -> {
            JsonNode doc = shown.path("document");
            out.put(doc.path("resultId").asString() + "/" + doc.path("version").asInt(), List.of(shown.path("state").asString(), doc));
        });
        return out;
    }

    /** Waits until nothing changes any more and every change was delivered; returns the number of changes. */
    private static long quiescent() {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        long last = -1;
        while (System.nanoTime() < deadline) {
            long now = count("SELECT count(*) FROM public_change");
            if (now == last && count("SELECT count(*) FROM public_change WHERE sent_at IS NULL") == 0) return now;
            last = now;
            sleep(1500);
        }
        throw new AssertionError("the change log did not settle");
    }
}
