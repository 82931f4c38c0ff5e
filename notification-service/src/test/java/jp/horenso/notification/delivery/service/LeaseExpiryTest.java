package jp.horenso.notification.delivery.service;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import jp.horenso.localstack.testing.PostgresKafkaResource;
import jp.horenso.notification.support.Contract;
import jp.horenso.notification.support.Mailbox;
import jp.horenso.notification.support.NotificationEventsOnKafka;
import jp.horenso.notification.support.Tokens;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = PostgresKafkaResource.class, initArgs = @ResourceArg(name = "mail", value = "true"))
class LeaseExpiryTest {

    @org.junit.jupiter.api.AfterEach
    void withoutToken() {
        Tokens.anonymous();
    }

    @Inject
    DataSource dataSource;

    @Test
    void notificationClaimedByAWorkerThatCrashedBeforeSendingIsSentByAnother() throws SQLException {
        Tokens.actAs("csirt1", "csirt");
        UUID notificationId = UUID.randomUUID();
        UUID incidentId = UUID.randomUUID();
        String number = "INC-2026-" + ThreadLocalRandom.current().nextInt(100000, 1000000);
        // As a worker that crashed after claiming attempt 1 and before its "started" marker would have left it:
        // nothing can have been sent, so it is sent now.
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement("""
                        INSERT INTO notification (notification_id, organisation, incident_id, incident_number, kind,
                            drill, channel,
                            recipient_username, recipient_name, recipient_email, subject, body, status, attempts,
                            next_attempt_at, lease_until, request_event_id, requested_at)
                        VALUES (?, 'demo-city', ?, ?, 'NEW_REPORT', false, 'MAIL', 'chief1', '総務 課長 一郎',
                            'chief1@demo-city.example.jp', ?, '本文 / body', 'SENDING', 1,
                            now() - interval '10 minutes', now() - interval '1 minute', ?, now())""")) {
            insert.setObject(1, notificationId);
            insert.setObject(2, incidentId);
            insert.setString(3, number);
            insert.setString(4, "【Horenso】インシデント報告 " + number + " / Incident report " + number);
            insert.setObject(5, UUID.randomUUID());
            insert.executeUpdate();
        }

        Mailbox.awaitMail(number, Duration.ofSeconds(30));
        JsonNode delivered = NotificationEventsOnKafka.parse(
                NotificationEventsOnKafka.await("NotificationDelivered", notificationId, Duration.ofSeconds(30))
                        .value());
        Contract.assertValid("NotificationDelivered", delivered);
        assertEquals(2, delivered.at("/data/attempts").asInt());
        given().queryParam("incidentId", incidentId.toString())
                .when()
                .get("/api/notifications")
                .then()
                .statusCode(200)
                .body("[0].status", is("SENT"))
                .body("[0].attempts.number", contains(1, 2))
                .body("[0].attempts.outcome", contains("INTERRUPTED", "SENT"));
        assertEquals(1, Mailbox.withSubjectContaining(number).size());
    }
}
