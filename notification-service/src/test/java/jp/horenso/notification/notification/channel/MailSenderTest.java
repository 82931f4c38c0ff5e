package jp.horenso.notification.notification.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.mailer.Mail;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
import jp.horenso.localstack.testing.PostgresKafkaResource;
import jp.horenso.notification.notification.Channel;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = PostgresKafkaResource.class, initArgs = @ResourceArg(name = "mail", value = "true"))
class MailSenderTest {

    @Inject
    MailSender sender;

    @Test
    void mailComesFromTheServiceAddressWithAMessageIdDerivedFromTheNotificationId() {
        UUID notificationId = UUID.randomUUID();
        Mail mail = sender.compose(new OutgoingMessage(1, notificationId, UUID.randomUUID(), Channel.MAIL,
                "chief1@demo-city.example.jp", "件名 / Subject", "本文 / Body", 1));

        assertEquals("horenso@demo-city.example.jp", mail.getFrom());
        assertEquals(List.of("chief1@demo-city.example.jp"), mail.getTo());
        assertEquals(List.of("<" + notificationId + "@demo-city.example.jp>"), mail.getHeaders().get("Message-ID"));
    }
}
