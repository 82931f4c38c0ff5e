package jp.horenso.notification.delivery.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;
import jp.horenso.localstack.testing.PostgresKafkaResource;
import jp.horenso.notification.delivery.Channel;
import jp.horenso.notification.delivery.DeliveryOutcome;
import jp.horenso.notification.delivery.service.DeliveryLogEntry;
import jp.horenso.notification.delivery.service.DeliveryLogService;
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
import jp.horenso.notification.support.Rows;
import jp.horenso.notification.support.Tokens;
import jp.horenso.notification.support.WebhookReceiver;
import jp.horenso.notification.support.WebhookReceiver.Received;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Webhooks against a real HTTP receiver started by the test, on a loopback port. */
@QuarkusTest
@QuarkusTestResource(value = PostgresKafkaResource.class, initArgs = @ResourceArg(name = "mail", value = "true"))
class WebhookDeliveryTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String SECRET = "generic-webhook-secret-for-tests-0123456789";
    private static WebhookReceiver receiver;

    @Inject
    RecipientService recipients;

    @Inject
    DeliveryLogService log;

    @Inject
    InboxService inbox;

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
    void genericWebhookIsSignedWithATimestampAndCarriesTheNotificationIdAsIdempotencyKey() throws Exception {
        Request request = NotificationRequests.newReport().toSomeone("generic");
        String path = route(request, webhook(WebhookFormat.GENERIC, path(), SECRET));
        request.send();

        Received got = receiver.await(path, 1, TIMEOUT).get(0);
        String timestamp = got.header("X-Horenso-Timestamp");
        // What a receiver does: HMAC-SHA256 over "<timestamp>.<raw body>" with the shared secret.
        assertEquals("sha256=" + hmac(SECRET, timestamp + "." + got.text()), got.header("X-Horenso-Signature"));
        assertNotEquals(
                "sha256=" + hmac("some-other-secret-of-the-same-length-0123", timestamp + "." + got.text()),
                got.header("X-Horenso-Signature"));
        assertNotEquals(
                "sha256=" + hmac(SECRET, timestamp + "." + got.text().replace("HIGH", "LOW")),
                got.header("X-Horenso-Signature"),
                "a changed body must not verify");
        // The timestamp lets the receiver refuse an old request replayed.
        assertTrue(Math.abs(Instant.now().getEpochSecond() - Long.parseLong(timestamp)) < 60, timestamp);
        assertEquals(request.notificationId.toString(), got.header("Idempotency-Key"));
        assertTrue(got.header("Content-Type").startsWith("application/json"), got.header("Content-Type"));

        JsonNode body = got.json();
        assertEquals(1, body.get("version").asInt());
        assertEquals("NEW_REPORT", body.get("kind").asText());
        assertTrue(body.get("subject").asText().contains("【高/High】【Horenso】インシデント報告 " + request.incidentNumber));
        JsonNode item = body.at("/items/0");
        assertEquals(request.incidentNumber, item.get("incidentNumber").asText());
        assertEquals("HIGH", item.get("severity").asText());
        assertEquals(
                "http://localhost:8081/api/incidents/" + request.incidentId,
                item.get("caseLink").asText());
        // A webhook's readers are not known: no one-click link, the console's case page instead.
        assertFalse(got.text().contains("/ack/"), got.text());
        assertNull(item.get("acknowledgeLink"), item.toString());
        assertTrue(item.get("acknowledgementRequested").asBoolean(), item.toString());
        assertEquals(
                "http://localhost:8080/cases/" + request.incidentId,
                item.get("consoleLink").asText());

        JsonNode delivered = NotificationEventsOnKafka.parse(
                NotificationEventsOnKafka.await("NotificationDelivered", request.notificationId, TIMEOUT)
                        .value());
        Contract.assertValid("NotificationDelivered", delivered);
        assertEquals("WEBHOOK", delivered.at("/data/channel").asText());
    }

    @Test
    void teamsSlackAndMattermostGetTheBodiesTheirIncomingWebhooksAccept() {
        Request teams = NotificationRequests.newReport().toSomeone("teams");
        Request slack = NotificationRequests.newReport().toSomeone("slack");
        Request mattermost = NotificationRequests.newReport().toSomeone("mattermost");
        String teamsPath = route(teams, webhook(WebhookFormat.TEAMS, path(), null));
        String slackPath = route(slack, webhook(WebhookFormat.SLACK, path(), null));
        String mattermostPath = route(mattermost, webhook(WebhookFormat.MATTERMOST, path(), null));
        teams.send();
        slack.send();
        mattermost.send();

        Received teamsRequest = receiver.await(teamsPath, 1, TIMEOUT).get(0);
        JsonNode card = teamsRequest.json();
        assertEquals("message", card.get("type").asText());
        assertEquals(
                "application/vnd.microsoft.card.adaptive",
                card.at("/attachments/0/contentType").asText());
        JsonNode content = card.at("/attachments/0/content");
        assertEquals("AdaptiveCard", content.get("type").asText());
        assertTrue(content.at("/body/0/text").asText().contains(teams.incidentNumber), content.toString());
        assertEquals("Action.OpenUrl", content.at("/actions/0/type").asText());
        assertEquals(caseLink(teams), content.at("/actions/0/url").asText());
        // Shared channel: the acknowledge button opens the signed-in console, never the one-click link.
        assertEquals(
                "http://localhost:8080/cases/" + teams.incidentId,
                content.at("/actions/1/url").asText());
        assertFalse(teamsRequest.text().contains("/ack/"), teamsRequest.text());
        assertNull(teamsRequest.header("X-Horenso-Signature"), "no secret, no signature");

        Received slackRequest = receiver.await(slackPath, 1, TIMEOUT).get(0);
        assertFalse(slackRequest.text().contains("/ack/"), slackRequest.text());
        JsonNode blocks = slackRequest.json();
        assertEquals(
                "http://localhost:8080/cases/" + slack.incidentId,
                blocks.at("/blocks/1/elements/1/url").asText());
        assertTrue(blocks.get("text").asText().contains(slack.incidentNumber), blocks.toString());
        assertEquals("mrkdwn", blocks.at("/blocks/0/text/type").asText());
        assertEquals("actions", blocks.at("/blocks/1/type").asText());
        assertEquals(caseLink(slack), blocks.at("/blocks/1/elements/0/url").asText());
        assertEquals("primary", blocks.at("/blocks/1/elements/1/style").asText());

        JsonNode markdown = receiver.await(mattermostPath, 1, TIMEOUT).get(0).json();
        String text = markdown.get("text").asText();
        assertTrue(text.startsWith("#### 【高/High】【Horenso】インシデント報告 " + mattermost.incidentNumber), text);
        assertTrue(text.contains("[事案を開く / Open the case](" + caseLink(mattermost) + ")"), text);
        assertTrue(
                text.contains("[コンソールで受領を記録する / Acknowledge in the console](http://localhost:8080/cases/"
                        + mattermost.incidentId + ")"),
                text);
        assertFalse(text.contains("/ack/"), text);
    }

    @Test
    void receiverAnswering500IsRetriedUntilItAcceptsTheSameNotification() {
        Request request = NotificationRequests.newReport().toSomeone("flaky");
        String path = route(request, webhook(WebhookFormat.GENERIC, path(), SECRET));
        receiver.answer(path, 500, 500, 200);
        request.send();

        Rows.awaitStatus(db, request.notificationId, "SENT/WEBHOOK", TIMEOUT);
        List<Received> requests = receiver.at(path);
        assertEquals(
                List.of(500, 500, 200),
                requests.stream().map(Received::answered).toList());
        assertEquals(
                Set.of(request.notificationId.toString()),
                requests.stream().map(r -> r.header("Idempotency-Key")).collect(Collectors.toSet()));
        // Attempt 1 tried twice in process (Fault Tolerance), attempt 2 came from the durable retry schedule.
        List<DeliveryLogEntry.Attempt> attempts = entry(request).attempts();
        assertEquals(
                List.of(DeliveryOutcome.ERROR, DeliveryOutcome.SENT),
                attempts.stream().map(DeliveryLogEntry.Attempt::outcome).toList());
        assertEquals(2, attempts.get(0).tries());
        assertTrue(
                attempts.get(0).error().contains("HTTP 500 from 127.0.0.1"),
                attempts.get(0).error());
        assertEquals("GENERIC 127.0.0.1", attempts.get(0).target());
    }

    @Test
    void receiverThatNeverRecoversFailsOverToTheRecipientsNextChannelAndTheInbox() {
        Request request = NotificationRequests.newReport().toSomeone("down");
        String path = path();
        receiver.answer(path, 500);
        recipients.replace(
                Tokens.CITY_ORG,
                request.username,
                new DeliverySettings(
                        List.of(
                                webhook(WebhookFormat.GENERIC, path, SECRET),
                                new ChannelSetting(Channel.MAIL, null, null, null)),
                        null),
                "test");
        request.send();

        Mailbox.awaitMail(request.incidentNumber, TIMEOUT);
        JsonNode delivered = NotificationEventsOnKafka.parse(
                NotificationEventsOnKafka.await("NotificationDelivered", request.notificationId, TIMEOUT)
                        .value());
        Contract.assertValid("NotificationDelivered", delivered);
        assertEquals("MAIL", delivered.at("/data/channel").asText());
        assertEquals(4, delivered.at("/data/attempts").asInt());
        // Three attempts of two tries each on the webhook, then the mail.
        assertEquals(6, receiver.at(path).size());
        List<DeliveryLogEntry.Attempt> attempts = entry(request).attempts();
        assertEquals(
                List.of(Channel.WEBHOOK, Channel.WEBHOOK, Channel.WEBHOOK, Channel.MAIL),
                attempts.stream().map(DeliveryLogEntry.Attempt::channel).toList());
        assertEquals(
                List.of(DeliveryOutcome.ERROR, DeliveryOutcome.ERROR, DeliveryOutcome.ERROR, DeliveryOutcome.SENT),
                attempts.stream().map(DeliveryLogEntry.Attempt::outcome).toList());
        assertEquals(1, inbox.list(Tokens.CITY_ORG, request.username, false).size());
    }

    @Test
    void chatReceiverThatTakesTooLongToAnswerIsNotPostedToAgainButTheMessageIsSettledInTheInbox() {
        Request request = NotificationRequests.newReport().toSomeone("slow");
        String path = route(request, webhook(WebhookFormat.SLACK, path(), null));
        receiver.delay(path, Duration.ofSeconds(3));
        request.send();

        JsonNode delivered = NotificationEventsOnKafka.parse(
                NotificationEventsOnKafka.await("NotificationDelivered", request.notificationId, TIMEOUT)
                        .value());
        assertEquals("INBOX", delivered.at("/data/channel").asText());
        // The receiver may well have shown it: posting again could show it twice.
        assertEquals(1, receiver.at(path).size());
        DeliveryLogEntry entry = entry(request);
        assertEquals(
                List.of(DeliveryOutcome.UNKNOWN),
                entry.attempts().stream().map(DeliveryLogEntry.Attempt::outcome).toList());
        assertTrue(entry.lastError().contains("in-app inbox"), entry.lastError());
        assertEquals(1, inbox.list(Tokens.CITY_ORG, request.username, false).size());
    }

    private String route(Request request, ChannelSetting channel) {
        recipients.replace(Tokens.CITY_ORG, request.username, new DeliverySettings(List.of(channel), null), "test");
        return channel.address().substring(channel.address().indexOf("/hook/"));
    }

    private static ChannelSetting webhook(WebhookFormat format, String path, String secret) {
        return new ChannelSetting(Channel.WEBHOOK, format, receiver.url(path), secret);
    }

    private static String path() {
        return receiver.newPath();
    }

    private DeliveryLogEntry entry(Request request) {
        return log.forIncident(Tokens.CITY_ORG, request.incidentId).stream()
                .filter(e -> e.notificationId().equals(request.notificationId))
                .findFirst()
                .orElseThrow();
    }

    private static String caseLink(Request request) {
        return "http://localhost:8081/api/incidents/" + request.incidentId;
    }

    private static String hmac(String secret, String signed) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
    }
}
