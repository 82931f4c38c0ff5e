package jp.horenso.incident.timeline.messaging;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItems;
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

/** The chain's cancelled hops and its stop (after closing, withdrawal or a unit change) appear on the timeline. */
@QuarkusTest
class ChainStopTimelineTest {

    private static final String ESCALATION_EVENTS = "horenso.escalation-events";

    @Test
    void cancelledHopsAndTheStoppedChainAppearOnTheTimelineOnce() {
        String id = Reports.file(Tokens.staff1());
        String hop = UUID.randomUUID().toString();
        String at = OffsetDateTime.now(ZoneOffset.UTC).toString();
        String cancelled = envelope("HopCancelled", id, """
                {"incidentId":"%s","hopId":"%s","step":"SECTION_CHIEF","recipient":{"username":"chief1"},
                 "reason":"WITHDRAWN","cancelledAt":"%s"}""".formatted(id, hop, at));
        String stopped = envelope("ChainStopped", id, """
                {"incidentId":"%s","reason":"WITHDRAWN","stoppedAt":"%s","cancelledHops":["%s"],"cancelledTimers":3}""".formatted(id, at, hop));
        KafkaTopics.send(ESCALATION_EVENTS, id, cancelled);
        KafkaTopics.send(ESCALATION_EVENTS, id, cancelled);
        KafkaTopics.send(ESCALATION_EVENTS, id, stopped);

        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> given().auth()
                        .oauth2(Tokens.csirt1())
                        .get("/api/incidents/" + id)
                        .then()
                        .body("timeline.type", hasItems("HOP_CANCELLED", "CHAIN_STOPPED")));
        JsonPath view = given().auth()
                .oauth2(Tokens.csirt1())
                .get("/api/incidents/" + id)
                .jsonPath();
        assertEquals(
                1,
                view.getList("timeline.findAll { it.type == 'HOP_CANCELLED' }").size());
        assertEquals("chief1", view.getString("timeline.find { it.type == 'HOP_CANCELLED' }.details.recipient"));
        assertEquals("WITHDRAWN", view.getString("timeline.find { it.type == 'HOP_CANCELLED' }.details.reason"));
        assertEquals("SECTION_CHIEF", view.getString("timeline.find { it.type == 'HOP_CANCELLED' }.details.step"));
        assertEquals("escalation-service", view.getString("timeline.find { it.type == 'CHAIN_STOPPED' }.actor"));
        assertEquals(List.of(hop), view.getList("timeline.find { it.type == 'CHAIN_STOPPED' }.details.cancelledHops"));
        assertEquals(3, view.getInt("timeline.find { it.type == 'CHAIN_STOPPED' }.details.cancelledTimers"));
    }

    @Test
    void aCancelledHopWithoutItsRecipientGoesToTheDeadLetterTopic() {
        String id = Reports.file(Tokens.staff1());
        String broken = """
                {"specversion":"1.0","id":"%s","source":"/horenso/escalation-service","type":"jp.horenso.HopCancelled",
                 "time":"2026-12-01T00:00:00Z","subject":"%s","organisation":"demo-city","datacontenttype":"application/json",
                 "data":{"incidentId":"%s","hopId":"%s","step":"SECTION_CHIEF","reason":"CLOSED",
                 "cancelledAt":"2026-12-01T00:00:00Z"}}""".formatted(UUID.randomUUID(), id, id, UUID.randomUUID());
        KafkaTopics.send(ESCALATION_EVENTS, id, broken);
        KafkaTopics.awaitRecord(
                ESCALATION_EVENTS + ".incident-service.dlq", r -> broken.equals(r.value()), Duration.ofSeconds(30));
    }

    private static String envelope(String name, String incidentId, String data) {
        String event = """
                {"specversion":"1.0","id":"%s","source":"/horenso/escalation-service","type":"jp.horenso.%s",
                 "time":"%s","subject":"%s","organisation":"demo-city","datacontenttype":"application/json","data":%s}""".formatted(UUID.randomUUID(), name, OffsetDateTime.now(ZoneOffset.UTC), incidentId, data);
        EventSchemas.assertValid(name, event);
        return event;
    }
}
