package jp.horenso.notification.acknowledgement.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;
import jp.horenso.localstack.testing.PostgresKafkaResource;
import jp.horenso.notification.acknowledgement.service.AckLinks;
import jp.horenso.notification.support.Contract;
import jp.horenso.notification.support.Mailbox;
import jp.horenso.notification.support.NotificationEventsOnKafka;
import jp.horenso.notification.support.NotificationRequests;
import jp.horenso.notification.support.NotificationRequests.Request;
import jp.horenso.notification.support.Rows;
import jp.horenso.notification.support.Tokens;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** One-click acknowledgement links: a GET only shows, a POST acknowledges once; every kind of bad link is refused. */
@QuarkusTest
@QuarkusTestResource(value = PostgresKafkaResource.class, initArgs = @ResourceArg(name = "mail", value = "true"))
class AckLinkTest {

    @org.junit.jupiter.api.AfterEach
    void withoutToken() {
        Tokens.anonymous();
    }

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String LINK_BASE = "http://localhost:8083";

    @Inject
    AckLinks links;

    @Inject
    DataSource db;

    @Test
    void openingTheLinkOnlyShowsAConfirmationPageAndPressingItsButtonAcknowledgesOnceWithAnEvent() {
        Request request = NotificationRequests.newReport().send();
        String path = linkPathIn(request);

        // Mail scanners open links by themselves: opening, even twice, records nothing.
        for (int i = 0; i < 2; i++) {
            given().when()
                    .get(path)
                    .then()
                    .statusCode(200)
                    .contentType(containsString("text/html"))
                    .header("Cache-Control", "no-store")
                    .header("Referrer-Policy", "no-referrer")
                    .body(
                            containsString("受領の確認"),
                            containsString("Confirm your acknowledgement"),
                            containsString("<form method=\"post\">"),
                            containsString(request.incidentNumber));
        }
        assertEquals(0, uses(request));

        given().when()
                .post(path)
                .then()
                .statusCode(200)
                .body(
                        containsString("受領を記録しました"),
                        containsString("Acknowledgement recorded"),
                        not(containsString("<form")));
        ConsumerRecord<String, String> record =
                NotificationEventsOnKafka.await("AcknowledgementLinkUsed", request.notificationId, TIMEOUT);
        JsonNode event = NotificationEventsOnKafka.parse(record.value());
        Contract.assertValid("AcknowledgementLinkUsed", event);
        assertEquals(request.incidentId.toString(), record.key());
        assertEquals(request.incidentId.toString(), event.at("/data/incidentId").asText());
        assertEquals(request.hopId.toString(), event.at("/data/hopId").asText());
        assertEquals("chief1", event.at("/data/username").asText());

        // Single use: a second press, or opening it again, says it was used.
        given().when()
                .post(path)
                .then()
                .statusCode(409)
                .body(containsString("このリンクは使用済みです"), containsString("This link has already been used"));
        given().when().get(path).then().statusCode(409);
        assertEquals(1, uses(request));
        assertEquals(
                1,
                NotificationEventsOnKafka.all("AcknowledgementLinkUsed", request.notificationId, Duration.ofSeconds(2))
                        .size());
    }

    @Test
    void forgedLinksAreRefusedWithAClearPageAndTheRealLinkStillWorks() throws Exception {
        Request request = NotificationRequests.newReport().send();
        Request other = NotificationRequests.newReport().send();
        String path = linkPathIn(request);
        String token = path.substring("/ack/".length());
        String[] parts = token.split("\\.");
        String otherParts = linkPathIn(other).substring("/ack/".length()).split("\\.")[0];
        Instant expiry = Instant.ofEpochSecond(Long.parseLong(parts[1], 36));

        List<String> forged = List.of(
                // one character of the signature changed
                parts[0] + "." + parts[1] + "." + parts[2] + "." + flip(parts[3]),
                // a later expiry under the old signature
                parts[0] + "." + Long.toString(expiry.getEpochSecond() + 86400, 36) + "." + parts[2] + "." + parts[3],
                // another notification's id under this signature
                otherParts + "." + parts[1] + "." + parts[2] + "." + parts[3],
                // the right binding signed with a key that is not the service's
                signedWithAnotherKey(request, expiry),
                // properly signed by the service, but bound to someone else than the notification's recipient
                links.token(request.notificationId, request.incidentId, request.hopId, "head1", expiry),
                // properly signed, for a hop that is not the notification's
                links.token(request.notificationId, request.incidentId, UUID.randomUUID(), "chief1", expiry),
                // properly signed, for a notification that does not exist
                links.token(UUID.randomUUID(), request.incidentId, request.hopId, "chief1", expiry),
                // not a link at all
                "not-a-link",
                parts[0] + "." + parts[1]);
        for (String bad : forged) {
            given().when()
                    .get("/ack/" + bad)
                    .then()
                    .statusCode(403)
                    .body(
                            containsString("このリンクは無効です"),
                            containsString("This link is not valid"),
                            not(containsString("<form")),
                            not(containsString(request.incidentNumber)));
            given().when().post("/ack/" + bad).then().statusCode(403).body(containsString("このリンクは無効です"));
        }
        assertEquals(0, uses(request));

        given().when().post(path).then().statusCode(200);
        assertEquals(1, uses(request));
    }

    @Test
    void expiredLinkIsRefusedWithAPageSayingSo() {
        Request request = NotificationRequests.newReport().send();
        Rows.awaitStored(db, request.notificationId, TIMEOUT);
        String expired = "/ack/"
                + links.token(
                        request.notificationId,
                        request.incidentId,
                        request.hopId,
                        "chief1",
                        Instant.now().minusSeconds(60));

        given().when()
                .get(expired)
                .then()
                .statusCode(410)
                .body(
                        containsString("このリンクは有効期限が切れています"),
                        containsString("This link has expired"),
                        not(containsString("<form")));
        given().when().post(expired).then().statusCode(410);
        assertEquals(0, uses(request));
    }

    @Test
    void linkOfChief1UsedWhileLoggedInAsAnotherPersonIsRefused() {
        Tokens.actAs("head1", "department-head");
        Request request = NotificationRequests.newReport().send();
        String path = linkPathIn(request);

        given().when()
                .get(path)
                .then()
                .statusCode(403)
                .body(
                        containsString("このリンクはあなた宛てではありません"),
                        containsString("This link was not sent to you"),
                        not(containsString("<form")));
        given().when().post(path).then().statusCode(403).body(containsString("このリンクはあなた宛てではありません"));
        assertEquals(0, uses(request));
    }

    @Test
    void linkUsedByItsRecipientWhileLoggedInIsAccepted() {
        Tokens.actAs("chief1", "section-chief");
        Request request = NotificationRequests.newReport().send();

        given().when().post(linkPathIn(request)).then().statusCode(200);
        assertEquals(1, uses(request));
    }

    /** The path of the acknowledgement link in the request's mail. */
    private static String linkPathIn(Request request) {
        String body = Mailbox.awaitMail(request.incidentNumber, TIMEOUT).body();
        int start = body.indexOf(LINK_BASE + "/ack/");
        return body.substring(start + LINK_BASE.length())
                .lines()
                .findFirst()
                .orElseThrow()
                .strip();
    }

    private long uses(Request request) {
        return Rows.count(db, "SELECT 1 FROM ack_link_use WHERE notification_id = ?", request.notificationId);
    }

    private static String flip(String signature) {
        char first = signature.charAt(0);
        return (first == 'A' ? 'B' : 'A') + signature.substring(1);
    }

    /** A token shaped like the service's, signed the same way, with a key the service does not have. */
    private static String signedWithAnotherKey(Request request, Instant expiry) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(
                "an-attacker-key-that-is-long-enough-1234".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        byte[] signature = mac.doFinal(("horenso-ack-v1|" + request.notificationId + "|" + request.incidentId + "|"
                        + request.hopId + "|chief1|" + expiry.getEpochSecond())
                .getBytes(StandardCharsets.UTF_8));
        ByteBuffer id = ByteBuffer.allocate(16)
                .putLong(request.notificationId.getMostSignificantBits())
                .putLong(request.notificationId.getLeastSignificantBits());
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString(id.array()) + "." + Long.toString(expiry.getEpochSecond(), 36) + "."
                + b64.encodeToString(signature);
    }
}
