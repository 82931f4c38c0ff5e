package jp.horenso.escalation.hop.service;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.scheduler.Scheduler;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import jp.horenso.escalation.hop.Hop;
import jp.horenso.escalation.hop.HopStatus;
import jp.horenso.escalation.hop.repository.HopRepository;
import jp.horenso.escalation.support.Db;
import jp.horenso.escalation.support.EscalationEventLog;
import jp.horenso.escalation.support.IncidentEvents;
import jp.horenso.escalation.timer.TimerJobs;
import jp.horenso.localstack.testing.PostgresKafkaResource;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(PostgresKafkaResource.class)
class AcknowledgementTest {

    private final EscalationEventLog published = EscalationEventLog.get();

    @Inject
    HopRepository hops;

    @Inject
    Scheduler scheduler;

    @Inject
    Db db;

    @Test
    void acknowledgementBySectionChiefStopsTheClock() {
        UUID incident = UUID.randomUUID();
        IncidentEvents.send(IncidentEvents.staffReport(incident));
        IncidentEvents.send(IncidentEvents.acknowledged(incident, "chief1", Instant.now()));

        JsonNode opened = published.await(incident, "HopOpened", 1).get(0).path("data");
        JsonNode acknowledged =
                published.await(incident, "HopAcknowledged", 1).get(0).path("data");
        assertEquals(opened.path("hopId").asText(), acknowledged.path("hopId").asText());
        assertEquals("SECTION_CHIEF", acknowledged.path("step").asText());
        assertEquals("chief1", acknowledged.path("acknowledgedBy").asText());
        assertEquals("API", acknowledged.path("via").asText());
        assertFalse(acknowledged.path("late").asBoolean());

        // Past the deadline, with the timer running: the chief's hop may not time out (the department head's and
        // the security lead's, forwarded by the acknowledgement, run their own clocks).
        Instant deadline = Instant.parse(opened.path("ackDeadline").asText());
        await().atMost(Duration.ofSeconds(10)).until(() -> Instant.now().isAfter(deadline.plusSeconds(2)));
        assertTrue(published.of(incident, "HopTimedOut").stream()
                .noneMatch(e -> e.path("data")
                        .path("hopId")
                        .asText()
                        .equals(opened.path("hopId").asText())));
        Hop chief =
                db.read(() -> hops.findById(UUID.fromString(opened.path("hopId").asText())));
        assertEquals(HopStatus.ACKNOWLEDGED, chief.status());
        assertFalse(chief.late());
        assertEquals(
                List.of("chief1", "head1", "seclead"),
                db.read(() -> hops.ofIncident(incident)).stream()
                        .filter(h -> h.trigger().name().equals("REPORT")
                                || h.trigger().name().equals("ACKNOWLEDGED"))
                        .map(Hop::recipientUsername)
                        .sorted()
                        .toList());
    }

    @Test
    void acknowledgementAfterTheDeadlineIsFlaggedLate() {
        // The timer is held back (as when every replica was down), so the hop is still open after its deadline.
        scheduler.pause(TimerJobs.HOPS);
        try {
            UUID incident = UUID.randomUUID();
            IncidentEvents.send(IncidentEvents.staffReport(incident));
            JsonNode opened = published.await(incident, "HopOpened", 1).get(0).path("data");
            Instant deadline = Instant.parse(opened.path("ackDeadline").asText());
            await().atMost(Duration.ofSeconds(10)).until(() -> Instant.now().isAfter(deadline.plusMillis(200)));

            IncidentEvents.send(IncidentEvents.acknowledged(incident, "chief1", Instant.now()));

            JsonNode acknowledged =
                    published.await(incident, "HopAcknowledged", 1).get(0).path("data");
            assertTrue(acknowledged.path("late").asBoolean());
            Hop hop = hops.ofIncident(incident).get(0);
            assertEquals(HopStatus.ACKNOWLEDGED, hop.status());
            assertTrue(hop.late());
            assertTrue(hop.acknowledgedAt().isAfter(hop.ackDeadline()));
        } finally {
            scheduler.resume(TimerJobs.HOPS);
        }
    }

    @Test
    void acknowledgementBySomeoneWithoutAnOpenHopChangesNothing() {
        UUID incident = UUID.randomUUID();
        IncidentEvents.send(IncidentEvents.staffReport(incident));
        IncidentEvents.send(IncidentEvents.acknowledged(incident, "head1", Instant.now()));
        // Applied after head1's (same partition): once it shows, head1's acknowledgement has been handled.
        IncidentEvents.send(IncidentEvents.acknowledged(incident, "chief1", Instant.now()));

        List<JsonNode> acknowledged = published.await(incident, "HopAcknowledged", 1);
        assertEquals(1, acknowledged.size());
        assertEquals(
                "chief1",
                acknowledged.get(0).path("data").path("acknowledgedBy").asText());
        // head1's earlier acknowledgement did not stick to the hop the chief's acknowledgement opened later.
        Hop head = db.read(() -> hops.ofIncident(incident)).stream()
                .filter(h -> "head1".equals(h.recipientUsername()))
                .findFirst()
                .orElseThrow();
        assertEquals(HopStatus.OPEN, head.status());
        assertEquals(null, head.acknowledgedBy());
    }

    @Test
    void acknowledgementAfterTheHopTimedOutIsStillRecordedAsLate() {
        UUID incident = UUID.randomUUID();
        IncidentEvents.send(IncidentEvents.staffReport(incident));
        JsonNode timedOut = published.await(incident, "HopTimedOut", 1).get(0).path("data");
        assertEquals("chief1", timedOut.path("recipient").path("username").asText());

        IncidentEvents.send(IncidentEvents.acknowledged(incident, "chief1", Instant.now()));

        JsonNode acknowledged =
                published.await(incident, "HopAcknowledged", 1).get(0).path("data");
        assertEquals(timedOut.path("hopId").asText(), acknowledged.path("hopId").asText());
        assertTrue(acknowledged.path("late").asBoolean());
        Hop hop = db.read(
                () -> hops.findById(UUID.fromString(timedOut.path("hopId").asText())));
        assertEquals(HopStatus.TIMED_OUT, hop.status(), "the chain has moved on and stays moved on");
        assertEquals("chief1", hop.acknowledgedBy());
        assertTrue(hop.late());
    }
}
