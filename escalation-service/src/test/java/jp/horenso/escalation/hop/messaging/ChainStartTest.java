package jp.horenso.escalation.hop.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import jp.horenso.escalation.hop.Hop;
import jp.horenso.escalation.hop.HopStatus;
import jp.horenso.escalation.hop.repository.HopRepository;
import jp.horenso.escalation.support.EscalationEventLog;
import jp.horenso.escalation.support.Events;
import jp.horenso.escalation.support.IncidentEvents;
import jp.horenso.localstack.testing.PostgresKafkaResource;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(PostgresKafkaResource.class)
class ChainStartTest {

    private final EscalationEventLog published = EscalationEventLog.get();

    @Inject
    HopRepository hops;

    @Inject
    EntityManager entityManager;

    @Test
    void staffReportOpensSectionChiefHopAndRequestsNewReportNotification() {
        UUID incident = UUID.randomUUID();
        ObjectNode report = IncidentEvents.staffReport(incident);
        String number = report.path("data").path("number").asText();
        IncidentEvents.send(report);

        published.await(incident, "NotificationRequested", 1);
        List<JsonNode> events = published.of(incident);
        assertEquals(
                List.of("jp.horenso.ChainStarted", "jp.horenso.HopOpened", "jp.horenso.NotificationRequested"),
                Events.types(events));

        JsonNode started = events.get(0).path("data");
        assertEquals("demo-city", started.path("organisation").asText());
        assertEquals(1, started.path("chainVersion").asInt());

        JsonNode opened = events.get(1).path("data");
        assertEquals("SECTION_CHIEF", opened.path("step").asText());
        assertEquals("chief1", opened.path("recipient").path("username").asText());
        // The deadline is the database's now() (the event time: same transaction) plus 直ちに (PT3S in %test).
        assertEquals(
                Duration.ofSeconds(3),
                Duration.between(
                        Instant.parse(events.get(1).path("time").asText()),
                        Instant.parse(opened.path("ackDeadline").asText())));

        JsonNode notification = events.get(2).path("data");
        assertEquals("NEW_REPORT", notification.path("kind").asText());
        assertEquals(opened.path("hopId").asText(), notification.path("hopId").asText());
        assertEquals("SECTION_CHIEF", notification.path("step").asText());
        assertEquals(number, notification.path("incidentNumber").asText());
        JsonNode recipient = notification.path("recipient");
        assertEquals("chief1", recipient.path("username").asText());
        assertEquals("chief1@demo-city.example.jp", recipient.path("email").asText());
        assertEquals("総務 課長 一郎", recipient.path("name").asText());
        assertEquals("ja", recipient.path("locale").asText());
        assertEquals(
                opened.path("ackDeadline").asText(),
                notification.path("ackDeadline").asText());
        assertFalse(notification.path("drill").asBoolean());
        assertEquals("MEDIUM", notification.path("severity").asText());

        List<Hop> rows = hops.ofIncident(incident);
        assertEquals(1, rows.size());
        assertEquals(HopStatus.OPEN, rows.get(0).status());
        assertEquals("chief1", rows.get(0).recipientUsername());
        assertEquals(number, rows.get(0).incidentNumber());
    }

    @Test
    void drillReportMarksItsNotificationsAsDrill() {
        UUID incident = UUID.randomUUID();
        IncidentEvents.send(
                IncidentEvents.reported(incident, "staff2", "welfare-section", "welfare", List.of("staff"), true));

        JsonNode notification =
                published.await(incident, "NotificationRequested", 1).get(0).path("data");
        assertTrue(notification.path("drill").asBoolean());
        assertEquals("chief2", notification.path("recipient").path("username").asText());
    }

    @Test
    void duplicateIncidentReportedOpensOneHop() {
        UUID incident = UUID.randomUUID();
        ObjectNode report = IncidentEvents.staffReport(incident);
        IncidentEvents.send(report);
        IncidentEvents.send(report);
        // Same key, same partition: once this acknowledgement is applied, the duplicate was handled before it.
        IncidentEvents.send(IncidentEvents.acknowledged(incident, "chief1", Instant.now()));

        published.await(incident, "HopAcknowledged", 1);
        assertEquals(1, published.of(incident, "ChainStarted").size());
        // The report's hop once (the acknowledgement then forwards it, 第43条2項).
        assertEquals(
                1,
                published.of(incident, "HopOpened").stream()
                        .filter(e -> e.path("data").path("trigger").asText().equals("REPORT"))
                        .count());
        assertEquals(1, published.notices(incident, "NEW_REPORT").size());
        assertEquals(
                1,
                hops.ofIncident(incident).stream()
                        .filter(h -> h.trigger().name().equals("REPORT"))
                        .count());
        // Applied as a no-op, not rejected: a redelivery is normal, not poison. The sentinel: a record that is
        // poison, sent after it with the same key, is dead-lettered after anything the duplicate would have been.
        String poison = "not an event " + UUID.randomUUID();
        IncidentEvents.sendRaw(incident.toString(), poison);
        assertTrue(EscalationEventLog.readBefore(IncidentEvents.dlq(), poison, Duration.ofSeconds(20)).stream()
                .noneMatch(r -> r.value().equals(report.toString())));
    }

    @Test
    void sectionChiefsOwnReportStartsAtDepartmentHeadAndSecurityLead() {
        UUID incident = UUID.randomUUID();
        IncidentEvents.send(IncidentEvents.reported(
                incident,
                "chief1",
                "general-affairs-section",
                "general-affairs",
                List.of("staff", "section-chief"),
                false));

        // 第43条4項 (準用 of 2項): with the outside body (関係機関) at once.
        List<JsonNode> notifications = published.await(incident, "NotificationRequested", 3);
        assertEquals(List.of("NEW_REPORT", "NEW_REPORT", "NEW_REPORT"), Events.data(notifications, "kind"));
        assertEquals(
                List.of("/outside:prefecture", "DEPARTMENT_HEAD/head1", "SECURITY_LEAD/seclead"),
                Events.stepsAndRecipients(notifications));
        assertEquals(
                List.of("head1", "seclead"),
                hops.ofIncident(incident).stream()
                        .map(Hop::recipientUsername)
                        .sorted()
                        .toList());
    }

    @Test
    void departmentHeadsOwnReportStartsAtCisoAndSecurityLead() {
        UUID incident = UUID.randomUUID();
        IncidentEvents.send(IncidentEvents.reported(
                incident, "head2", "welfare", "welfare", List.of("staff", "department-head"), false));

        // The vice-CISO receives a copy of what the CISO receives (第9条).
        List<JsonNode> notifications = published.await(incident, "NotificationRequested", 3);
        assertEquals(
                List.of("CISO/ciso", "CISO/viceciso", "SECURITY_LEAD/seclead"),
                Events.stepsAndRecipients(notifications));
    }

    @Test
    void csirtReportReachesCisoDepartmentHeadAndSectionChiefAtOnce() {
        UUID incident = UUID.randomUUID();
        IncidentEvents.send(IncidentEvents.reported(
                incident, "csirt1", "welfare-section", "welfare", List.of("staff", "csirt"), false));

        List<JsonNode> notifications = published.await(incident, "NotificationRequested", 4);
        assertEquals(
                List.of("CISO/ciso", "CISO/viceciso", "DEPARTMENT_HEAD/head2", "SECTION_CHIEF/chief2"),
                Events.stepsAndRecipients(notifications));
    }

    @Test
    void reportFromUnknownSectionSkipsItsChiefAndHeadAndReachesTheOrganisationLevels() {
        UUID incident = UUID.randomUUID();
        IncidentEvents.send(
                IncidentEvents.reported(incident, "visitor", "no-such-section", null, List.of("staff"), false));

        List<JsonNode> notifications = published.await(incident, "NotificationRequested", 3);
        assertEquals(
                List.of("CISO/ciso", "CISO/viceciso", "SECURITY_LEAD/seclead"),
                Events.stepsAndRecipients(notifications));
        List<Hop> rows = hops.ofIncident(incident);
        assertEquals(
                List.of("department-head:UNKNOWN_UNIT", "section-chief:UNKNOWN_UNIT"),
                rows.stream()
                        .filter(hop -> hop.status() == HopStatus.SKIPPED)
                        .map(hop -> hop.chainStep() + ":" + hop.skipReason())
                        .sorted()
                        .toList());
        assertEquals(
                2, rows.stream().filter(hop -> hop.status() == HopStatus.OPEN).count());
    }

    /**
     * Issue 13: a hop is opened by a native INSERT … RETURNING; run through Hibernate's native-query API with a
     * result class it added one query plan per call to the shared plan cache, whose lookups then walk them all
     * (15-18 % of the service's CPU at 20 reports/s). Twenty reports, twenty chains, twenty hops: no growth.
     */
    @Test
    void openingAHopForEveryReportDoesNotGrowTheQueryPlanCache() {
        var cache = entityManager
                .getEntityManagerFactory()
                .unwrap(SessionFactoryImplementor.class)
                .getQueryEngine()
                .getInterpretationCache();
        openChiefHops(3); // whatever the first ones cache once
        int before = cache.getNumberOfCachedQueryPlans();

        openChiefHops(20);

        assertTrue(
                cache.getNumberOfCachedQueryPlans() - before < 5,
                "plans cached: " + before + " → " + cache.getNumberOfCachedQueryPlans());
    }

    private void openChiefHops(int reports) {
        List<UUID> incidents = new ArrayList<>();
        for (int i = 0; i < reports; i++) {
            UUID incident = UUID.randomUUID();
            IncidentEvents.send(IncidentEvents.staffReport(incident));
            incidents.add(incident);
        }
        for (UUID incident : incidents) {
            assertEquals(
                    "chief1",
                    published
                            .await(incident, "HopOpened", 1)
                            .get(0)
                            .path("data")
                            .path("recipient")
                            .path("username")
                            .asText());
        }
    }
}
