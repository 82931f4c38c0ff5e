package jp.horenso.escalation.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import jp.horenso.escalation.support.EscalationEventLog;
import jp.horenso.escalation.support.IncidentEvents;
import jp.horenso.localstack.testing.PoisonRecords;
import jp.horenso.localstack.testing.PoisonRecords.Poison;
import jp.horenso.localstack.testing.PostgresKafkaResource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * Issue 14: on the one topic the service consumes (incident-service's case facts), malformed records (see
 * {@link PoisonRecords}) each land on the dead-letter topic with the reason, none of them starts a chain, and a valid
 * report sent after them still starts its chain.
 */
@QuarkusTest
@QuarkusTestResource(PostgresKafkaResource.class)
class ConsumerFuzzTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @Test
    void malformedCaseFactsAreDeadLetteredAndALaterReportStillStartsItsChain() {
        UUID incident = UUID.randomUUID();
        ObjectNode report = IncidentEvents.staffReport(incident);
        String key = incident.toString();
        List<Poison> poisons = PoisonRecords.of(report.toString(), "demo-gikai");
        String bootstrap = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
        PoisonRecords.sendAll(bootstrap, IncidentEvents.topic(), key, poisons);
        IncidentEvents.send(report);

        EscalationEventLog.get().await(incident, "ChainStarted", 1);
        List<ConsumerRecord<String, byte[]>> dead =
                PoisonRecords.awaitDeadLetters(bootstrap, IncidentEvents.dlq(), key, poisons.size(), TIMEOUT);
        assertEquals(List.of(), PoisonRecords.missing(poisons, dead), "every malformed record dead-lettered");
        assertEquals(poisons.size(), dead.size(), "nothing else dead-lettered");
        for (ConsumerRecord<String, byte[]> record : dead) {
            assertNotNull(PoisonRecords.headers(record).get("dead-letter-reason"), "why it was dead-lettered");
        }
        assertTrue(
                EscalationEventLog.get().of(incident, "ChainStarted").size() == 1,
                "one chain, started by the valid report only");
    }
}
