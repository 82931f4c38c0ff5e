package jp.horenso.escalation.hop.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import jp.horenso.escalation.support.EscalationEventLog;
import jp.horenso.escalation.support.IncidentEvents;
import jp.horenso.localstack.testing.PostgresKafkaResource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(PostgresKafkaResource.class)
class PoisonRecordTest {

    @Test
    void recordsThatAreNotValidEventsGoToTheDeadLetterTopicAndConsumptionGoesOn() {
        String token = UUID.randomUUID().toString();
        String notJson = "not json at all " + token;
        String notCloudEvent = "{\"hello\":\"world\",\"token\":\"" + token + "\"}";
        // A proper envelope whose IncidentReported data lacks the case's section.
        ObjectNode incomplete = IncidentEvents.staffReport(UUID.randomUUID());
        ((ObjectNode) incomplete.path("data")).remove("unit");
        String incompleteReport = incomplete.toString();
        String key = UUID.randomUUID().toString();

        IncidentEvents.sendRaw(key, notJson);
        IncidentEvents.sendRaw(key, notCloudEvent);
        IncidentEvents.sendRaw(key, incompleteReport);
        UUID incident = UUID.randomUUID();
        IncidentEvents.send(IncidentEvents.staffReport(incident));

        EscalationEventLog.get().await(incident, "ChainStarted", 1);
        List<String> poison = List.of(notJson, notCloudEvent, incompleteReport);
        List<ConsumerRecord<String, String>> deadLetters =
                EscalationEventLog.readUntil(IncidentEvents.dlq(), poison, Duration.ofSeconds(20));
        assertEquals(
                poison.stream().sorted().toList(),
                deadLetters.stream().map(ConsumerRecord::value).sorted().toList());
        for (ConsumerRecord<String, String> record : deadLetters) {
            assertEquals(key, record.key());
            assertNotNull(EscalationEventLog.headers(record).get("dead-letter-reason"), "why it was dead-lettered");
        }
    }
}
