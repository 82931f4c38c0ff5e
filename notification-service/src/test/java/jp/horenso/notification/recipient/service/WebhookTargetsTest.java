package jp.horenso.notification.recipient.service;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import jp.horenso.localstack.testing.PostgresKafkaResource;
import jp.horenso.notification.delivery.DeliveryOutcome;
import jp.horenso.notification.delivery.service.DeliveryLogEntry;
import jp.horenso.notification.delivery.service.DeliveryLogService;
import jp.horenso.notification.support.NotificationRequests;
import jp.horenso.notification.support.NotificationRequests.Request;
import jp.horenso.notification.support.Rows;
import jp.horenso.notification.support.Tokens;
import jp.horenso.notification.support.WebhookReceiver;
import org.junit.jupiter.api.Test;

/**
 * The SSRF guard on webhook targets: internal addresses are refused when saved (400 naming the field, nothing
 * saved) and again when sending (the attempt fails, nothing is posted); the test receiver on 127.0.0.1 is on the
 * test profile's allow-list; https only where http is not allowed (production).
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresKafkaResource.class, initArgs = @ResourceArg(name = "mail", value = "true"))
class WebhookTargetsTest {

    @org.junit.jupiter.api.AfterEach
    void withoutToken() {
        Tokens.anonymous();
    }

    private static final String SECRET = "ssrf-guard-webhook-secret-0123456789abcdef";

    @Inject
    DataSource db;

    @Inject
    DeliveryLogService log;

    @Test
    void webhookToAnInternalAddressIsRefusedNamingTheFieldAndNothingIsSaved() {
        Tokens.actAs("seclead", "security-lead");
        String username = "ssrf-" + UUID.randomUUID().toString().substring(0, 8);
        put(username, "https://hooks.slack.example.com/services/T0/B0/keep")
                .then()
                .statusCode(200);
        for (String target : List.of(
                "http://localhost:8083/q/health", // loopback by name, not on the allow-list
                "http://127.0.0.2/h", // loopback, not the allow-listed 127.0.0.1
                "http://10.1.2.3/h",
                "http://172.16.0.1/h",
                "http://192.168.1.1/h",
                "http://169.254.169.254/latest/meta-data/", // the cloud metadata service
                "http://[::1]/h",
                "http://[fd00::1]/h",
                "http://[fe80::1]/h",
                "http://[::ffff:10.0.0.1]/h",
                "http://0.0.0.0/h",
                "http://224.0.0.1/h")) {
            put(username, target)
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("errors.field", contains("channels[0].address"))
                    .body("errors[0].message", containsString("内部のアドレス"));
        }
        given().header("Accept-Language", "en")
                .contentType("application/json")
                .body(body("http://169.254.169.254/latest/meta-data/"))
                .when()
                .put("/api/recipients/" + username + "/delivery")
                .then()
                .statusCode(400)
                .body("errors[0].message", containsString("internal address"));
        // Nothing was saved: the earlier target is still the only one.
        assertEquals(
                "https://hooks.slack.example.com/services/T0/B0/keep",
                Rows.single(db, "SELECT address FROM recipient_channel WHERE username = ?", username));
    }

    @Test
    void theAllowListedTestReceiverIsAccepted() {
        Tokens.actAs("seclead", "security-lead");
        put("ssrf-allowed-" + UUID.randomUUID().toString().substring(0, 8), "http://127.0.0.1:9/hook")
                .then()
                .statusCode(200);
    }

    @Test
    void aTargetThatTurnedInternalAfterItWasSavedFailsTheAttemptAndNothingIsSent() {
        try (WebhookReceiver receiver = WebhookReceiver.start()) {
            Request request = NotificationRequests.newReport().toSomeone("ssrf-send");
            String path = receiver.newPath();
            Rows.execute(
                    db,
                    "INSERT INTO recipient_channel (organisation, username, position, channel, webhook_format, address, secret,"
                            + " updated_by, updated_at) VALUES ('demo-city', ?, 0, 'WEBHOOK', 'GENERIC', ?, ?, 'test', now())",
                    request.username,
                    // The same receiver, reached by a name that resolves to loopback and is not allow-listed:
                    // what a public name re-pointed at an internal address looks like at send time.
                    receiver.url(path).replace("127.0.0.1", "localhost"),
                    SECRET);
            request.send();
            Rows.awaitStatus(db, request.notificationId, "FAILED/WEBHOOK", Duration.ofSeconds(30));
            assertEquals(0, receiver.at(path).size(), "nothing may be posted to a refused target");
            DeliveryLogEntry entry = log.forIncident(Tokens.CITY_ORG, request.incidentId).stream()
                    .filter(e -> e.notificationId().equals(request.notificationId))
                    .findFirst()
                    .orElseThrow();
            assertTrue(!entry.attempts().isEmpty());
            for (DeliveryLogEntry.Attempt attempt : entry.attempts()) {
                assertEquals(DeliveryOutcome.ERROR, attempt.outcome());
                assertTrue(attempt.error().contains("webhook target refused"), attempt.error());
                assertTrue(attempt.error().contains("allowed-hosts"), attempt.error());
            }
        }
    }

    @Test
    void productionAcceptsHttpsOnlyAndTheAllowListDoesNotLiftThat() {
        WebhookTargets production = new WebhookTargets(List.of("hooks.intra.example.jp"), false, host ->
                new InetAddress[] {InetAddress.getByAddress(host, new byte[] {(byte) 203, 0, 113, 10})});
        assertEquals(
                Optional.of(WebhookTargets.Refusal.HTTPS_REQUIRED),
                production.refusalForSaving("http://hooks.example.com/h"));
        assertEquals(
                Optional.of(WebhookTargets.Refusal.HTTPS_REQUIRED),
                production.refusalForSaving("http://hooks.intra.example.jp/h"));
        assertEquals(Optional.empty(), production.refusalForSaving("https://hooks.example.com/h"));
        assertEquals(
                Optional.of(WebhookTargets.Refusal.NOT_A_URL),
                production.refusalForSaving("https://user:pw@hooks.example.com/h"));
    }

    @Test
    void aPublicNameThatResolvesToAPrivateAddressIsRefusedUnlessAllowListed() throws Exception {
        InetAddress[] privateAddress = {InetAddress.getByAddress(new byte[] {10, 0, 0, 7})};
        WebhookTargets targets = new WebhookTargets(List.of("Hooks.Intra.example.jp"), false, host -> privateAddress);
        assertEquals(
                Optional.of(WebhookTargets.Refusal.FORBIDDEN_ADDRESS),
                targets.refusalForSending("https://rebound.example.com/h"));
        assertEquals(Optional.empty(), targets.refusalForSending("https://hooks.intra.example.jp/h"));
        assertTrue(WebhookTargets.isInternal(InetAddress.getByName("100.64.0.1")));
        assertTrue(WebhookTargets.isInternal(InetAddress.getByName("64:ff9b::a00:1")));
        assertTrue(!WebhookTargets.isInternal(InetAddress.getByName("203.0.113.10")));
        assertTrue(!WebhookTargets.isInternal(InetAddress.getByName("2001:db8::1")));
    }

    private static io.restassured.response.Response put(String username, String address) {
        return given().contentType("application/json")
                .body(body(address))
                .when()
                .put("/api/recipients/" + username + "/delivery");
    }

    private static String body(String address) {
        return """
                {"channels": [{"channel": "WEBHOOK", "format": "SLACK", "address": "%s"}]}""".formatted(address);
    }
}
