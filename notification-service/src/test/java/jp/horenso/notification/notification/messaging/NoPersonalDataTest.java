package jp.horenso.notification.notification.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import jp.horenso.localstack.testing.PostgresKafkaResource;
import jp.horenso.notification.notification.Channel;
import jp.horenso.notification.recipient.WebhookFormat;
import jp.horenso.notification.recipient.service.DeliverySettings;
import jp.horenso.notification.recipient.service.DeliverySettings.ChannelSetting;
import jp.horenso.notification.recipient.service.RecipientService;
import jp.horenso.notification.testing.Mailbox;
import jp.horenso.notification.testing.Mailbox.ReceivedMail;
import jp.horenso.notification.testing.NotificationRequests;
import jp.horenso.notification.testing.NotificationRequests.Request;
import jp.horenso.notification.testing.Rows;
import jp.horenso.notification.testing.WebhookReceiver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Nothing about the persons a case concerns leaves by mail or webhook — only a link. The contract has no field
 * for such data; this test sends it anyway, as a careless producer might, and looks for it everywhere.
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresKafkaResource.class, initArgs = @ResourceArg(name = "mail", value = "true"))
class NoPersonalDataTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String SECRET = "privacy-test-webhook-secret-0123456789";
    private static final List<String> PERSONAL = List.of("山田", "太郎", "090-1234-5678", "栃木県", "住民票", "今宮町");
    private static WebhookReceiver receiver;

    @Inject
    RecipientService recipients;

    @Inject
    DataSource db;

    @BeforeAll
    static void startReceiver() {
        receiver = WebhookReceiver.start();
    }

    @AfterAll
    static void stopReceiver() {
        receiver.close();
    }

    @Test
    void personalDataSmuggledIntoARequestNeverLeavesByMailWebhookOrInbox() {
        Request byMail = withPersonalData(NotificationRequests.newReport().toSomeone("privacy-mail")).sendUnchecked();
        Request byWebhook = withPersonalData(NotificationRequests.newReport().toSomeone("privacy-hook"));
        String path = receiver.newPath();
        recipients.replace(byWebhook.username, new DeliverySettings(List.of(
                new ChannelSetting(Channel.WEBHOOK, WebhookFormat.GENERIC, receiver.url(path), SECRET)), null), "test");
        byWebhook.sendUnchecked();

        ReceivedMail mail = Mailbox.awaitMail(byMail.incidentNumber, TIMEOUT);
        assertClean(mail.subject());
        assertClean(mail.body());
        assertTrue(mail.body().contains("http://localhost:8081/api/incidents/" + byMail.incidentId), mail.body());

        JsonNode webhook = receiver.await(path, 1, TIMEOUT).get(0).json();
        assertClean(webhook.toString());
        assertEquals("http://localhost:8081/api/incidents/" + byWebhook.incidentId,
                webhook.at("/items/0/caseLink").asText());

        for (UUID id : List.of(byMail.notificationId, byWebhook.notificationId)) {
            String inbox = Rows.single(db, "SELECT subject || summary || case_link || coalesce(ack_link, '') "
                    + "FROM inbox_item WHERE notification_id = ?", id);
            assertClean(inbox);
        }
    }

    private static Request withPersonalData(Request request) {
        JsonNodeFactory json = JsonNodeFactory.instance;
        request.extra("title", json.textNode("山田太郎さんの住民票の写しを誤送付"));
        request.extra("description", json.textNode("住所 栃木県鹿沼市今宮町1688-1 電話 090-1234-5678"));
        request.extra("affectedPersons", json.arrayNode().add(json.objectNode()
                .put("name", "山田 太郎").put("phone", "090-1234-5678")));
        return request;
    }

    private static void assertClean(String text) {
        assertTrue(text != null && !text.isBlank(), "nothing to check");
        for (String personal : PERSONAL) {
            assertFalse(text.contains(personal), "'" + personal + "' left the service:\n" + text);
        }
    }
}
