package jp.horenso.notification.delivery.messaging;

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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import javax.sql.DataSource;
import jp.horenso.localstack.testing.PostgresKafkaResource;
import jp.horenso.notification.delivery.Channel;
import jp.horenso.notification.recipient.WebhookFormat;
import jp.horenso.notification.recipient.service.DeliverySettings;
import jp.horenso.notification.recipient.service.DeliverySettings.ChannelSetting;
import jp.horenso.notification.recipient.service.RecipientService;
import jp.horenso.notification.support.Mailbox;
import jp.horenso.notification.support.Mailbox.ReceivedMail;
import jp.horenso.notification.support.NotificationRequests;
import jp.horenso.notification.support.NotificationRequests.Request;
import jp.horenso.notification.support.Rows;
import jp.horenso.notification.support.TestKafka;
import jp.horenso.notification.support.Tokens;
import jp.horenso.notification.support.WebhookReceiver;
import org.jboss.logmanager.ExtLogRecord;
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
        Request byMail = withPersonalData(NotificationRequests.newReport().toSomeone("privacy-mail"))
                .sendUnchecked();
        Request byWebhook = withPersonalData(NotificationRequests.newReport().toSomeone("privacy-hook"));
        String path = receiver.newPath();
        recipients.replace(
                Tokens.CITY_ORG,
                byWebhook.username,
                new DeliverySettings(
                        List.of(new ChannelSetting(Channel.WEBHOOK, WebhookFormat.GENERIC, receiver.url(path), SECRET)),
                        null),
                "test");
        byWebhook.sendUnchecked();

        ReceivedMail mail = Mailbox.awaitMail(byMail.incidentNumber, TIMEOUT);
        assertClean(mail.subject());
        assertClean(mail.body());
        assertTrue(mail.body().contains("http://localhost:8081/api/incidents/" + byMail.incidentId), mail.body());

        JsonNode webhook = receiver.await(path, 1, TIMEOUT).get(0).json();
        assertClean(webhook.toString());
        assertEquals(
                "http://localhost:8081/api/incidents/" + byWebhook.incidentId,
                webhook.at("/items/0/caseLink").asText());

        for (UUID id : List.of(byMail.notificationId, byWebhook.notificationId)) {
            String inbox = Rows.single(
                    db,
                    "SELECT subject || summary || case_link || coalesce(ack_link, '') "
                            + "FROM inbox_item WHERE notification_id = ?",
                    id);
            assertClean(inbox);
        }
    }

    @Test
    void decisionNoticeCarriesTheStaffNoteButNothingAboutThePersons() {
        String note = "再発防止策の研修計画を具体的にしてください。";
        Request returned = withPersonalData(NotificationRequests.newReport()
                        .cisoReport("CISO_REPORT_RETURNED", 1)
                        .toSomeone("privacy-decision")
                        .note(note))
                .sendUnchecked();

        ReceivedMail mail = Mailbox.awaitMail(returned.incidentNumber, TIMEOUT);
        assertClean(mail.subject());
        assertClean(mail.body());
        assertTrue(mail.body().contains(note), mail.body());
        String inbox = Rows.single(
                db,
                "SELECT subject || summary || case_link FROM inbox_item " + "WHERE notification_id = ?",
                returned.notificationId);
        assertClean(inbox);
        assertTrue(inbox.contains(note), inbox);
    }

    @Test
    void staffNoteReachesTheRecipientButNeverTheLog() {
        String token = "NOTE-" + UUID.randomUUID();
        List<String> logged = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                StringBuilder text = new StringBuilder(String.valueOf(record.getMessage()));
                if (record instanceof ExtLogRecord ext) {
                    text.append(' ').append(ext.getFormattedMessage());
                }
                if (record.getParameters() != null) {
                    for (Object parameter : record.getParameters()) {
                        text.append(' ').append(parameter);
                    }
                }
                for (Throwable t = record.getThrown(); t != null; t = t.getCause()) {
                    text.append(' ').append(t);
                }
                logged.add(text.toString());
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
        root.addHandler(capture);
        try {
            Request forwarded = NotificationRequests.newReport()
                    .kind("FORWARDED")
                    .toSomeone("note-log")
                    .note("部長へ: " + token)
                    .send();
            // Too long for the contract: refused to the dead-letter topic, with the reason — not the text.
            Request tooLong = NotificationRequests.newReport()
                    .kind("FORWARDED")
                    .toSomeone("note-log")
                    .note(token + "あ".repeat(2000))
                    .sendUnchecked();

            assertTrue(
                    Mailbox.awaitMail(forwarded.incidentNumber, TIMEOUT).body().contains(token));
            TestKafka.awaitRecord(
                    TestKafka.ESCALATION_DLQ, r -> r.value().contains(tooLong.eventId.toString()), TIMEOUT);
            Rows.awaitStatus(db, forwarded.notificationId, "SENT/MAIL", TIMEOUT);
        } finally {
            root.removeHandler(capture);
        }
        assertFalse(logged.isEmpty(), "the capture saw nothing: the test would prove nothing");
        for (String line : logged) {
            assertFalse(line.contains(token), "the note was logged: " + line);
        }
    }

    private static Request withPersonalData(Request request) {
        JsonNodeFactory json = JsonNodeFactory.instance;
        request.extra("title", json.textNode("山田太郎さんの住民票の写しを誤送付"));
        request.extra("description", json.textNode("住所 栃木県鹿沼市今宮町1688-1 電話 090-1234-5678"));
        request.extra(
                "affectedPersons",
                json.arrayNode().add(json.objectNode().put("name", "山田 太郎").put("phone", "090-1234-5678")));
        return request;
    }

    private static void assertClean(String text) {
        assertTrue(text != null && !text.isBlank(), "nothing to check");
        for (String personal : PERSONAL) {
            assertFalse(text.contains(personal), "'" + personal + "' left the service:\n" + text);
        }
    }
}
