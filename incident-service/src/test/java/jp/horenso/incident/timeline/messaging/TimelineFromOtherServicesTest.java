package jp.horenso.incident.timeline.messaging;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import jp.horenso.incident.support.KafkaTopics;
import jp.horenso.incident.support.Reports;
import jp.horenso.incident.support.Tokens;
import jp.horenso.localstack.testing.EventSchemas;
import org.junit.jupiter.api.Test;

@QuarkusTest
class TimelineFromOtherServicesTest {

    private static final String ESCALATION_EVENTS = "horenso.escalation-events";
    private static final String NOTIFICATION_EVENTS = "horenso.notification-events";

    @Test
    void chainAndDeliveryFactsAppearOnTheTimeline() {
        String id = Reports.file(Tokens.staff1());
        String hopId = UUID.randomUUID().toString();
        String deadline = now().plusMinutes(15).toString();
        send(ESCALATION_EVENTS, "HopOpened", "escalation-service", id, """
                {"incidentId":"%s","hopId":"%s","step":"SECTION_CHIEF",
                 "recipient":{"username":"chief1","email":"chief1@demo-city.example.jp","name":"総務 課長"},
                 "ackDeadline":"%s"}""".formatted(id, hopId, deadline));
        send(ESCALATION_EVENTS, "NotificationRequested", "escalation-service", id, """
                {"notificationId":"%s","incidentId":"%s","incidentNumber":"DEMO-2026-000001","kind":"NEW_REPORT",
                 "hopId":"%s","step":"SECTION_CHIEF","recipient":{"username":"chief1","name":"総務 課長",
                 "email":"chief1@demo-city.example.jp","locale":"ja"},"ackDeadline":"%s","drill":false}""".formatted(
                        UUID.randomUUID(), id, hopId, deadline));
        send(NOTIFICATION_EVENTS, "NotificationDelivered", "notification-service", id, """
                {"notificationId":"%s","incidentId":"%s","recipient":{"username":"chief1",
                 "email":"chief1@demo-city.example.jp"},"channel":"MAIL","deliveredAt":"%s","attempts":1}""".formatted(
                        UUID.randomUUID(), id, now()));
        send(ESCALATION_EVENTS, "HopTimedOut", "escalation-service", id, """
                {"incidentId":"%s","hopId":"%s","step":"SECTION_CHIEF","recipient":{"username":"chief1"},
                 "ackDeadline":"%s","timedOutAt":"%s"}""".formatted(id, hopId, deadline, now()));
        send(ESCALATION_EVENTS, "HopEscalated", "escalation-service", id, """
                {"incidentId":"%s","fromHopId":"%s","reason":"TIMEOUT","toHops":[
                 {"hopId":"%s","step":"DEPARTMENT_HEAD","recipient":{"username":"head1"}},
                 {"hopId":"%s","step":"SECURITY_LEAD","recipient":{"username":"seclead"}}]}""".formatted(
                        id, hopId, UUID.randomUUID(), UUID.randomUUID()));

        Reports.awaitTimeline(
                id,
                Duration.ofSeconds(30),
                "REPORTED",
                "HOP_OPENED",
                "NOTIFICATION_REQUESTED",
                "NOTIFICATION_DELIVERED",
                "HOP_TIMED_OUT",
                "ESCALATED");
        JsonPath timeline = timeline(id);
        assertEquals("chief1", timeline.getString("timeline.find { it.type == 'HOP_OPENED' }.details.recipient"));
        assertEquals("escalation-service", timeline.getString("timeline.find { it.type == 'HOP_OPENED' }.actor"));
        assertEquals(
                List.of("head1", "seclead"),
                timeline.getList("timeline.find { it.type == 'ESCALATED' }.details.recipients"));
        assertEquals(
                "MAIL", timeline.getString("timeline.find { it.type == 'NOTIFICATION_DELIVERED' }.details.channel"));
        assertEquals(
                "chief1",
                timeline.getString("timeline.find { it.type == 'NOTIFICATION_REQUESTED' }.details.recipient"));
        org.junit.jupiter.api.Assertions.assertFalse(
                timeline.prettify().contains("chief1@demo-city.example.jp"), "no addresses on the timeline");
    }

    @Test
    void legalClockAndSeriousnessFactsAppearOnTheTimeline() {
        String id = Reports.file(Tokens.staff1());
        String due = now().plusDays(2).toString();
        send(ESCALATION_EVENTS, "LegalDeadlineApproaching", "escalation-service", id, """
                {"incidentId":"%s","incidentNumber":"DEMO-2026-000001","code":"PPC_APPI","report":"PROMPT",
                 "reportTo":"個人情報保護委員会","dueAt":"%s","remindedAt":"%s",
                 "reminded":[{"username":"csirt1"},{"username":"seclead"}],"drill":false}""".formatted(id, due, now()));
        send(ESCALATION_EVENTS, "LegalDeadlineMissed", "escalation-service", id, """
                {"incidentId":"%s","incidentNumber":"DEMO-2026-000001","code":"PPC_APPI","report":"PROMPT",
                 "reportTo":"個人情報保護委員会","dueAt":"%s","missedAt":"%s",
                 "escalatedTo":[{"username":"ciso"}],"drill":false}""".formatted(id, due, now()));
        send(ESCALATION_EVENTS, "IncidentMarkedSerious", "escalation-service", id, """
                {"incidentId":"%s","markedBy":"head1","markedAt":"%s","reason":"住民サービスに影響"}""".formatted(id, now()));
        Reports.awaitTimeline(
                id, Duration.ofSeconds(30), "LEGAL_DEADLINE_APPROACHING", "LEGAL_DEADLINE_MISSED", "MARKED_SERIOUS");
        JsonPath timeline = timeline(id);
        assertEquals(
                List.of("csirt1", "seclead"),
                timeline.getList("timeline.find { it.type == 'LEGAL_DEADLINE_APPROACHING' }.details.reminded"));
        assertEquals(
                List.of("ciso"),
                timeline.getList("timeline.find { it.type == 'LEGAL_DEADLINE_MISSED' }.details.escalatedTo"));
        assertEquals("head1", timeline.getString("timeline.find { it.type == 'MARKED_SERIOUS' }.actor"));
    }

    @Test
    void duplicateEventIsAppliedOnce() {
        String id = Reports.file(Tokens.staff1());
        String event = envelope(
                UUID.randomUUID(),
                "ChainStarted",
                "escalation-service",
                id,
                "{\"incidentId\":\"%s\",\"organisation\":\"demo-city\",\"chainVersion\":1}".formatted(id));
        EventSchemas.assertValid("ChainStarted", event);
        KafkaTopics.send(ESCALATION_EVENTS, id, event);
        KafkaTopics.send(ESCALATION_EVENTS, id, event);
        // A marker sent after both copies: once it is on the timeline, both copies were consumed.
        send(ESCALATION_EVENTS, "HopAcknowledged", "escalation-service", id, """
                {"incidentId":"%s","hopId":"%s","step":"SECTION_CHIEF","acknowledgedBy":"chief1",
                 "acknowledgedAt":"%s","late":false,"via":"API"}""".formatted(
                        id, UUID.randomUUID(), now()));

        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> given().auth()
                        .oauth2(Tokens.csirt1())
                        .when()
                        .get("/api/incidents/" + id)
                        .then()
                        .body("timeline.type", hasItem("HOP_ACKNOWLEDGED")));
        List<String> types = timeline(id).getList("timeline.type");
        assertEquals(1, types.stream().filter("CHAIN_STARTED"::equals).count(), types.toString());
    }

    @Test
    void poisonRecordsGoToTheDeadLetterTopicAndConsumptionGoesOn() {
        String id = Reports.file(Tokens.staff1());
        String notJson = "not json at all " + UUID.randomUUID();
        String notACloudEvent = "{\"hello\":\"" + UUID.randomUUID() + "\"}";
        String unknownCase = envelope(
                UUID.randomUUID(),
                "ChainStarted",
                "escalation-service",
                UUID.randomUUID().toString(),
                "{\"incidentId\":\"%s\",\"organisation\":\"demo-city\",\"chainVersion\":1}"
                        .formatted(UUID.randomUUID()));
        KafkaTopics.send(ESCALATION_EVENTS, id, notJson);
        KafkaTopics.send(ESCALATION_EVENTS, id, notACloudEvent);
        KafkaTopics.send(ESCALATION_EVENTS, id, unknownCase);
        KafkaTopics.sendBytes(NOTIFICATION_EVENTS, id, new byte[] {(byte) 0xff, (byte) 0xfe, 0x00, 0x01});
        send(
                ESCALATION_EVENTS,
                "ChainStarted",
                "escalation-service",
                id,
                "{\"incidentId\":\"%s\",\"organisation\":\"demo-city\",\"chainVersion\":1}".formatted(id));

        KafkaTopics.awaitRecord(
                ESCALATION_EVENTS + ".incident-service.dlq", r -> notJson.equals(r.value()), Duration.ofSeconds(30));
        KafkaTopics.awaitRecord(
                ESCALATION_EVENTS + ".incident-service.dlq",
                r -> notACloudEvent.equals(r.value()),
                Duration.ofSeconds(30));
        KafkaTopics.awaitRecord(
                ESCALATION_EVENTS + ".incident-service.dlq",
                r -> unknownCase.equals(r.value()),
                Duration.ofSeconds(30));
        KafkaTopics.awaitRecord(
                NOTIFICATION_EVENTS + ".incident-service.dlq", r -> id.equals(r.key()), Duration.ofSeconds(30));
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> given().auth()
                        .oauth2(Tokens.csirt1())
                        .when()
                        .get("/api/incidents/" + id)
                        .then()
                        .body("timeline.type", hasItem("CHAIN_STARTED")));
    }

    private static JsonPath timeline(String id) {
        return given().auth()
                .oauth2(Tokens.csirt1())
                .when()
                .get("/api/incidents/" + id)
                .then()
                .statusCode(200)
                .body("id", equalTo(id))
                .extract()
                .jsonPath();
    }

    private static void send(String topic, String eventName, String service, String incidentId, String data) {
        String event = envelope(UUID.randomUUID(), eventName, service, incidentId, data);
        EventSchemas.assertValid(eventName, event);
        KafkaTopics.send(topic, incidentId, event);
    }

    private static String envelope(UUID id, String eventName, String service, String subject, String data) {
        return """
                {"specversion":"1.0","id":"%s","source":"/horenso/%s","type":"jp.horenso.%s","time":"%s",
                 "subject":"%s","organisation":"demo-city","datacontenttype":"application/json","data":%s}""".formatted(id, service, eventName, now(), subject, data);
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
