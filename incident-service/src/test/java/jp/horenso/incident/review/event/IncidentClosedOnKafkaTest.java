package jp.horenso.incident.review.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.UUID;
import jp.horenso.incident.support.KafkaTopics;
import jp.horenso.localstack.testing.EventSchemas;
import jp.horenso.platform.outbox.Outbox;
import jp.horenso.platform.security.Organisation;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** A typed event written through the platform's outbox, as it reaches Kafka: times keep offset and seconds. */
@QuarkusTest
class IncidentClosedOnKafkaTest {

    @Inject
    Outbox outbox;

    @Inject
    ObjectMapper mapper;

    @Test
    void aTypedEventKeepsItsTimesOffsetAndSecondsOnKafka() throws Exception {
        UUID incidentId = UUID.randomUUID();
        // Zero seconds and a Japan-time offset: OffsetDateTime.toString() would drop the seconds (invalid RFC 3339).
        IncidentClosed closed = new IncidentClosed(
                incidentId,
                "DEMO-2026-000001",
                OffsetDateTime.parse("2026-04-01T09:00Z"),
                "csirt1",
                1,
                true,
                OffsetDateTime.parse("2026-03-31T17:30+09:00"),
                false);
        QuarkusTransaction.requiringNew()
                .run(() -> outbox.append(
                        IncidentClosed.NAME, Organisation.of("demo-city"), incidentId.toString(), closed));

        ConsumerRecord<String, String> record = KafkaTopics.awaitRecord(
                "horenso.incident-events", r -> incidentId.toString().equals(r.key()), Duration.ofSeconds(20));
        EventSchemas.assertValid(IncidentClosed.NAME, record.value());
        JsonNode event = mapper.readTree(record.value());
        assertEquals("jp.horenso.IncidentClosed", event.get("type").asText());
        assertEquals("/horenso/incident-service", event.get("source").asText());
        assertEquals("demo-city", event.get("organisation").asText());
        assertEquals(incidentId.toString(), event.get("subject").asText());
        assertEquals("2026-04-01T09:00:00Z", event.at("/data/closedAt").asText());
        assertEquals(
                "2026-03-31T17:30:00+09:00",
                event.at("/data/committeeReportedAt").asText());
        assertTrue(event.at("/data/severeJudgedByCiso").asBoolean());
    }

    @Test
    void aNullTimeIsWrittenAsJsonNull() throws Exception {
        UUID incidentId = UUID.randomUUID();
        IncidentClosed closed = new IncidentClosed(
                incidentId,
                "DEMO-2026-000002",
                OffsetDateTime.parse("2026-04-01T09:00:01.5+09:00"),
                "csirt1",
                2,
                false,
                null,
                true);
        QuarkusTransaction.requiringNew()
                .run(() -> outbox.append(
                        IncidentClosed.NAME, Organisation.of("demo-city"), incidentId.toString(), closed));

        ConsumerRecord<String, String> record = KafkaTopics.awaitRecord(
                "horenso.incident-events", r -> incidentId.toString().equals(r.key()), Duration.ofSeconds(20));
        EventSchemas.assertValid(IncidentClosed.NAME, record.value());
        JsonNode data = mapper.readTree(record.value()).get("data");
        assertTrue(
                data.has("committeeReportedAt")
                        && data.get("committeeReportedAt").isNull(),
                data.toString());
        assertEquals("2026-04-01T09:00:01.5+09:00", data.get("closedAt").asText());
    }
}
