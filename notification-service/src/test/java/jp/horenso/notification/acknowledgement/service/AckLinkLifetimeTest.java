package jp.horenso.notification.acknowledgement.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import javax.sql.DataSource;
import jp.horenso.localstack.testing.PostgresKafkaResource;
import jp.horenso.notification.support.NotificationRequests;
import jp.horenso.notification.support.NotificationRequests.Request;
import jp.horenso.notification.support.Rows;
import org.junit.jupiter.api.Test;

/**
 * An acknowledgement link lives as long as the hop it acknowledges, never
 * longer than the configured maximum ({@code ack-link.ttl}, PT24H).
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresKafkaResource.class, initArgs = @ResourceArg(name = "mail", value = "true"))
class AckLinkLifetimeTest {

    private static final Duration MAXIMUM = Duration.ofHours(24);

    @Inject
    DataSource db;

    @Inject
    AckLinks links;

    @Test
    void theLinkExpiresAtTheHopsAcknowledgementDeadline() {
        Request request = NotificationRequests.newReport().toSomeone("ttl-deadline");
        request.ackDeadline = Instant.now().plus(Duration.ofMinutes(90)).truncatedTo(ChronoUnit.SECONDS);
        assertEquals(request.ackDeadline, expiryOf(request.send()));
    }

    @Test
    void aDeadlineBeyondTheMaximumIsCutToTheMaximum() {
        Request request = NotificationRequests.newReport().toSomeone("ttl-maximum");
        request.ackDeadline = Instant.now().plus(Duration.ofDays(3));
        assertAboutMaximumFromNow(expiryOf(request.send()));
    }

    @Test
    void aNoticeAboutADeadlineThatPassedGetsTheMaximumForALateAcknowledgement() {
        Request request = NotificationRequests.newReport().kind("HOP_OVERDUE").toSomeone("ttl-overdue");
        request.ackDeadline = Instant.now().minus(Duration.ofMinutes(5));
        assertAboutMaximumFromNow(expiryOf(request.send()));
    }

    private Instant expiryOf(Request request) {
        Rows.awaitStored(db, request.notificationId, Duration.ofSeconds(30));
        String link =
                Rows.single(db, "SELECT ack_link FROM notification WHERE notification_id = ?", request.notificationId);
        return links.parse(link.substring(link.lastIndexOf('/') + 1))
                .orElseThrow()
                .expiresAt();
    }

    private static void assertAboutMaximumFromNow(Instant expiry) {
        Instant expected = Instant.now().plus(MAXIMUM);
        assertTrue(
                Duration.between(expiry, expected).abs().compareTo(Duration.ofMinutes(2)) < 0,
                expiry + " is not about " + expected);
    }
}
