package jp.horenso.notification.delivery.service;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import jp.horenso.localstack.testing.PostgresKafkaResource;
import jp.horenso.notification.recipient.service.DeliverySettings;
import jp.horenso.notification.recipient.service.RecipientService;
import jp.horenso.notification.support.Mailbox;
import jp.horenso.notification.support.Mailbox.ReceivedMail;
import jp.horenso.notification.support.NotificationRequests;
import jp.horenso.notification.support.NotificationRequests.Request;
import jp.horenso.notification.support.Rows;
import jp.horenso.notification.support.Tokens;
import org.junit.jupiter.api.Test;

/**
 * Closing and withdrawing stop the chain (issue 8 item 4): when escalation-service says a case's chain stopped,
 * nothing more is mailed for it — what waits is cancelled, what arrives later is recorded as cancelled — and the
 * delivery log shows it.
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresKafkaResource.class, initArgs = @ResourceArg(name = "mail", value = "true"))
class ChainStoppedTest {

    @org.junit.jupiter.api.AfterEach
    void withoutToken() {
        Tokens.anonymous();
    }

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Inject
    RecipientService recipients;

    @Inject
    DataSource db;

    @Test
    void chainStoppedCancelsUnsentNotices() {
        Tokens.actAs("csirt1", "csirt");
        // A person with a digest window: the first notice goes at once, the rest wait for the digest.
        Request first = NotificationRequests.newReport().toSomeone("stop");
        recipients.replace(Tokens.CITY_ORG, first.username, new DeliverySettings(List.of(), "PT4S"), "test");
        first.send();
        Rows.awaitStored(db, first.notificationId, TIMEOUT);
        Request held = sameCaseAndPerson(first, "REMINDER").send();
        Request retrying = sameCaseAndPerson(first, "HOP_OVERDUE").send();
        Request pending = sameCaseAndPerson(first, "ESCALATION").send();
        Request otherCase = NotificationRequests.newReport()
                .to(first.username, first.name, first.email)
                .send();
        for (Request r : List.of(held, retrying, pending, otherCase)) {
            Rows.awaitStored(db, r.notificationId, TIMEOUT);
        }
        Mailbox.awaitMail(first.incidentNumber, TIMEOUT);
        // The states a failed attempt and a failover leave (the worker would reach them only by failing).
        Rows.execute(
                db,
                "UPDATE notification SET status = 'RETRY', attempts = 1, channel_attempts = 1, "
                        + "next_attempt_at = now() + interval '1 hour', last_error = 'SMTP 451' WHERE notification_id = ?",
                retrying.notificationId);
        Rows.execute(
                db,
                "UPDATE notification SET status = 'PENDING', next_attempt_at = now() + interval '1 hour' "
                        + "WHERE notification_id = ?",
                pending.notificationId);
        assertEquals("HELD/MAIL", Rows.statusAndChannel(db, held.notificationId));

        NotificationRequests.chainStopped(first.incidentId, "CLOSED");

        for (Request r : List.of(held, retrying, pending)) {
            Rows.awaitStatus(db, r.notificationId, "CANCELLED/MAIL", TIMEOUT);
        }
        // The other case's notice, held for the same digest, still goes — on its own, as the only one left.
        ReceivedMail other = Mailbox.awaitMail(otherCase.incidentNumber, TIMEOUT);
        assertFalse(other.subject().contains("まとめ"), other.subject());
        for (Request r : List.of(held, retrying, pending)) {
            assertEquals(List.of(), Mailbox.withSubjectContaining(r.incidentNumber + " / "), "mailed after the stop");
        }
        Rows.execute(
                db,
                "UPDATE notification SET next_attempt_at = now() WHERE notification_id IN (?, ?)",
                retrying.notificationId,
                pending.notificationId);
        assertEquals("SENT/MAIL", Rows.statusAndChannel(db, first.notificationId), "what was sent stays sent");

        given().queryParam("incidentId", first.incidentId.toString())
                .when()
                .get("/api/notifications")
                .then()
                .statusCode(200)
                .body("find { it.notificationId == '" + held.notificationId + "' }.status", is("CANCELLED"))
                .body("find { it.notificationId == '" + held.notificationId + "' }.cancelReason", is("CLOSED"))
                .body("find { it.notificationId == '" + held.notificationId + "' }.cancelledAt", notNullValue())
                .body("find { it.notificationId == '" + retrying.notificationId + "' }.status", is("CANCELLED"))
                .body("find { it.notificationId == '" + pending.notificationId + "' }.status", is("CANCELLED"))
                .body("find { it.notificationId == '" + first.notificationId + "' }.status", is("SENT"));
        // Let the worker look at them again: cancelled stays cancelled.
        pause(Duration.ofSeconds(2));
        assertEquals("CANCELLED/MAIL", Rows.statusAndChannel(db, retrying.notificationId));
        assertEquals("CANCELLED/MAIL", Rows.statusAndChannel(db, pending.notificationId));
        assertEquals(
                0,
                Mailbox.withSubjectContaining(retrying.incidentNumber + " / ").size());
    }

    @Test
    void requestArrivingAfterTheStopIsRecordedAsCancelledAndNeverSent() {
        Tokens.actAs("csirt1", "csirt");
        Request before = NotificationRequests.newReport().toSomeone("late").send();
        Mailbox.awaitMail(before.incidentNumber, TIMEOUT);
        NotificationRequests.chainStopped(before.incidentId, "WITHDRAWN");
        // escalation-service's request written just before it stopped the chain, read after the stop.
        Request late = NotificationRequests.newReport()
                .sameCaseAs(before)
                .kind("FORWARDED")
                .to(before.username, before.name, before.email)
                .note("後から届いた転送")
                .send();

        Rows.awaitStatus(db, late.notificationId, "CANCELLED/MAIL", TIMEOUT);
        // Another case's notice to the same person, sent after it, goes: the worker has had its chance.
        Request sentinel = NotificationRequests.newReport()
                .to(before.username, before.name, before.email)
                .send();
        Mailbox.awaitMail(sentinel.incidentNumber, TIMEOUT);
        assertEquals(List.of(), Mailbox.withSubjectContaining(late.incidentNumber));
        assertEquals(
                0,
                Rows.count(db, "SELECT 1 FROM inbox_item WHERE notification_id = ?", late.notificationId),
                "nothing is put in the inbox for a stopped case");

        given().queryParam("incidentId", before.incidentId.toString())
                .when()
                .get("/api/notifications")
                .then()
                .statusCode(200)
                .body("find { it.notificationId == '" + late.notificationId + "' }.status", is("CANCELLED"))
                .body("find { it.notificationId == '" + late.notificationId + "' }.cancelReason", is("WITHDRAWN"))
                .body("find { it.notificationId == '" + late.notificationId + "' }.attempts.size()", is(0))
                .body("find { it.notificationId == '" + before.notificationId + "' }.status", is("SENT"));
    }

    @Test
    void digestWaitingForARetryLosesTheStoppedCasesNoticesAndKeepsTheOthers() {
        Request first = NotificationRequests.newReport().toSomeone("digest-stop");
        recipients.replace(Tokens.CITY_ORG, first.username, new DeliverySettings(List.of(), "PT1H"), "test");
        first.send();
        Rows.awaitStored(db, first.notificationId, TIMEOUT);
        Request carrier = NotificationRequests.newReport()
                .to(first.username, first.name, first.email)
                .send();
        Request ofStopped = NotificationRequests.newReport()
                .to(first.username, first.name, first.email)
                .send();
        Request kept = NotificationRequests.newReport()
                .to(first.username, first.name, first.email)
                .send();
        for (Request r : List.of(carrier, ofStopped, kept)) {
            Rows.awaitStored(db, r.notificationId, TIMEOUT);
        }
        waitingDigest(carrier, ofStopped, kept);

        NotificationRequests.chainStopped(ofStopped.incidentId, "CLOSED");

        Rows.awaitStatus(db, ofStopped.notificationId, "CANCELLED/MAIL", TIMEOUT);
        assertNull(
                Rows.single(
                        db,
                        "SELECT digest_leader_id::text FROM notification WHERE notification_id = ?",
                        ofStopped.notificationId),
                "out of the digest");
        String subject = Rows.single(
                db, "SELECT digest_subject FROM notification WHERE notification_id = ?", carrier.notificationId);
        assertTrue(subject.contains("まとめ 2件") && subject.contains(kept.incidentNumber), subject);
        assertFalse(subject.contains(ofStopped.incidentNumber), subject);

        Rows.execute(
                db,
                "UPDATE notification SET next_attempt_at = now() WHERE notification_id = ?",
                carrier.notificationId);
        ReceivedMail digest = Mailbox.awaitMail(kept.incidentNumber, TIMEOUT);
        assertTrue(digest.subject().contains(carrier.incidentNumber), digest.subject());
        assertFalse(digest.body().contains(ofStopped.incidentNumber), digest.body());
        Rows.awaitStatus(db, kept.notificationId, "SENT/MAIL", TIMEOUT);
        assertEquals("CANCELLED/MAIL", Rows.statusAndChannel(db, ofStopped.notificationId));
    }

    @Test
    void digestCarrierOfAStoppedCaseLetsTheOtherCasesNoticesGoOnTheirOwn() {
        Request first = NotificationRequests.newReport().toSomeone("carrier-stop");
        recipients.replace(Tokens.CITY_ORG, first.username, new DeliverySettings(List.of(), "PT1H"), "test");
        first.send();
        Rows.awaitStored(db, first.notificationId, TIMEOUT);
        Request carrier = NotificationRequests.newReport()
                .to(first.username, first.name, first.email)
                .send();
        Request other = NotificationRequests.newReport()
                .to(first.username, first.name, first.email)
                .send();
        for (Request r : List.of(carrier, other)) {
            Rows.awaitStored(db, r.notificationId, TIMEOUT);
        }
        waitingDigest(carrier, other);

        UUID event = NotificationRequests.chainStopped(carrier.incidentId, "WITHDRAWN");
        // The same event again (redelivery) changes nothing.
        NotificationRequests.sendChainStopped(event, carrier.incidentId, "WITHDRAWN");

        Rows.awaitStatus(db, carrier.notificationId, "CANCELLED/MAIL", TIMEOUT);
        ReceivedMail alone = Mailbox.awaitMail(other.incidentNumber, TIMEOUT);
        assertFalse(alone.subject().contains("まとめ"), alone.subject());
        assertEquals(List.of(), Mailbox.withSubjectContaining(carrier.incidentNumber));
        assertNull(Rows.single(
                db, "SELECT digest_subject FROM notification WHERE notification_id = ?", carrier.notificationId));
        assertEquals(1, Rows.count(db, "SELECT 1 FROM stopped_chain WHERE incident_id = ?", carrier.incidentId));
    }

    @Test
    void acknowledgementLinkOfAStoppedCaseIsRefusedAndRecordsNothing() {
        Request request = NotificationRequests.newReport().toSomeone("ack-stop").send();
        Rows.awaitStatus(db, request.notificationId, "SENT/MAIL", TIMEOUT);
        String link =
                Rows.single(db, "SELECT ack_link FROM notification WHERE notification_id = ?", request.notificationId);
        String path = link.substring(link.indexOf("/ack/"));

        NotificationRequests.chainStopped(request.incidentId, "CLOSED");
        Instant end = Instant.now().plus(TIMEOUT);
        while (Rows.count(db, "SELECT 1 FROM stopped_chain WHERE incident_id = ?", request.incidentId) == 0
                && Instant.now().isBefore(end)) {
            pause(Duration.ofMillis(100));
        }

        given().when().get(path).then().statusCode(410).body(org.hamcrest.Matchers.containsString("この事案は終了しています"));
        given().when().post(path).then().statusCode(410);
        assertEquals(0, Rows.count(db, "SELECT 1 FROM ack_link_use WHERE notification_id = ?", request.notificationId));
    }

    /**
     * What the worker leaves when a digest's first attempt failed: the carrier waits an hour for a retry, the
     * members are grouped into it.
     */
    private void waitingDigest(Request carrier, Request... members) {
        String carrierId =
                Rows.single(db, "SELECT id::text FROM notification WHERE notification_id = ?", carrier.notificationId);
        Rows.execute(
                db,
                "UPDATE notification SET status = 'RETRY', attempts = 1, channel_attempts = 1, "
                        + "next_attempt_at = now() + interval '1 hour', digest_subject = 'まとめ', digest_body = 'x', "
                        + "digest_summary = 'x' WHERE notification_id = ?",
                carrier.notificationId);
        for (Request member : members) {
            Rows.execute(
                    db,
                    "UPDATE notification SET status = 'GROUPED', digest_leader_id = ?::bigint "
                            + "WHERE notification_id = ?",
                    carrierId,
                    member.notificationId);
        }
    }

    private static Request sameCaseAndPerson(Request first, String kind) {
        return NotificationRequests.newReport()
                .sameCaseAs(first)
                .kind(kind)
                .to(first.username, first.name, first.email);
    }

    private static void pause(Duration duration) {
        Instant end = Instant.now().plus(duration);
        while (Instant.now().isBefore(end)) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
