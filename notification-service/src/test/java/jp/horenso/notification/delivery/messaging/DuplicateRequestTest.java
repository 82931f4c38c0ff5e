package jp.horenso.notification.delivery.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.UUID;
import jp.horenso.localstack.testing.PostgresKafkaResource;
import jp.horenso.notification.support.Mailbox;
import jp.horenso.notification.support.NotificationRequests;
import jp.horenso.notification.support.NotificationRequests.Request;
import org.junit.jupiter.api.Test;

/**
 * Repeated requests send one mail. Each test sends a later request about the same case (same Kafka key, so
 * read after the duplicates and stored after them); once its mail is there, a duplicate's mail would be too.
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresKafkaResource.class, initArgs = @ResourceArg(name = "mail", value = "true"))
class DuplicateRequestTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Test
    void sameEventDeliveredTwiceSendsOneMail() {
        Request request = NotificationRequests.newReport();
        request.send();
        request.send();

        Request later = NotificationRequests.newReport().sameCaseAs(request).send();
        Mailbox.awaitMail(later.incidentNumber, TIMEOUT);

        assertEquals(1, Mailbox.withSubjectContaining(request.incidentNumber).size());
    }

    @Test
    void sameNotificationUnderAnotherEventIdSendsOneMail() {
        Request request = NotificationRequests.newReport();
        request.send();
        request.sendAs(UUID.randomUUID());

        Request later = NotificationRequests.newReport().sameCaseAs(request).send();
        Mailbox.awaitMail(later.incidentNumber, TIMEOUT);

        assertEquals(1, Mailbox.withSubjectContaining(request.incidentNumber).size());
    }
}
