package jp.horenso.escalation.drill;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import jp.horenso.escalation.support.EscalationEventLog;
import jp.horenso.escalation.support.IncidentEvents;
import jp.horenso.localstack.testing.PostgresKafkaResource;
import org.junit.jupiter.api.Test;

/** 第48条: a drill runs the whole chain, and every notification of it is marked (【訓練】/[DRILL] in the mail). */
@QuarkusTest
@QuarkusTestResource(PostgresKafkaResource.class)
class DrillTest {

    private final EscalationEventLog published = EscalationEventLog.get();

    @Test
    void article48_drillNotificationsAreMarked() {
        Instant now = Instant.now();
        UUID drill = UUID.randomUUID();
        var report = IncidentEvents.reported(drill, "staff2", "welfare-section", "welfare", List.of("staff"), true);
        String number = report.path("data").path("number").asText();
        IncidentEvents.send(report);
        published.await(drill, "HopOpened", 1);
        IncidentEvents.send(IncidentEvents.severityAssessed(drill, "HIGH", true));
        IncidentEvents.send(IncidentEvents.legalDutyIdentified(
                drill,
                number,
                "PPC_APPI",
                now,
                now,
                now.plus(3, ChronoUnit.DAYS),
                now.plus(30, ChronoUnit.DAYS),
                true));
        UUID repeated = UUID.randomUUID();
        IncidentEvents.send(IncidentEvents.reportedIn(
                "test-city", repeated, "t-staff-a1", "sec-a1", "dept-a", List.of("staff"), null, true));

        // demo-city: the chief's time-out escalates; the legal reminder comes; test-city repeats and tells the
        // prefecture.
        published.await(drill, "LegalDeadlineApproaching", 1);
        published.await(drill, "HopEscalated", 1);
        published.await(repeated, "NotificationRequested", 7, Duration.ofSeconds(30));
        // The outside body is told in the time-out's transaction, after the hops it opens: the relay sends a case's
        // events one after the other, so it may arrive after the seventh notice.
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> published.of(repeated, "NotificationRequested").stream()
                        .anyMatch(n -> n.path("data").has("outsideBody")));
        List<JsonNode> notifications = new ArrayList<>(published.of(drill, "NotificationRequested"));
        notifications.addAll(published.of(repeated, "NotificationRequested"));

        Set<String> kinds = new TreeSet<>();
        for (JsonNode notification : notifications) {
            kinds.add(notification.path("data").path("kind").asText());
            assertTrue(notification.path("data").path("drill").asBoolean(), "not marked: " + notification);
        }
        assertEquals(Set.of("NEW_REPORT", "ESCALATION", "REMINDER", "HOP_OVERDUE", "LEGAL_DEADLINE_NEAR"), kinds);
        assertTrue(
                notifications.stream().anyMatch(n -> n.path("data").has("outsideBody")),
                "the outside body's notice is marked too");
        assertTrue(published
                .of(drill, "LegalDeadlineApproaching")
                .get(0)
                .path("data")
                .path("drill")
                .asBoolean());
    }
}
