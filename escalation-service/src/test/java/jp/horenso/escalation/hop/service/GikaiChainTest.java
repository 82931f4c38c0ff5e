package jp.horenso.escalation.hop.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import jp.horenso.escalation.support.CaseSentinel;
import jp.horenso.escalation.support.EscalationEventLog;
import jp.horenso.escalation.support.Events;
import jp.horenso.escalation.support.IncidentEvents;
import jp.horenso.localstack.testing.PostgresKafkaResource;
import org.junit.jupiter.api.Test;

/**
 * デモ市議会 (demo-gikai, seed/demo-gikai.yaml) runs its own chain in the same installation as デモ市: 議会事務局
 * staff → the section chief → 事務局長 and 事務局次長 → 議長 in the CISO's place — and never reaches demo-city's
 * people.
 */
@QuarkusTest
@QuarkusTestResource(PostgresKafkaResource.class)
class GikaiChainTest {

    /** Every user name of demo-city's directory (seed/demo-city.yaml). */
    private static final Set<String> DEMO_CITY_PEOPLE = Set.of(
            "staff1",
            "staff2",
            "chief1",
            "chief2",
            "head1",
            "head2",
            "seclead",
            "csirt1",
            "ciso",
            "viceciso",
            "committee1",
            "auditor");

    private final EscalationEventLog published = EscalationEventLog.get();

    @Test
    void article43_councilStaffReportRunsTheCouncilsChainAndNeverDemoCitysPeople() {
        UUID incident = UUID.randomUUID();
        IncidentEvents.send(IncidentEvents.reportedIn(
                "demo-gikai",
                incident,
                "gikai-staff1",
                "gikai-general",
                "gikai-secretariat",
                List.of("staff"),
                "MEDIUM",
                false));

        // 総務課長 first.
        JsonNode started = published.await(incident, "ChainStarted", 1).get(0);
        assertEquals("demo-gikai", started.path("data").path("organisation").asText());
        assertEquals(
                List.of("SECTION_CHIEF/gikai-chief1"),
                Events.stepsAndRecipients(
                        List.of(published.await(incident, "HopOpened", 1).get(0))));

        // The chief's acknowledgement forwards it to 事務局長 and 事務局次長 at once.
        IncidentEvents.send(IncidentEvents.acknowledged(incident, "gikai-chief1", Instant.now()));
        // (直ちに is 3 s in the tests: a time-out may open the same steps first; each opens once either way.)
        List<String> opened = Events.stepsAndRecipients(published.await(incident, "HopOpened", 3));
        assertTrue(
                opened.containsAll(List.of(
                        "DEPARTMENT_HEAD/gikai-head", "SECTION_CHIEF/gikai-chief1", "SECURITY_LEAD/gikai-seclead")),
                opened.toString());

        // Marked 重大 by a HIGH severity: 議長 in the CISO's place.
        IncidentEvents.send(IncidentEvents.severityAssessed(incident, "HIGH", false));
        List<JsonNode> withChair = published.await(incident, "HopOpened", 4);
        assertTrue(Events.stepsAndRecipients(withChair).contains("CISO/gikai-chair"));

        List<JsonNode> events = CaseSentinel.closeAndAwaitChainStopped(incident).events();
        assertTrue(events.stream().allMatch(e -> e.path("organisation").asText().equals("demo-gikai")));
        List<String> told = events.stream()
                .filter(e -> e.path("type").asText().equals("jp.horenso.NotificationRequested"))
                .map(e -> e.path("data").path("recipient").path("username").asText())
                .toList();
        assertTrue(told.stream().noneMatch(DEMO_CITY_PEOPLE::contains), "demo-city's people told: " + told);
        assertTrue(told.stream().allMatch(u -> u.startsWith("gikai-")), told.toString());
    }
}
