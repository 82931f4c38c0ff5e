package jp.horenso.escalation.hop.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.scheduler.Scheduler;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import jp.horenso.escalation.hop.repository.ChainRunRepository;
import jp.horenso.escalation.hop.repository.HopRepository;
import jp.horenso.escalation.support.Db;
import jp.horenso.escalation.support.EscalationEventLog;
import jp.horenso.escalation.support.IncidentEvents;
import jp.horenso.escalation.timer.TimerJobs;
import jp.horenso.localstack.testing.PostgresKafkaResource;
import org.junit.jupiter.api.Test;

/**
 * Issue 12: a case never crosses organisations. The consumer of incident-events holds each event's envelope
 * organisation against what it knows — the organisation a report names (which must exist), and for every later
 * event the organisation the case's chain runs in — and dead-letters a mismatch with nothing applied. Real broker.
 */
@QuarkusTest
@QuarkusTestResource(PostgresKafkaResource.class)
class OrganisationClaimTest {

    @Inject
    ChainRunRepository runs;

    @Inject
    HopRepository hops;

    @Inject
    Db db;

    @Inject
    Scheduler scheduler;

    private final EscalationEventLog published = EscalationEventLog.get();

    @Test
    void reportWhoseEnvelopeClaimsAnotherOrganisationIsDeadLetteredAndStartsNothing() {
        UUID incident = UUID.randomUUID();
        // The data says demo-city; the envelope says demo-gikai.
        ObjectNode report = IncidentEvents.claimingOrganisation(IncidentEvents.staffReport(incident), "demo-gikai");
        IncidentEvents.send(report);

        assertDeadLettered(report);
        assertTrue(db.read(() -> runs.findByIdOptional(incident).isEmpty()), "no chain run");
        assertTrue(published.of(incident).isEmpty(), "nothing published");
    }

    @Test
    void reportOfAnOrganisationThatDoesNotExistIsDeadLettered() {
        UUID incident = UUID.randomUUID();
        ObjectNode report = IncidentEvents.reportedIn(
                "no-such-org", incident, "x-staff", "x-section", "x-dept", List.of("staff"), "MEDIUM", false);
        IncidentEvents.send(report);

        assertDeadLettered(report);
        assertTrue(db.read(() -> runs.findByIdOptional(incident).isEmpty()));
    }

    @Test
    void laterEventsOfACaseMustNameTheOrganisationItsChainRunsIn() {
        // The chief's hop must still be open when the foreign acknowledgement is refused; in tests "immediately" is
        // 3 s, which a loaded machine passes before the dead letters are seen (CI): no time-out meanwhile.
        scheduler.pause(TimerJobs.HOPS);
        try {
            foreignEventsAreRefusedAndTheCasesOwnAcknowledgementApplies();
        } finally {
            scheduler.resume(TimerJobs.HOPS);
        }
    }

    private void foreignEventsAreRefusedAndTheCasesOwnAcknowledgementApplies() {
        UUID incident = UUID.randomUUID();
        IncidentEvents.send(IncidentEvents.staffReport(incident));
        published.await(incident, "HopOpened", 1);

        ObjectNode foreignAck = IncidentEvents.claimingOrganisation(
                IncidentEvents.acknowledged(incident, "chief1", Instant.now()), "demo-gikai");
        ObjectNode foreignSeverity = IncidentEvents.claimingOrganisation(
                IncidentEvents.severityAssessed(incident, "CRITICAL", false), "demo-gikai");
        IncidentEvents.send(foreignAck);
        IncidentEvents.send(foreignSeverity);

        assertDeadLettered(foreignAck);
        assertDeadLettered(foreignSeverity);
        // Nothing applied: the chief's hop is still open, no severity, no CISO step.
        assertTrue(published.of(incident, "HopAcknowledged").isEmpty());
        assertEquals(
                List.of("OPEN"),
                db.read(() -> hops.ofIncident(incident).stream()
                        .map(h -> h.status().name())
                        .toList()));
        assertFalse(db.read(() -> runs.findById(incident).severity() != null
                && runs.findById(incident).severity().equals("CRITICAL")));

        // The case's own organisation's acknowledgement is applied as usual.
        IncidentEvents.send(IncidentEvents.acknowledged(incident, "chief1", Instant.now()));
        assertEquals(1, published.await(incident, "HopAcknowledged", 1).size());
        assertTrue(published.of(incident).stream()
                .allMatch(e -> e.path("organisation").asText().equals("demo-city")));
    }

    @Test
    void unitChangeNamingAnotherOrganisationsUnitIsDeadLettered() {
        UUID incident = UUID.randomUUID();
        IncidentEvents.send(IncidentEvents.staffReport(incident));
        published.await(incident, "HopOpened", 1);

        // Envelope demo-city (the case's), data demo-gikai's section: the case would move into another organisation.
        ObjectNode intoCouncil = IncidentEvents.unitChanged(
                incident, "demo-gikai", "general-affairs-section", "gikai-general", "gikai-secretariat");
        IncidentEvents.send(intoCouncil);

        assertDeadLettered(intoCouncil);
        assertEquals(
                "general-affairs-section", db.read(() -> runs.findById(incident).unitCode()));
        assertTrue(published.of(incident, "HopCancelled").isEmpty());
    }

    private static void assertDeadLettered(ObjectNode event) {
        assertEquals(
                1,
                EscalationEventLog.readUntil(IncidentEvents.dlq(), List.of(event.toString()), Duration.ofSeconds(20))
                        .size(),
                event.path("type").asText() + " dead-lettered");
    }
}
