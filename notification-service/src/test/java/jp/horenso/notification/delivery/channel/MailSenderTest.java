package jp.horenso.notification.delivery.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.ext.mail.MailMessage;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
import jp.horenso.localstack.testing.PostgresKafkaResource;
import jp.horenso.notification.delivery.channel.smtp.SmtpException;
import jp.horenso.notification.delivery.channel.smtp.SmtpPhase;
import jp.horenso.notification.recipient.Endpoint;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = PostgresKafkaResource.class, initArgs = @ResourceArg(name = "mail", value = "true"))
class MailSenderTest {

    @Inject
    MailSender sender;

    @Test
    void mailComesFromTheServiceAddressWithAMessageIdDerivedFromTheNotificationId() {
        UUID notificationId = UUID.randomUUID();
        MailMessage mail = sender.compose(new OutgoingMessage(
                1,
                notificationId,
                UUID.randomUUID(),
                Endpoint.DEFAULT_MAIL,
                "chief1@demo-city.example.jp",
                "件名 / Subject",
                "本文 / Body",
                "要約 / Summary",
                1,
                List.of()));

        assertEquals("horenso@demo-city.example.jp", mail.getFrom());
        assertEquals(List.of("chief1@demo-city.example.jp"), mail.getTo());
        assertEquals(
                List.of("<" + notificationId + "@demo-city.example.jp>"),
                mail.getHeaders().getAll("Message-ID"));
    }

    @Test
    void onlyAnUnansweredFinalDotIsInDoubtAndMaySendOnceMoreEveryOtherFailureProvesNothingLeft() {
        for (SmtpPhase phase : SmtpPhase.values()) {
            RuntimeException timedOut = MailSender.classify(new SmtpException(phase, 0, "Read timed out", null));
            if (phase == SmtpPhase.END_OF_DATA) {
                DeliveryInDoubtException doubt = assertInstanceOf(DeliveryInDoubtException.class, timedOut);
                assertTrue(doubt.resendOnce());
            } else {
                assertInstanceOf(DeliveryFailedException.class, timedOut, phase.toString());
            }
        }
        // An answer, even to the final dot, proves the server did not take it.
        assertInstanceOf(
                DeliveryFailedException.class,
                MailSender.classify(new SmtpException(SmtpPhase.END_OF_DATA, 554, "transaction failed", null)));
        assertInstanceOf(
                DeliveryFailedException.class,
                MailSender.classify(new SmtpException(SmtpPhase.RCPT_TO, 550, "no such user", null)));
    }
}
