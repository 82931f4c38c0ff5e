package jp.horenso.notification.delivery.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import jp.horenso.localstack.testing.PostgresKafkaResource;
import jp.horenso.notification.support.Contract;
import jp.horenso.notification.support.Mailbox;
import jp.horenso.notification.support.NotificationRequests;
import jp.horenso.notification.support.NotificationRequests.Request;
import jp.horenso.notification.support.TestKafka;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = PostgresKafkaResource.class, initArgs = @ResourceArg(name = "mail", value = "true"))
class PoisonRecordTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void poisonRecordsGoToTheDeadLetterTopicAndALaterRequestIsStillDelivered() {
        Request request = NotificationRequests.newReport();
        String key = request.incidentId.toString();
        String notJson = "this is not JSON " + UUID.randomUUID();
        String notCloudEvent = "{\"hello\":\"" + UUID.randomUUID() + "\"}";
        ObjectNode withoutRecipient = request.event(UUID.randomUUID());
        ((ObjectNode) withoutRecipient.get("data")).remove("recipient");
        TestKafka.send(TestKafka.ESCALATION_EVENTS, key, notJson);
        TestKafka.send(TestKafka.ESCALATION_EVENTS, key, notCloudEvent);
        TestKafka.send(TestKafka.ESCALATION_EVENTS, key, withoutRecipient.toString());

        Request later = NotificationRequests.newReport().sameCaseAs(request).send();

        Mailbox.awaitMail(later.incidentNumber, TIMEOUT);
        List<ConsumerRecord<String, String>> dead =
                TestKafka.records(TestKafka.ESCALATION_DLQ, record -> key.equals(record.key()), TIMEOUT, 3);
        assertEquals(
                Set.of(notJson, notCloudEvent, withoutRecipient.toString()),
                dead.stream().map(ConsumerRecord::value).collect(Collectors.toSet()));
        assertTrue(Mailbox.withSubjectContaining(request.incidentNumber).isEmpty());
    }

    @Test
    void otherEscalationEventsAreAcknowledgedAndIgnored() {
        Request request = NotificationRequests.newReport();
        ObjectNode hopOpened = hopOpened(request.incidentId);
        Contract.assertValid("HopOpened", hopOpened);
        TestKafka.send(TestKafka.ESCALATION_EVENTS, request.incidentId.toString(), hopOpened.toString());

        request.send();

        Mailbox.awaitMail(request.incidentNumber, TIMEOUT);
        assertTrue(
                TestKafka.records(
                                TestKafka.ESCALATION_DLQ,
                                record -> request.incidentId.toString().equals(record.key()),
                                Duration.ofSeconds(3),
                                1)
                        .isEmpty(),
                "HopOpened must not be dead-lettered");
    }

    private static ObjectNode hopOpened(UUID incidentId) {
        ObjectNode event = JSON.createObjectNode();
        event.put("specversion", "1.0");
        event.put("id", UUID.randomUUID().toString());
        event.put("source", "/horenso/escalation-service");
        event.put("type", "jp.horenso.HopOpened");
        event.put("time", Instant.now().toString());
        event.put("subject", incidentId.toString());
        event.put("organisation", "demo-city");
        event.put("datacontenttype", "application/json");
        ObjectNode data = event.putObject("data");
        data.put("incidentId", incidentId.toString());
        data.put("hopId", UUID.randomUUID().toString());
        data.put("step", "SECTION_CHIEF");
        data.putObject("recipient").put("username", "chief1");
        data.put("ackDeadline", Instant.now().plusSeconds(900).toString());
        return event;
    }
}
