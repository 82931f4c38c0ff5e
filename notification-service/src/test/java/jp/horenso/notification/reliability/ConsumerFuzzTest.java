package jp.horenso.notification.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import jp.horenso.localstack.testing.PoisonRecords;
import jp.horenso.localstack.testing.PoisonRecords.Poison;
import jp.horenso.localstack.testing.PostgresKafkaResource;
import jp.horenso.notification.support.Mailbox;
import jp.horenso.notification.support.NotificationRequests;
import jp.horenso.notification.support.NotificationRequests.Request;
import jp.horenso.notification.support.TestKafka;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * Issue 14: on the one topic the service consumes (escalation-service's requests), malformed records (see
 * {@link PoisonRecords}) each land on the dead-letter topic with the reason, none of them sends a mail, and a valid
 * request sent after them is still delivered.
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresKafkaResource.class, initArgs = @ResourceArg(name = "mail", value = "true"))
class ConsumerFuzzTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @Test
    void malformedRequestsAreDeadLetteredAndALaterRequestIsStillDelivered() {
        // The case is known as the demo city's first, so that a record claiming another organisation is refused.
        Request first = NotificationRequests.newReport().send();
        Mailbox.awaitMail(first.incidentNumber, TIMEOUT);
        Request template = NotificationRequests.newReport().sameCaseAs(first);
        String key = first.incidentId.toString();
        List<Poison> poisons =
                PoisonRecords.of(template.event(UUID.randomUUID()).toString(), "demo-gikai");
        String bootstrap = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
        PoisonRecords.sendAll(bootstrap, TestKafka.ESCALATION_EVENTS, key, poisons);

        Request later = NotificationRequests.newReport().sameCaseAs(first).send();

        Mailbox.awaitMail(later.incidentNumber, TIMEOUT);
        List<ConsumerRecord<String, byte[]>> dead =
                PoisonRecords.awaitDeadLetters(bootstrap, TestKafka.ESCALATION_DLQ, key, poisons.size(), TIMEOUT);
        assertEquals(List.of(), PoisonRecords.missing(poisons, dead), "every malformed record dead-lettered");
        assertEquals(poisons.size(), dead.size(), "nothing else dead-lettered");
        for (ConsumerRecord<String, byte[]> record : dead) {
            assertNotNull(PoisonRecords.headers(record).get("dead-letter-reason"), "why it was dead-lettered");
        }
        assertTrue(Mailbox.withSubjectContaining(template.incidentNumber).isEmpty(), "no mail of a malformed record");
    }
}
