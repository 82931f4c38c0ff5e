package jp.horenso.notification.acknowledgement.service;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import javax.sql.DataSource;
import jp.horenso.localstack.testing.PostgresKafkaResource;
import jp.horenso.notification.support.NotificationRequests;
import jp.horenso.notification.support.NotificationRequests.Request;
import jp.horenso.notification.support.Rows;
import org.junit.jupiter.api.Test;

/**
 * Rotating the acknowledgement-link key on the running service: the test profile runs as just after a rotation
 * (current key {@code k2}; the old key, {@code default} = the former single secret, still listed). New links carry
 * the current key id; a link signed with the old key works until it expires; a link naming a key the service does
 * not have is refused.
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresKafkaResource.class, initArgs = @ResourceArg(name = "mail", value = "true"))
class AckLinkRotationTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Inject
    DataSource db;

    @Inject
    AckLinks links;

    @Test
    void newLinksCarryTheCurrentKeyId() {
        Request request =
                stored(NotificationRequests.newReport().toSomeone("kid").send());
        String token = tokenIn(request);
        assertEquals("k2", token.split("\\.")[2], token);
        assertEquals("k2", links.currentKeyId());
    }

    @Test
    void aLinkSignedWithTheRotatedOutKeyStillWorksUntilItExpires() {
        Request request =
                stored(NotificationRequests.newReport().toSomeone("old-key").send());
        String expired = signed("default", request, Instant.now().minusSeconds(60));
        given().when().post("/ack/" + expired).then().statusCode(410);
        String inFlight = signed("default", request, Instant.now().plus(Duration.ofHours(1)));
        given().when().post("/ack/" + inFlight).then().statusCode(200);
        assertEquals(1, uses(request));
    }

    @Test
    void aLinkWrittenBeforeKeyIdsIsTheDefaultKeysAndStillWorks() {
        Request request =
                stored(NotificationRequests.newReport().toSomeone("legacy").send());
        String[] parts = signed("default", request, Instant.now().plus(Duration.ofHours(1)))
                .split("\\.");
        given().when()
                .post("/ack/" + parts[0] + "." + parts[1] + "." + parts[3])
                .then()
                .statusCode(200);
        assertEquals(1, uses(request));
    }

    @Test
    void aLinkNamingAnUnknownOrAnotherKeyIsRefused() {
        Request request =
                stored(NotificationRequests.newReport().toSomeone("unknown-kid").send());
        String[] parts = tokenIn(request).split("\\.");
        for (String kid : new String[] {"k1", "retired", "default"}) {
            given().when()
                    .post("/ack/" + parts[0] + "." + parts[1] + "." + kid + "." + parts[3])
                    .then()
                    .statusCode(403)
                    .body(containsString("このリンクは無効です"));
        }
        assertEquals(0, uses(request));
        given().when().post("/ack/" + String.join(".", parts)).then().statusCode(200);
    }

    private Request stored(Request request) {
        Rows.awaitStored(db, request.notificationId, TIMEOUT);
        return request;
    }

    private String tokenIn(Request request) {
        String link =
                Rows.single(db, "SELECT ack_link FROM notification WHERE notification_id = ?", request.notificationId);
        return link.substring(link.lastIndexOf('/') + 1);
    }

    private String signed(String keyId, Request request, Instant expiry) {
        return links.token(keyId, request.notificationId, request.incidentId, request.hopId, request.username, expiry);
    }

    private long uses(Request request) {
        return Rows.count(db, "SELECT 1 FROM ack_link_use WHERE notification_id = ?", request.notificationId);
    }
}
