package jp.horenso.escalation.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import jp.horenso.escalation.support.EscalationEventLog;
import jp.horenso.escalation.support.IncidentEvents;
import jp.horenso.localstack.testing.PostgresKafkaResource;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * A report's trace crosses escalation-service on real Kafka and PostgreSQL: the IncidentReported that
 * incident-service wrote while traced carries its {@code traceparent}; the consumer handles it in a child span, the
 * events it writes to its outbox carry that span as their {@code traceparent}, and the relay puts it into the Kafka
 * header of the published record (docs/observability.md).
 */
@QuarkusTest
@TestProfile(TracePropagationTest.Traced.class)
@QuarkusTestResource(PostgresKafkaResource.class)
class TracePropagationTest {

    /** The OpenTelemetry SDK on, spans kept in memory ({@link CollectedSpans}), nothing exported. */
    public static class Traced implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.otel.sdk.disabled", "false", "quarkus.otel.traces.exporter", "none");
        }
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Inject
    CollectedSpans spans;

    @Test
    void aReportsTraceContinuesThroughTheConsumerAndTheOutboxIntoTheNextRecordsHeader() throws Exception {
        String traceId = hex(32);
        String writerSpan = hex(16);
        UUID incident = UUID.randomUUID();
        IncidentEvents.send(traced(IncidentEvents.staffReport(incident), "00-" + traceId + "-" + writerSpan + "-01"));

        ConsumerRecord<String, String> hopOpened = awaitRecord(incident, "jp.horenso.HopOpened");
        JsonNode event = MAPPER.readTree(hopOpened.value());
        String traceparent = event.path("traceparent").asText();
        assertTrue(traceparent.startsWith("00-" + traceId + "-"), "the report's trace goes on: " + traceparent);
        String consumerSpan = traceparent.substring(36, 52);
        assertNotEquals(writerSpan, consumerSpan, "written in escalation-service's own span");
        assertEquals(traceparent, header(hopOpened, "traceparent"), "the relay copies it into the Kafka header");

        // The span that wrote HopOpened handled the IncidentReported, a descendant of incident-service's span.
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> spans.withId(consumerSpan).isPresent());
        SpanData handling = spans.withId(consumerSpan).orElseThrow();
        assertEquals("IncidentReported process", handling.getName());
        assertEquals(SpanKind.CONSUMER, handling.getKind());
        assertEquals(traceId, handling.getTraceId());
        assertEquals(writerSpan, spans.rootParentOf(handling), "its ancestry leads back to the writer's span");
    }

    /** The event as a traced writer stores it: the envelope's attributes, traceparent, then data. */
    private static ObjectNode traced(ObjectNode event, String traceparent) {
        ObjectNode copy = MAPPER.createObjectNode();
        for (Iterator<Map.Entry<String, JsonNode>> fields = event.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (field.getKey().equals("data")) {
                copy.put("traceparent", traceparent);
            }
            copy.set(field.getKey(), field.getValue());
        }
        return copy;
    }

    private static ConsumerRecord<String, String> awaitRecord(UUID incident, String type) throws Exception {
        Properties props = new Properties();
        props.put(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "trace-test-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(java.util.List.of(EscalationEventLog.topic()));
            long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (System.nanoTime() < end) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (incident.toString().equals(record.key())
                            && type.equals(
                                    MAPPER.readTree(record.value()).path("type").asText())) {
                        return record;
                    }
                }
            }
        }
        throw new AssertionError(type + " of " + incident + " was not published");
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static String hex(int length) {
        StringBuilder hex = new StringBuilder();
        while (hex.length() < length) {
            hex.append(Integer.toHexString(ThreadLocalRandom.current().nextInt(16)));
        }
        return hex.toString();
    }
}
