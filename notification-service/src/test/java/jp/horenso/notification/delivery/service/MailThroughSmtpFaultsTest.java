package jp.horenso.notification.delivery.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import jp.horenso.localstack.testing.PostgresKafkaResource;
import jp.horenso.notification.config.NotificationConfig;
import jp.horenso.notification.delivery.DeliveryOutcome;
import jp.horenso.notification.delivery.channel.MailSender;
import jp.horenso.notification.delivery.channel.smtp.SmtpClient;
import jp.horenso.notification.inbox.service.InboxService;
import jp.horenso.notification.support.Mailbox;
import jp.horenso.notification.support.NotificationRequests;
import jp.horenso.notification.support.NotificationRequests.Request;
import jp.horenso.notification.support.Rows;
import jp.horenso.notification.support.SmtpFaultProxy;
import jp.horenso.notification.support.SmtpFaultProxy.Fault;
import jp.horenso.notification.support.Tokens;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * The chaos run's lost mail (docs/reliability.md): an SMTP send that times out. The real service sends through a TCP
 * proxy in front of the real test SMTP server (GreenMail) that stalls the first connection(s) at a chosen phase; the
 * mails are counted at the server. A stall before the final "." is retried and arrives once; an unanswered final
 * "." is sent once more with the same Message-ID — one copy if the server had not taken it, two recognisable copies
 * if it had — and never a third time.
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresKafkaResource.class, initArgs = @ResourceArg(name = "mail", value = "true"))
class MailThroughSmtpFaultsTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    /** Shorter than the settings' so that a stalled phase ends quickly. */
    private static final Duration STALL = Duration.ofSeconds(2);

    @ConfigProperty(name = "quarkus.mailer.port")
    int smtpPort;

    @Inject
    NotificationConfig config;

    @Inject
    DataSource db;

    @Inject
    DeliveryLogService log;

    @Inject
    InboxService inbox;

    private void sendThrough(SmtpFaultProxy proxy) {
        SmtpClient client = new SmtpClient(new SmtpClient.Server(
                "127.0.0.1",
                proxy.port(),
                false,
                SmtpClient.StartTls.OPTIONAL,
                Optional.empty(),
                Optional.empty(),
                STALL,
                STALL,
                "demo-city.example.jp"));
        QuarkusMock.installMockForType(new MailSender(client, config), MailSender.class);
    }

    private List<DeliveryOutcome> outcomes(Request request) {
        return log.forIncident(Tokens.CITY_ORG, request.incidentId).get(0).attempts().stream()
                .map(DeliveryLogEntry.Attempt::outcome)
                .toList();
    }

    private String messageId(Request request) {
        return "<" + request.notificationId + "@demo-city.example.jp>";
    }

    @Test
    void aMailWhoseServerNeverGreetedIsSentAgainAndArrivesOnce() {
        try (SmtpFaultProxy proxy = SmtpFaultProxy.start(smtpPort, Fault.STALL_GREETING, 1)) {
            sendThrough(proxy);
            Request request =
                    NotificationRequests.newReport().toSomeone("greeting").send();

            Rows.awaitStatus(db, request.notificationId, "SENT/MAIL", TIMEOUT);
            assertEquals(
                    1, Mailbox.withSubjectContaining(request.incidentNumber).size());
            // The time-out proved nothing was taken: retried within the attempt.
            assertEquals(List.of(DeliveryOutcome.SENT), outcomes(request));
        }
    }

    @Test
    void aMailStalledAfterMailFromIsSentAgainAndArrivesOnce() {
        try (SmtpFaultProxy proxy = SmtpFaultProxy.start(smtpPort, Fault.STALL_MAIL_FROM, 1)) {
            sendThrough(proxy);
            Request request =
                    NotificationRequests.newReport().toSomeone("mailfrom").send();

            Rows.awaitStatus(db, request.notificationId, "SENT/MAIL", TIMEOUT);
            assertEquals(
                    1, Mailbox.withSubjectContaining(request.incidentNumber).size());
            assertEquals(List.of(DeliveryOutcome.SENT), outcomes(request));
        }
    }

    @Test
    void aFinalDotTheServerNeverSawIsSentOnceMoreAndTheMailArrivesOnce() {
        try (SmtpFaultProxy proxy = SmtpFaultProxy.start(smtpPort, Fault.SWALLOW_END_OF_DATA, 1)) {
            sendThrough(proxy);
            Request request =
                    NotificationRequests.newReport().toSomeone("swallowed").send();

            Rows.awaitStatus(db, request.notificationId, "SENT/MAIL", TIMEOUT);
            assertEquals(
                    1, Mailbox.withSubjectContaining(request.incidentNumber).size());
            assertEquals(List.of(DeliveryOutcome.UNKNOWN, DeliveryOutcome.SENT), outcomes(request));
            assertEquals(List.of(messageId(request), messageId(request)), proxy.messageIds());
        }
    }

    @Test
    void aFinalDotWhoseAnswerWasLostIsSentOnceMoreWithTheSameMessageId() {
        try (SmtpFaultProxy proxy = SmtpFaultProxy.start(smtpPort, Fault.DROP_END_OF_DATA_ANSWER, 1)) {
            sendThrough(proxy);
            Request request =
                    NotificationRequests.newReport().toSomeone("answerlost").send();

            Rows.awaitStatus(db, request.notificationId, "SENT/MAIL", TIMEOUT);
            // The server had taken the first: two copies, recognisable as one message by their Message-ID.
            assertEquals(
                    2, Mailbox.withSubjectContaining(request.incidentNumber).size());
            assertEquals(List.of(messageId(request), messageId(request)), proxy.messageIds());
            assertEquals(List.of(DeliveryOutcome.UNKNOWN, DeliveryOutcome.SENT), outcomes(request));
        }
    }

    @Test
    void aSecondUnansweredFinalDotIsNotSentAThirdTimeAndIsSettledInTheInbox() throws InterruptedException {
        try (SmtpFaultProxy proxy = SmtpFaultProxy.start(smtpPort, Fault.DROP_END_OF_DATA_ANSWER, 2)) {
            sendThrough(proxy);
            Request request =
                    NotificationRequests.newReport().toSomeone("twice").send();

            Rows.awaitStatus(db, request.notificationId, "SENT/INBOX", TIMEOUT);
            Thread.sleep(2_000); // a third send would have begun by now (retries wait at most 500 ms in %test)
            assertEquals(2, proxy.connections());
            assertEquals(
                    2, Mailbox.withSubjectContaining(request.incidentNumber).size());
            assertEquals(List.of(DeliveryOutcome.UNKNOWN, DeliveryOutcome.UNKNOWN), outcomes(request));
            assertTrue(
                    inbox.list(Tokens.CITY_ORG, request.username, false).stream()
                            .anyMatch(i -> i.notificationId().equals(request.notificationId)),
                    "kept in the in-app inbox");
        }
    }
}
