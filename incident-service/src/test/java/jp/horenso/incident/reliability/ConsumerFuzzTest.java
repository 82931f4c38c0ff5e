package jp.horenso.incident.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import jp.horenso.incident.support.ChainEvents;
import jp.horenso.incident.support.NotificationEvents;
import jp.horenso.incident.support.Reports;
import jp.horenso.incident.support.Tokens;
import jp.horenso.localstack.testing.EventSchemas;
import jp.horenso.localstack.testing.PoisonRecords;
import jp.horenso.localstack.testing.PoisonRecords.Poison;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * Issue 14: on every topic the service consumes, malformed records (see {@link PoisonRecords}) each land on the
 * channel's dead-letter topic with the reason, and a valid event sent after them is still applied.
 */
@QuarkusTest
class ConsumerFuzzTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @Test
    void malformedEscalationEventsAreDeadLetteredAndALaterChainStartIsStillApplied() {
        String id = Reports.file(Tokens.staff1());
        String chainStarted = chainStarted(id);
        List<Poison> poisons = PoisonRecords.of(chainStarted, "demo-gikai");
        PoisonRecords.sendAll(bootstrap(), ChainEvents.TOPIC, id, poisons);
        ChainEvents.send("ChainStarted", id, OffsetDateTime.now(ZoneOffset.UTC), data(id));

        assertDeadLettered(ChainEvents.TOPIC + ".incident-service.dlq", id, poisons);
        Reports.awaitTimeline(id, TIMEOUT, "CHAIN_STARTED");
    }

    @Test
    void malformedDeliveryEventsAreDeadLetteredAndALaterFailureIsStillRecorded() {
        String id = Reports.file(Tokens.staff1());
        List<Poison> poisons = PoisonRecords.of(
                NotificationEvents.failed("demo-city", id, "chief1", "550 mailbox full"), "demo-gikai");
        PoisonRecords.sendAll(bootstrap(), NotificationEvents.TOPIC, id, poisons);
        jp.horenso.incident.support.KafkaTopics.send(
                NotificationEvents.TOPIC, id, NotificationEvents.failed("demo-city", id, "chief1", "550 mailbox full"));

        assertDeadLettered(NotificationEvents.TOPIC + ".incident-service.dlq", id, poisons);
        Reports.awaitTimeline(id, TIMEOUT, "NOTIFICATION_FAILED");
    }

    private static void assertDeadLettered(String dlq, String key, List<Poison> poisons) {
        List<ConsumerRecord<String, byte[]>> dead =
                PoisonRecords.awaitDeadLetters(bootstrap(), dlq, key, poisons.size(), TIMEOUT);
        assertEquals(List.of(), PoisonRecords.missing(poisons, dead), "every malformed record dead-lettered");
        assertEquals(poisons.size(), dead.size(), "nothing else dead-lettered");
        for (ConsumerRecord<String, byte[]> record : dead) {
            assertNotNull(PoisonRecords.headers(record).get("dead-letter-reason"), "why it was dead-lettered");
        }
    }

    private static String chainStarted(String id) {
        String event =
                """
                {"specversion":"1.0","id":"%s","source":"/horenso/escalation-service","type":"jp.horenso.ChainStarted",
                 "time":"%s","subject":"%s","organisation":"demo-city","datacontenttype":"application/json","data":%s}""".formatted(UUID.randomUUID(), ChainEvents.t(OffsetDateTime.now(ZoneOffset.UTC)), id, data(id));
        EventSchemas.assertValid("ChainStarted", event);
        return event;
    }

    private static String data(String id) {
        return "{\"incidentId\":\"%s\",\"organisation\":\"demo-city\",\"chainVersion\":1}".formatted(id);
    }

    private static String bootstrap() {
        return ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    }
}
