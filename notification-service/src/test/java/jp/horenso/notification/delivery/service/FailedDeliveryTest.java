package jp.horenso.notification.delivery.service;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import jp.horenso.localstack.testing.PostgresKafkaResource;
import jp.horenso.notification.config.NotificationConfig;
import jp.horenso.notification.delivery.Channel;
import jp.horenso.notification.delivery.channel.MailSender;
import jp.horenso.notification.delivery.channel.smtp.SmtpClient;
import jp.horenso.notification.inbox.service.InboxService;
import jp.horenso.notification.recipient.WebhookFormat;
import jp.horenso.notification.recipient.service.DeliverySettings;
import jp.horenso.notification.recipient.service.DeliverySettings.ChannelSetting;
import jp.horenso.notification.recipient.service.RecipientService;
import jp.horenso.notification.support.Contract;
import jp.horenso.notification.support.Mailbox;
import jp.horenso.notification.support.NotificationEventsOnKafka;
import jp.horenso.notification.support.NotificationRequests;
import jp.horenso.notification.support.NotificationRequests.Request;
import jp.horenso.notification.support.Tokens;
import jp.horenso.notification.support.WebhookReceiver;
import org.junit.jupiter.api.Test;

/**
 * A mail server that cannot be reached: a real SMTP client pointed at a closed port, handed to a real
 * {@link MailSender}.
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresKafkaResource.class, initArgs = @ResourceArg(name = "mail", value = "true"))
class FailedDeliveryTest {

    @org.junit.jupiter.api.AfterEach
    void withoutToken() {
        Tokens.anonymous();
    }

    /** Nothing listens on port 1. */
    private static final SmtpClient unreachable = new SmtpClient(new SmtpClient.Server(
            "127.0.0.1",
            1,
            false,
            SmtpClient.StartTls.DISABLED,
            java.util.Optional.empty(),
            java.util.Optional.empty(),
            Duration.ofSeconds(5),
            Duration.ofSeconds(5),
            "test.example.jp"));

    @Inject
    NotificationConfig config;

    @Inject
    InboxService inbox;

    @Inject
    RecipientService recipients;

    @Inject
    DeliveryLogService log;

    @Test
    void mailThatCannotBeSentIsRetriedThenPublishedAsNotificationFailedWithEveryAttemptLogged() {
        Tokens.actAs("csirt1", "csirt");
        QuarkusMock.installMockForType(new MailSender(unreachable, config), MailSender.class);

        Request request = NotificationRequests.newReport().send();

        JsonNode failed = NotificationEventsOnKafka.parse(
                NotificationEventsOnKafka.await("NotificationFailed", request.notificationId, Duration.ofSeconds(30))
                        .value());
        Contract.assertValid("NotificationFailed", failed);
        int maxAttempts = config.delivery().maxAttempts();
        assertEquals(maxAttempts, failed.at("/data/attempts").asInt());
        assertTrue(failed.at("/data/error").asText().contains("Connection refused"), failed.toString());

        given().queryParam("incidentId", request.incidentId.toString())
                .when()
                .get("/api/notifications")
                .then()
                .statusCode(200)
                .body("", hasSize(1))
                .body("[0].notificationId", is(request.notificationId.toString()))
                .body("[0].status", is("FAILED"))
                .body("[0].attempts.number", contains(1, 2, 3))
                .body("[0].attempts.outcome", everyItem(is("ERROR")))
                .body("[0].attempts.error", everyItem(not(emptyOrNullString())))
                // Each attempt tried twice in process (Fault Tolerance, %test) before the durable retry.
                .body("[0].attempts.tries", everyItem(is(2)));
        assertTrue(Mailbox.withSubjectContaining(request.incidentNumber).isEmpty());
        // The person still finds it in the in-app inbox.
        assertEquals(
                1,
                inbox.list(Tokens.CITY_ORG, "chief1", false).stream()
                        .filter(i -> i.notificationId().equals(request.notificationId))
                        .count());
    }

    @Test
    void mailThatKeepsFailingFailsOverToTheRecipientsNextChannel() {
        QuarkusMock.installMockForType(new MailSender(unreachable, config), MailSender.class);
        try (WebhookReceiver receiver = WebhookReceiver.start()) {
            Request request = NotificationRequests.newReport().toSomeone("mail-down");
            String path = receiver.newPath();
            recipients.replace(
                    Tokens.CITY_ORG,
                    request.username,
                    new DeliverySettings(
                            List.of(
                                    new ChannelSetting(Channel.MAIL, null, null, null),
                                    new ChannelSetting(
                                            Channel.WEBHOOK,
                                            WebhookFormat.GENERIC,
                                            receiver.url(path),
                                            "mail-down-webhook-secret-0123456789abcdef")),
                            null),
                    "test");
            request.send();

            JsonNode delivered = NotificationEventsOnKafka.parse(NotificationEventsOnKafka.await(
                            "NotificationDelivered", request.notificationId, Duration.ofSeconds(30))
                    .value());
            Contract.assertValid("NotificationDelivered", delivered);
            assertEquals("WEBHOOK", delivered.at("/data/channel").asText());
            assertEquals(
                    request.notificationId.toString(),
                    receiver.await(path, 1, Duration.ofSeconds(5)).get(0).header("Idempotency-Key"));
            assertEquals(
                    List.of("MAIL", "MAIL", "MAIL", "WEBHOOK"),
                    log.forIncident(Tokens.CITY_ORG, request.incidentId).get(0).attempts().stream()
                            .map(a -> a.channel().name())
                            .toList());
            assertEquals(1, inbox.list(Tokens.CITY_ORG, request.username, false).size());
            assertTrue(Mailbox.withSubjectContaining(request.incidentNumber).isEmpty());
        }
    }
}
