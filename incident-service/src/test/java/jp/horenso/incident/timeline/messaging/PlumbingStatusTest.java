package jp.horenso.incident.timeline.messaging;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.horenso.incident.support.KafkaTopics;
import org.junit.jupiter.api.Test;

/**
 * The plumbing is visible to operations: {@code /q/health/ready} shows the outbox and the dead-letter depth of
 * every incoming channel, {@code /q/metrics} the same as gauges, and a dead-lettered record shows in both (issue 11).
 */
@QuarkusTest
class PlumbingStatusTest {

    private static final String NOTIFICATION_EVENTS = "horenso.notification-events";
    private static final String DLQ = NOTIFICATION_EVENTS + ".incident-service.dlq";
    private static final String OTHER_DLQ = "horenso.escalation-events.incident-service.dlq";

    @Test
    void readinessAndMetricsShowTheOutboxAndADeadLetteredRecord() {
        String key = UUID.randomUUID().toString();
        String poison = "not an event " + key;
        KafkaTopics.send(NOTIFICATION_EVENTS, key, poison);
        KafkaTopics.awaitRecord(DLQ, r -> poison.equals(r.value()), Duration.ofSeconds(30));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Map<String, Object> plumbing = plumbing();
            assertEquals(0, ((Number) plumbing.get("outboxParked")).intValue(), plumbing.toString());
            assertTrue(((Number) plumbing.get("outboxPending")).longValue() >= 0, plumbing.toString());
            assertNotNull(plumbing.get("deadLetters " + OTHER_DLQ), plumbing.toString());
            assertTrue(((Number) plumbing.get("deadLetters " + DLQ)).longValue() >= 1, plumbing.toString());
        });

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            String metrics =
                    given().get("/q/metrics").then().statusCode(200).extract().asString();
            assertTrue(metrics.contains("horenso_outbox_pending"), "outbox gauge");
            assertTrue(metrics.contains("horenso_outbox_parked"), "parked gauge");
            Matcher depth = Pattern.compile(
                            "horenso_dead_letters\\{[^}]*topic=\"" + Pattern.quote(DLQ) + "\"[^}]*} ([0-9.]+)")
                    .matcher(metrics);
            assertTrue(depth.find(), "dead-letter gauge of " + DLQ);
            assertTrue(Double.parseDouble(depth.group(1)) >= 1, "depth " + depth.group(1));
        });
    }

    private static Map<String, Object> plumbing() {
        JsonPath health =
                given().get("/q/health/ready").then().statusCode(200).extract().jsonPath();
        Map<String, Object> check = health.getMap("checks.find { it.name == 'horenso-plumbing' }");
        assertNotNull(check, health.prettify());
        assertEquals("UP", check.get("status"));
        @SuppressWarnings("unchecked")
        Map<String, Object> data = (Map<String, Object>) check.get("data");
        return data;
    }
}
