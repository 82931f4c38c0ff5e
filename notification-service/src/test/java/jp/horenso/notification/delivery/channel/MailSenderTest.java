package jp.horenso.notification.delivery.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.quarkus.mailer.Mail;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.ext.mail.SMTPException;
import jakarta.inject.Inject;
import java.net.ConnectException;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import jp.horenso.localstack.testing.PostgresKafkaResource;
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
        Mail mail = sender.compose(new OutgoingMessage(
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
                mail.getHeaders().get("Message-ID"));
    }

    @Test
    void onlyFailuresThatProveNothingLeftAreRetryableEverythingElseIsInDoubt() {
        assertInstanceOf(
                DeliveryFailedException.class,
                MailSender.classify(new CompletionException(new ConnectException("Connection refused"))));
        assertInstanceOf(
                DeliveryFailedException.class,
                MailSender.classify(new CompletionException(
                        new SMTPException("550 no such user", 550, List.of("5.1.1 no such user"), false))));
        // A time-out or a connection lost mid-transfer may come after the server accepted the message.
        assertInstanceOf(
                DeliveryInDoubtException.class,
                MailSender.classify(new CompletionException(new TimeoutException("no answer after DATA"))));
        assertInstanceOf(
                DeliveryInDoubtException.class, MailSender.classify(new IllegalStateException("connection closed")));
    }
}
