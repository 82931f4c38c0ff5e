package jp.horenso.notification.delivery.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import jp.horenso.localstack.testing.PostgresKafkaResource;
import jp.horenso.notification.recipient.service.DeliverySettings;
import jp.horenso.notification.recipient.service.RecipientService;
import jp.horenso.notification.support.Contract;
import jp.horenso.notification.support.Mailbox;
import jp.horenso.notification.support.Mailbox.ReceivedMail;
import jp.horenso.notification.support.NotificationEventsOnKafka;
import jp.horenso.notification.support.NotificationRequests;
import jp.horenso.notification.support.NotificationRequests.Request;
import jp.horenso.notification.support.Rows;
import jp.horenso.notification.support.Tokens;
import org.junit.jupiter.api.Test;

/** Quiet: bursts to one person become one digest when the person wants it; the CISO is never kept waiting. */
@QuarkusTest
@QuarkusTestResource(value = PostgresKafkaResource.class, initArgs = @ResourceArg(name = "mail", value = "true"))
class DigestTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Inject
    RecipientService recipients;

    @Inject
    DeliveryLogService log;

    @Inject
    DataSource db;

    @Test
    void burstToOnePersonGoesOutAsTheFirstMessageThenOneDigestOfTheRest() {
        Request first = NotificationRequests.newReport().toSomeone("digest");
        recipients.replace(Tokens.CITY_ORG, first.username, new DeliverySettings(List.of(), "PT4S"), "test");
        first.send();
        Request second = NotificationRequests.newReport()
                .sameCaseAs(first)
                .kind("REMINDER")
                .to(first.username, first.name, first.email)
                .send();
        Rows.awaitStored(db, second.notificationId, TIMEOUT);
        Request third = NotificationRequests.newReport()
                .to(first.username, first.name, first.email)
                .send();

        ReceivedMail alone = Mailbox.awaitMail(first.incidentNumber, TIMEOUT);
        assertFalse(alone.subject().contains("まとめ"), alone.subject());
        ReceivedMail digest = Mailbox.awaitMail(third.incidentNumber, TIMEOUT);
        assertTrue(digest.subject().startsWith("【高/High】【Horenso】まとめ 2件 "), digest.subject());
        assertTrue(
                digest.subject().contains(second.incidentNumber)
                        && digest.subject().contains("Digest of 2"),
                digest.subject());
        assertTrue(digest.body().contains("短い間に届いた 2 件の通知をまとめてお送りします。"), digest.body());
        assertTrue(digest.body().contains("再通知 " + second.incidentNumber), digest.body());
        assertTrue(digest.body().contains("インシデント報告 " + third.incidentNumber), digest.body());
        // Each notification keeps its own one-click acknowledgement link.
        assertEquals(2, digest.body().split("http://localhost:8083/ack/", -1).length - 1, digest.body());
        // One mail for the two: neither was sent on its own.
        assertEquals(1, Mailbox.withSubjectContaining(second.incidentNumber).size());
        assertEquals(1, Mailbox.withSubjectContaining(third.incidentNumber).size());

        for (Request grouped : List.of(second, third)) {
            Contract.assertValid(
                    "NotificationDelivered",
                    NotificationEventsOnKafka.parse(
                            NotificationEventsOnKafka.await("NotificationDelivered", grouped.notificationId, TIMEOUT)
                                    .value()));
        }
        DeliveryLogEntry member =
                log.forIncident(Tokens.CITY_ORG, third.incidentId).get(0);
        assertEquals(second.notificationId, member.digestOf());
        assertEquals("SENT", member.status().name());
    }

    @Test
    void messagesToTheCisoAreNeverGroupedOrDelayedWhateverTheSettings() {
        recipients.replace(Tokens.CITY_ORG, "ciso", new DeliverySettings(List.of(), "PT1H"), "test");
        Request vice = NotificationRequests.newReport().toSomeone("acting-ciso").step("CISO");
        recipients.replace(Tokens.CITY_ORG, vice.username, new DeliverySettings(List.of(), "PT1H"), "test");
        try {
            Instant start = Instant.now();
            Request first = NotificationRequests.newReport()
                    .to("ciso", "副市長 CISO", "ciso@demo-city.example.jp")
                    .step("CISO")
                    .send();
            Request second = NotificationRequests.newReport()
                    .sameCaseAs(first)
                    .kind("ESCALATION")
                    .to("ciso", "副市長 CISO", "ciso@demo-city.example.jp")
                    .step("SECURITY_LEAD")
                    .send();
            Request third = NotificationRequests.newReport()
                    .sameCaseAs(first)
                    .kind("REMINDER")
                    .to("ciso", "副市長 CISO", "ciso@demo-city.example.jp")
                    .send();
            Request fourth = vice.send();
            Request fifth = NotificationRequests.newReport()
                    .sameCaseAs(vice)
                    .kind("REMINDER")
                    .to(vice.username, vice.name, vice.email)
                    .step("CISO")
                    .send();

            for (Request request : List.of(first, second, third, fourth, fifth)) {
                ReceivedMail mail = Mailbox.awaitMail(request.incidentNumber, TIMEOUT);
                assertFalse(mail.subject().contains("まとめ"), mail.subject());
                assertEquals(
                        1, Mailbox.withSubjectContaining(request.incidentNumber).size());
            }
            // A digest would have waited an hour.
            assertTrue(Duration.between(start, Instant.now()).compareTo(Duration.ofSeconds(25)) < 0);
        } finally {
            recipients.replace(Tokens.CITY_ORG, "ciso", new DeliverySettings(List.of(), null), "test");
        }
    }
}
