package jp.horenso.notification.delivery.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.UserTransaction;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import jp.horenso.localstack.testing.PostgresKafkaResource;
import jp.horenso.notification.support.Rows;
import org.junit.jupiter.api.Test;

/**
 * What one delivery round writes (issue 13): the round's first message is sent right after the claim commits, so
 * its "started" marker commits with the claim, and only the later messages of the round need a transaction of their
 * own for it. Each test claims inside a transaction it rolls back, so the running worker never sees its rows.
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresKafkaResource.class, initArgs = @ResourceArg(name = "mail", value = "true"))
class DeliveryRoundTest {

    @Inject
    DeliveryService deliveries;

    @Inject
    DataSource db;

    @Inject
    EntityManager entityManager;

    @Inject
    UserTransaction transaction;

    @Test
    void theFirstMessageOfARoundIsMarkedStartedWithItsClaimAndTheOthersAreNot() throws Exception {
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        transaction.begin();
        try {
            // Due before anything another test left due, so that this round claims these two first.
            dueNotification(first, "2000-01-01T00:00:00Z");
            dueNotification(second, "2000-01-01T00:00:01Z");

            List<DeliveryService.Claim> claims = deliveries.claimDue();

            assertEquals(first, claims.get(0).message().notificationId());
            assertEquals(second, claims.get(1).message().notificationId());
            assertTrue(claims.get(0).started(), "the first message is marked with its claim");
            assertFalse(claims.get(1).started(), "a later message is marked just before its own send");
            entityManager.flush();
            assertEquals(List.of("STARTED"), outcomes(first));
            assertEquals(List.of(), outcomes(second));
            // The later one is marked by markStarted, as before.
            assertTrue(deliveries.markStarted(claims.get(1).message()));
            entityManager.flush();
            assertEquals(List.of("STARTED"), outcomes(second));
        } finally {
            transaction.rollback();
        }
        assertEquals(0, Rows.count(db, "SELECT id FROM notification WHERE notification_id IN (?, ?)", first, second));
    }

    /** A mail notification to a person with no delivery settings (mail to the directory's address), due at {@code at}. */
    private void dueNotification(UUID notificationId, String at) {
        String username = "round-" + notificationId.toString().substring(0, 8);
        entityManager
                .createNativeQuery("""
                INSERT INTO notification (notification_id, organisation, incident_id, incident_number, hop_id, kind,
                    drill, channel, recipient_username, recipient_name, recipient_email, subject, body, summary,
                    case_link, status, attempts, channel_attempts, endpoint_position, next_attempt_at,
                    request_event_id, requested_at)
                VALUES (:id, 'demo-city', :incident, 'INC-2026-000001', :hop, 'NEW_REPORT', false, 'MAIL', :username,
                    '試験 一郎', :email, '件名 / subject', '本文 / body', '要約 / summary',
                    'http://localhost:8081/api/incidents/x', 'PENDING', 0, 0, -1, cast(:at as timestamptz),
                    :request, now())""")
                .setParameter("id", notificationId)
                .setParameter("incident", UUID.randomUUID())
                .setParameter("hop", UUID.randomUUID())
                .setParameter("username", username)
                .setParameter("email", username + "@demo-city.example.jp")
                .setParameter("at", at)
                .setParameter("request", UUID.randomUUID())
                .executeUpdate();
    }

    @SuppressWarnings("unchecked")
    private List<String> outcomes(UUID notificationId) {
        return entityManager
                .createNativeQuery("""
                SELECT a.outcome FROM delivery_attempt a JOIN notification n ON n.id = a.notification_id
                WHERE n.notification_id = :id ORDER BY a.attempt_number""")
                .setParameter("id", notificationId)
                .getResultList();
    }
}
