package jp.horenso.notification.delivery.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import jp.horenso.localstack.testing.PostgresKafkaResource;
import jp.horenso.notification.delivery.Channel;
import jp.horenso.notification.delivery.DeliveryOutcome;
import jp.horenso.notification.inbox.service.InboxService;
import jp.horenso.notification.recipient.Endpoint;
import jp.horenso.notification.recipient.WebhookFormat;
import jp.horenso.notification.recipient.service.DeliverySettings;
import jp.horenso.notification.recipient.service.DeliverySettings.ChannelSetting;
import jp.horenso.notification.recipient.service.RecipientService;
import jp.horenso.notification.support.Contract;
import jp.horenso.notification.support.Mailbox;
import jp.horenso.notification.support.NotificationEventsOnKafka;
import jp.horenso.notification.support.Rows;
import jp.horenso.notification.support.Tokens;
import jp.horenso.notification.support.WebhookReceiver;
import jp.horenso.notification.support.WebhookReceiver.Received;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * A worker that crashed between the send and the recording of its outcome. Each test writes the database as the
 * crashed worker left it — the notification SENDING with an expired lease, and the attempt's "started" marker —
 * and lets the real worker find it.
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresKafkaResource.class, initArgs = @ResourceArg(name = "mail", value = "true"))
class CrashRecoveryTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Inject
    DataSource db;

    @ConfigProperty(name = "quarkus.mailer.port")
    int smtpPort;

    @Inject
    RecipientService recipients;

    @Inject
    DeliveryLogService log;

    @Inject
    InboxService inbox;

    @Test
    void mailThatWasSentJustBeforeTheCrashIsNotSentAgainAndIsSettledInTheInbox() {
        UUID notificationId = UUID.randomUUID();
        UUID incidentId = UUID.randomUUID();
        String number = number();
        String username = "crash-" + notificationId.toString().substring(0, 8);
        String subject = "【高/High】【Horenso】インシデント報告 " + number + " / Incident report " + number;
        crashedWhileSending(
                notificationId,
                incidentId,
                number,
                username,
                subject,
                Channel.MAIL,
                null,
                -1,
                "MAIL " + username + "@demo-city.example.jp");
        // What the crashed worker had done: the SMTP server accepted the mail. Sent on a connection of its own
        // (plain JavaMail), not through the application's pooled mail client, whose state this test must not share.
        GreenMailUtil.sendTextEmail(
                username + "@demo-city.example.jp",
                "horenso@demo-city.example.jp",
                subject,
                "本文 / body",
                new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));

        JsonNode delivered = NotificationEventsOnKafka.parse(
                NotificationEventsOnKafka.await("NotificationDelivered", notificationId, TIMEOUT)
                        .value());
        Contract.assertValid("NotificationDelivered", delivered);
        assertEquals("INBOX", delivered.at("/data/channel").asText());
        // The notification is settled: nothing can send it any more, and nothing did.
        Rows.awaitStatus(db, notificationId, "SENT/INBOX", TIMEOUT);
        assertEquals(1, Mailbox.withSubjectContaining(number).size());
        DeliveryLogEntry entry = log.forIncident(Tokens.CITY_ORG, incidentId).get(0);
        assertEquals(
                List.of(DeliveryOutcome.UNKNOWN),
                entry.attempts().stream().map(DeliveryLogEntry.Attempt::outcome).toList());
        assertTrue(entry.lastError().contains("not sent again"), entry.lastError());
        assertEquals(1, inbox.list(Tokens.CITY_ORG, username, false).size());
    }

    @Test
    void genericWebhookThatWasPostedJustBeforeTheCrashIsPostedAgainUnderTheSameIdempotencyKey() {
        try (WebhookReceiver receiver = WebhookReceiver.start()) {
            UUID notificationId = UUID.randomUUID();
            UUID incidentId = UUID.randomUUID();
            String number = number();
            String username = "crash-" + notificationId.toString().substring(0, 8);
            String path = receiver.newPath();
            recipients.replace(
                    Tokens.CITY_ORG,
                    username,
                    new DeliverySettings(
                            List.of(new ChannelSetting(
                                    Channel.WEBHOOK,
                                    WebhookFormat.GENERIC,
                                    receiver.url(path),
                                    "crash-test-webhook-secret-0123456789")),
                            null),
                    "test");
            Endpoint endpoint = recipients.firstEndpoint(Tokens.CITY_ORG, username);
            crashedWhileSending(
                    notificationId,
                    incidentId,
                    number,
                    username,
                    "【高/High】【Horenso】" + number,
                    Channel.WEBHOOK,
                    endpoint.id(),
                    endpoint.position(),
                    "GENERIC 127.0.0.1");

            Rows.awaitStatus(db, notificationId, "SENT/WEBHOOK", TIMEOUT);
            // The receiver drops this request if the first one had arrived: same key as the first request had.
            Received again = receiver.at(path).get(0);
            assertEquals(notificationId.toString(), again.header("Idempotency-Key"));
            assertEquals(1, receiver.at(path).size());
            assertEquals(
                    List.of(DeliveryOutcome.UNKNOWN, DeliveryOutcome.SENT),
                    log.forIncident(Tokens.CITY_ORG, incidentId).get(0).attempts().stream()
                            .map(DeliveryLogEntry.Attempt::outcome)
                            .toList());
        }
    }

    /** The rows a worker leaves when it crashes after its "started" marker and before recording the outcome. */
    private void crashedWhileSending(
            UUID notificationId,
            UUID incidentId,
            String number,
            String username,
            String subject,
            Channel channel,
            Long endpointId,
            int position,
            String target) {
        // One statement, so that the worker never sees the notification without its "started" marker (with two, it
        // could take the notification over in between, and the marker's insert then deadlocked with it).
        Rows.execute(
                db,
                """
                WITH n AS (
                INSERT INTO notification (notification_id, organisation, incident_id, incident_number, hop_id, kind,
                    drill, channel,
                    recipient_username, recipient_name, recipient_email, subject, body, summary, case_link, status,
                    attempts, channel_attempts, endpoint_id, endpoint_position, next_attempt_at, lease_until,
                    request_event_id, requested_at)
                VALUES (?, 'demo-city', ?, ?, ?, 'NEW_REPORT', false, ?, ?, '試験 一郎', ?, ?, '本文 / body', '要約 / summary',
                    'http://localhost:8081/api/incidents/x', 'SENDING', 1, 1, ?, ?, now() - interval '10 minutes',
                    now() - interval '1 minute', ?, now())
                RETURNING id, organisation)
                INSERT INTO delivery_attempt (notification_id, organisation, attempt_number, channel, attempted_at,
                    outcome, target)
                SELECT id, organisation, 1, ?, now() - interval '2 minutes', 'STARTED', ? FROM n""",
                notificationId,
                incidentId,
                number,
                UUID.randomUUID(),
                channel.name(),
                username,
                username + "@demo-city.example.jp",
                subject,
                endpointId,
                position,
                UUID.randomUUID(),
                channel.name(),
                target);
    }

    private static String number() {
        return "INC-2026-" + ThreadLocalRandom.current().nextInt(100000, 1000000);
    }
}
