package jp.horenso.escalation.hop.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import jp.horenso.escalation.support.EscalationEventLog;
import jp.horenso.escalation.support.IncidentEvents;
import jp.horenso.localstack.testing.PostgresKafkaResource;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** The severity drives the chain: the CISO at high severity (第43条3項) and "immediately" per severity. */
@QuarkusTest
@QuarkusTestResource(PostgresKafkaResource.class)
class SeverityTest {

    private final EscalationEventLog published = EscalationEventLog.get();

    @Test
    void article43_3_severityRaisedToHighReachesTheCisoOnce() {
        UUID incident = UUID.randomUUID();
        IncidentEvents.send(IncidentEvents.staffReport(incident));
        published.await(incident, "HopOpened", 1);

        IncidentEvents.send(IncidentEvents.severityAssessed(incident, "HIGH", false));
        JsonNode ciso = cisoHops(incident, 1).get(0).path("data");
        assertEquals("ciso", ciso.path("recipient").path("username").asText());
        assertEquals("SEVERITY", ciso.path("trigger").asText());
        JsonNode told = published.await(incident, "NotificationRequested", 2).stream()
                .filter(n -> n.path("data")
                        .path("hopId")
                        .asText()
                        .equals(ciso.path("hopId").asText()))
                .findFirst()
                .orElseThrow()
                .path("data");
        assertEquals("ESCALATION", told.path("kind").asText());
        assertEquals("HIGH", told.path("severity").asText());

        // Raised again: the CISO was told already and is not told twice.
        IncidentEvents.send(IncidentEvents.severityAssessed(incident, "CRITICAL", false));
        IncidentEvents.send(IncidentEvents.acknowledged(incident, "ciso", Instant.now()));
        published.await(incident, "HopAcknowledged", 1);
        assertEquals(1, cisoHops(incident, 1).size());
    }

    @Test
    void article43_3_caseReportedAtHighSeverityReachesTheCisoAtOnce() {
        UUID incident = UUID.randomUUID();
        IncidentEvents.send(IncidentEvents.reportedIn(
                "demo-city",
                incident,
                "staff1",
                "general-affairs-section",
                "general-affairs",
                List.of("staff"),
                "HIGH",
                false));

        // The vice-CISO receives a copy of what the CISO receives (第9条).
        List<JsonNode> notifications = published.await(incident, "NotificationRequested", 3);
        assertEquals(
                List.of("CISO/ciso/NEW_REPORT", "CISO/viceciso/NEW_REPORT", "SECTION_CHIEF/chief1/NEW_REPORT"),
                notifications.stream()
                        .map(n -> n.path("data").path("step").asText() + "/"
                                + n.path("data")
                                        .path("recipient")
                                        .path("username")
                                        .asText() + "/"
                                + n.path("data").path("kind").asText())
                        .sorted()
                        .toList());
        String started =
                published.of(incident, "ChainStarted").get(0).path("time").asText();
        assertTrue(
                cisoHops(incident, 1).stream()
                        .allMatch(e -> e.path("time").asText().equals(started)),
                "told in the transaction that started the chain");
    }

    @Test
    void acknowledgementDeadlineOfImmediatelyFollowsTheSeverityAsTheChainSays() {
        // test-severity: immediately = CRITICAL PT5M, HIGH PT10M, MEDIUM PT30M, LOW PT2H; unassessed: PT3S.
        assertEquals(Duration.ofMinutes(5), firstDeadline(report("CRITICAL")));
        assertEquals(Duration.ofHours(2), firstDeadline(report("LOW")));
        assertEquals(Duration.ofSeconds(3), firstDeadline(report(null)));
    }

    @Test
    void hopsOpenedAfterASeverityChangeTakeTheNewDeadline() {
        UUID incident = report("LOW");
        published.await(incident, "HopOpened", 1);
        IncidentEvents.send(IncidentEvents.severityAssessed(incident, "CRITICAL", false));

        JsonNode ciso = cisoHops(incident, 1).get(0);
        assertEquals(
                "s-ciso", ciso.path("data").path("recipient").path("username").asText());
        assertEquals(
                Duration.ofMinutes(5),
                Duration.between(
                        Instant.parse(ciso.path("time").asText()),
                        Instant.parse(ciso.path("data").path("ackDeadline").asText())));
    }

    @Test
    void severityOfACaseWithoutChainIsDeadLettered() {
        String event = IncidentEvents.severityAssessed(UUID.randomUUID(), "HIGH", false)
                .toString();
        IncidentEvents.sendRaw(UUID.randomUUID().toString(), event);

        assertEquals(
                1,
                EscalationEventLog.readUntil(IncidentEvents.dlq(), List.of(event), Duration.ofSeconds(20))
                        .size());
    }

    private UUID report(String severity) {
        UUID incident = UUID.randomUUID();
        IncidentEvents.send(IncidentEvents.reportedIn(
                "test-severity", incident, "s-staff", "sv-sec", "sv-dept", List.of("staff"), severity, false));
        return incident;
    }

    private Duration firstDeadline(UUID incident) {
        JsonNode opened = published.await(incident, "HopOpened", 1).get(0);
        return Duration.between(
                Instant.parse(opened.path("time").asText()),
                Instant.parse(opened.path("data").path("ackDeadline").asText()));
    }

    private List<JsonNode> cisoHops(UUID incident, int atLeast) {
        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(() -> published.of(incident, "HopOpened").stream()
                                .filter(e ->
                                        e.path("data").path("step").asText().equals("CISO"))
                                .count()
                        >= atLeast);
        return published.of(incident, "HopOpened").stream()
                .filter(e -> e.path("data").path("step").asText().equals("CISO"))
                .toList();
    }
}
