package cn.dsr.system;

import static cn.dsr.system.Zhoukou.WAIT;
import static cn.dsr.system.Zhoukou.XIHUA;
import static cn.dsr.system.Zhoukou.addEntity;
import static cn.dsr.system.Zhoukou.entity;
import static cn.dsr.system.Zhoukou.expect;
import static cn.dsr.system.Zhoukou.uscc;
import static org.assertj.core.api.Assertions.assertThat;

import cn.dsr.stack.client.Api;
import cn.dsr.stack.demo.DrawRandomness;
import cn.dsr.stack.client.Stack;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * One trace from the gateway to the external feed: a district schedules a draw through the
 * gateway with its own W3C {@code traceparent}; draw-service's plan-published and draw-scheduled
 * events carry that trace id as {@code ce_traceparent}, and the plan's public announcement on
 * {@code disclosure.public.v1} — written by disclosure-service while handling the plan event —
 * names the same trace, so a credit bureau can ask which request produced it.
 */
class TracingThroughGatewayIT {

    @Test
    void the_trace_of_a_request_through_the_gateway_reaches_the_internal_events_and_the_public_feed() {
        Zhoukou.orgUnits();
        Api operator = Stack.as("xh.operator");
        String label = Zhoukou.unique("追踪批次");
        String itemName = Zhoukou.unique("排污许可证执行报告书面检查-");
        String itemId = Zhoukou.itemIds(Zhoukou.publishItems("xh", itemName)).get(itemName);
        String tags = "{\"pollutantKinds\":[\"" + label + "\"]}";
        String entity = addEntity(operator, entity(uscc(XIHUA), Zhoukou.unique("西华县追踪化工") + "有限公司", XIHUA, tags)).get("uscc").asString();
        Zhoukou.replicated(operator, List.of(entity));
        String planId = Drawing.plan(operator, "随机抽查 " + label, "WRITTEN", itemId, label, 10_000);

        String traceId = hex(16);
        String callersSpan = hex(8);
        String schedule = "{\"plans\":[\"" + planId + "\"],\"sources\":" + DrawRandomness.sources(Zhoukou.today().toString()) + "}";
        JsonNode draw = expect(201, operator.post("/api/draw/draws", schedule, "traceparent", "00-" + traceId + "-" + callersSpan + "-01")).body();
        String drawId = draw.get("id").asString();

        ConsumerRecord<String, byte[]> planPublished = firstWithKey("draw.plans.v1", planId);
        assertThat(traceId(header(planPublished, "ce_traceparent"))).as("the plan event is in the request's trace").isEqualTo(traceId);
        ConsumerRecord<String, byte[]> drawScheduled = firstWithKey("draw.draws.v1", drawId);
        assertThat(traceId(header(drawScheduled, "ce_traceparent"))).as("the draw event is in the request's trace").isEqualTo(traceId);

        JsonNode announcement = Api.JSON.readTree(firstWithKey("disclosure.public.v1", planId).value());
        assertThat(announcement.get("type").asString()).isEqualTo("cn.gov.mee.dsr.disclosure.plan-published.v1");
        String feedTraceparent = announcement.get("traceparent").asString();
        assertThat(traceId(feedTraceparent)).as("the public announcement names the request's trace").isEqualTo(traceId);
        assertThat(feedTraceparent).as("disclosure-service's own span wrote it")
                .isNotEqualTo(header(planPublished, "ce_traceparent")).doesNotContain(callersSpan);
    }

    private static String hex(int bytes) {
        byte[] random = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }

    private static String traceId(String traceparent) {
        assertThat(traceparent).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]");
        return traceparent.split("-")[1];
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** The first record of {@code key} on the topic, read from the start as a new consumer group. */
    private static ConsumerRecord<String, byte[]> firstWithKey(String topic, String key) {
        Properties props = new Properties();
        props.put("bootstrap.servers", Stack.get().kafkaBootstrap());
        props.put("group.id", "tracing-it-" + UUID.randomUUID());
        props.put("auto.offset.reset", "earliest");
        props.put("key.deserializer", "org.apache.kafka.common.serialization.StringDeserializer");
        props.put("value.deserializer", "org.apache.kafka.common.serialization.ByteArrayDeserializer");
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + WAIT.toNanos();
            List<String> seenKeys = new ArrayList<>();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (key.equals(record.key())) return record;
                    seenKeys.add(record.key());
                }
            }
            throw new AssertionError("no record of " + key + " on " + topic + " within " + WAIT + " (" + seenKeys.size() + " others read)");
        }
    }
}
