package jp.horenso.notification.delivery.channel;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import jp.horenso.localstack.testing.PostgresKafkaResource;
import jp.horenso.notification.delivery.Channel;
import jp.horenso.notification.recipient.WebhookFormat;
import jp.horenso.notification.recipient.service.DeliverySettings;
import jp.horenso.notification.recipient.service.DeliverySettings.ChannelSetting;
import jp.horenso.notification.recipient.service.RecipientService;
import jp.horenso.notification.support.Mailbox;
import jp.horenso.notification.support.NotificationRequests;
import jp.horenso.notification.support.NotificationRequests.Request;
import jp.horenso.notification.support.Rows;
import jp.horenso.notification.support.Tokens;
import jp.horenso.notification.support.WebhookReceiver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The decision notices of issue 8 reach people through every channel: the in-app inbox (one item per
 * notification, however often it is requested) and the webhook formats, with the note and the console link.
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresKafkaResource.class, initArgs = @ResourceArg(name = "mail", value = "true"))
class DecisionWebhooksAndInboxTest {

    @org.junit.jupiter.api.AfterEach
    void withoutToken() {
        Tokens.anonymous();
    }

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String SECRET = "decision-webhook-secret-for-tests-0123456789";
    private static final String INSTRUCTIONS = "原因の記載を <詳しく> & 具体的に";
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
    void everyDecisionIsOneInboxItemEvenWhenRequestedAgain() {
        Tokens.actAs("csirt2", "csirt");
        List<Request> sent = new ArrayList<>();
        sent.add(to(NotificationRequests.newReport().kind("FORWARDED").note("至急確認願います")));
        sent.add(to(NotificationRequests.newReport()
                .cisoReport("CISO_REPORT_SUBMITTED", 1)
                .copyOf("ciso")));
        sent.add(to(NotificationRequests.newReport()
                .cisoReport("CISO_REPORT_RETURNED", 1)
                .note(INSTRUCTIONS)));
        sent.add(to(NotificationRequests.newReport().withoutHop().kind("DISCLOSURE_APPROVED")));
        sent.add(to(NotificationRequests.newReport().withoutHop().kind("DISCLOSURE_PUBLISHED")));
        sent.add(to(NotificationRequests.newReport()
                .responseAction("RESPONSE_ACTION_ASSIGNED", "CONTAINMENT", "2026-12-08")));
        sent.add(to(
                NotificationRequests.newReport().responseAction("RESPONSE_ACTION_OVERDUE", "RECOVERY", "2026-12-01")));
        sent.add(to(NotificationRequests.newReport().kind("HOP_OVERDUE")));
        for (Request request : sent) {
            request.send();
            request.send(); // the same event again
            request.sendAs(UUID.randomUUID()); // the same notification under another event id
        }
        for (Request request : sent) {
            Mailbox.awaitMail(request.incidentNumber, TIMEOUT);
            Rows.awaitStatus(db, request.notificationId, "SENT/MAIL", TIMEOUT);
        }

        JsonPath inbox = given().when()
                .get("/api/inbox")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        for (Request request : sent) {
            List<Map<String, Object>> items =
                    inbox.getList("findAll { it.notificationId == '" + request.notificationId + "' }");
            assertEquals(1, items.size(), request.kind + ": " + items);
            assertEquals(request.kind, items.get(0).get("kind"));
            assertEquals(
                    1, Mailbox.withSubjectContaining(request.incidentNumber).size(), request.kind);
        }
        Map<String, Object> forwarded = item(inbox, sent.get(0));
        assertTrue(
                ((String) forwarded.get("summary"))
                        .contains("受領した方からのコメント / Comment from the person who acknowledged it:\n> 至急確認願います"),
                forwarded.toString());
        assertTrue(((String) forwarded.get("acknowledgeLink")).startsWith("http://localhost:8083/ack/"));
        Map<String, Object> copy = item(inbox, sent.get(1));
        assertTrue(((String) copy.get("subject")).startsWith("【写し】[Copy] "), copy.toString());
        assertTrue(((String) copy.get("summary")).startsWith("【写し】[Copy] ciso 宛ての通知の写しです。"), copy.toString());
        Map<String, Object> returned = item(inbox, sent.get(2));
        assertTrue(
                ((String) returned.get("summary")).contains("CISO からの指示 / The CISO's instructions:\n> " + INSTRUCTIONS),
                returned.toString());
        assertEquals("http://localhost:8080/cases/" + sent.get(2).incidentId, returned.get("caseLink"));
        assertEquals(null, returned.get("acknowledgeLink"));
        Map<String, Object> action = item(inbox, sent.get(5));
        assertTrue(((String) action.get("subject")).contains("対応措置の指示（応急措置）"), action.toString());
    }

    @Test
    void decisionReachesEveryWebhookFormatWithTheNoteAndTheConsoleLink() {
        Map<WebhookFormat, Request> requests = new java.util.EnumMap<>(WebhookFormat.class);
        Map<WebhookFormat, String> paths = new java.util.EnumMap<>(WebhookFormat.class);
        for (WebhookFormat format : WebhookFormat.values()) {
            Request request = NotificationRequests.newReport()
                    .cisoReport("CISO_REPORT_RETURNED", 2)
                    .toSomeone("decision-" + format.name().toLowerCase())
                    .note(INSTRUCTIONS)
                    .drill();
            String path = receiver.newPath();
            recipients.replace(
                    Tokens.CITY_ORG,
                    request.username,
                    new DeliverySettings(
                            List.of(new ChannelSetting(
                                    Channel.WEBHOOK,
                                    format,
                                    receiver.url(path),
                                    format == WebhookFormat.GENERIC ? SECRET : null)),
                            null),
                    "test");
            requests.put(format, request.send());
            paths.put(format, path);
        }
        String console = "http://localhost:8080/cases/";

        Request genericRequest = requests.get(WebhookFormat.GENERIC);
        JsonNode generic = receiver.await(paths.get(WebhookFormat.GENERIC), 1, TIMEOUT)
                .get(0)
                .json();
        assertEquals("CISO_REPORT_RETURNED", generic.get("kind").asText());
        assertTrue(
                generic.get("subject").asText().startsWith("【訓練】[DRILL] 【高/High】【Horenso】CISOへの報告の差戻し"),
                generic.toString());
        assertTrue(generic.get("text").asText().contains("> " + INSTRUCTIONS), generic.toString());
        assertEquals(
                console + genericRequest.incidentId,
                generic.at("/items/0/caseLink").asText());
        assertFalse(generic.at("/items/0/acknowledgementRequested").asBoolean(), generic.toString());
        assertTrue(generic.at("/items/0/drill").asBoolean(), generic.toString());

        JsonNode teams = receiver.await(paths.get(WebhookFormat.TEAMS), 1, TIMEOUT)
                .get(0)
                .json()
                .at("/attachments/0/content");
        assertTrue(teams.at("/body/1/text").asText().contains(INSTRUCTIONS), teams.toString());
        assertEquals(
                console + requests.get(WebhookFormat.TEAMS).incidentId,
                teams.at("/actions/0/url").asText());
        assertEquals(1, teams.get("actions").size(), "no acknowledgement action for a decision: " + teams);

        JsonNode slack = receiver.await(paths.get(WebhookFormat.SLACK), 1, TIMEOUT)
                .get(0)
                .json();
        // Slack's control characters in the note are escaped; the note is quoted.
        assertTrue(
                slack.at("/blocks/0/text/text").asText().contains("&gt; 原因の記載を &lt;詳しく&gt; &amp; 具体的に"),
                slack.toString());
        assertEquals(1, slack.at("/blocks/1/elements").size(), slack.toString());
        assertEquals(
                console + requests.get(WebhookFormat.SLACK).incidentId,
                slack.at("/blocks/1/elements/0/url").asText());

        String mattermost = receiver.await(paths.get(WebhookFormat.MATTERMOST), 1, TIMEOUT)
                .get(0)
                .json()
                .get("text")
                .asText();
        assertTrue(mattermost.contains("> " + INSTRUCTIONS), mattermost);
        assertTrue(
                mattermost.contains("(" + console + requests.get(WebhookFormat.MATTERMOST).incidentId + ")"),
                mattermost);
        assertFalse(mattermost.contains("/ack/"), mattermost);
    }

    @Test
    void forwardedNoticeInAChatAsksForTheAcknowledgementInTheConsoleNeverByOneClickLink() {
        Request request = NotificationRequests.newReport()
                .kind("FORWARDED")
                .toSomeone("forward-slack")
                .note("部長へ転送します");
        String path = receiver.newPath();
        recipients.replace(
                Tokens.CITY_ORG,
                request.username,
                new DeliverySettings(
                        List.of(new ChannelSetting(Channel.WEBHOOK, WebhookFormat.SLACK, receiver.url(path), null)),
                        null),
                "test");
        request.send();

        WebhookReceiver.Received posted = receiver.await(path, 1, TIMEOUT).get(0);
        assertFalse(posted.text().contains("/ack/"), posted.text());
        JsonNode slack = posted.json();
        assertTrue(slack.at("/blocks/0/text/text").asText().contains("&gt; 部長へ転送します"), slack.toString());
        assertEquals(
                "http://localhost:8080/cases/" + request.incidentId,
                slack.at("/blocks/1/elements/1/url").asText());
        assertEquals("primary", slack.at("/blocks/1/elements/1/style").asText());
    }

    private static Request to(Request request) {
        return request.to("csirt2", "CSIRT 二郎", "csirt2@demo-city.example.jp");
    }

    private static Map<String, Object> item(JsonPath inbox, Request request) {
        return inbox.getMap("find { it.notificationId == '" + request.notificationId + "' }");
    }
}
