package jp.horenso.escalation.hop.messaging;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.UUID;
import jp.horenso.escalation.action.messaging.ResponseActionChanged;
import jp.horenso.escalation.action.service.ResponseActionService;
import jp.horenso.escalation.decision.messaging.CisoReportSubmitted;
import jp.horenso.escalation.decision.messaging.CisoReviewDecided;
import jp.horenso.escalation.decision.messaging.DisclosureDecision;
import jp.horenso.escalation.decision.service.DecisionNoticeService;
import jp.horenso.escalation.hop.CancelReason;
import jp.horenso.escalation.hop.repository.ChainRunRepository;
import jp.horenso.escalation.hop.service.CaseLifecycleService;
import jp.horenso.escalation.hop.service.EscalationService;
import jp.horenso.escalation.legal.messaging.LegalDutyIdentified;
import jp.horenso.escalation.legal.messaging.LegalDutyRevised;
import jp.horenso.escalation.legal.messaging.LegalDutyWithdrawn;
import jp.horenso.escalation.legal.messaging.LegalReportSubmitted;
import jp.horenso.escalation.legal.service.LegalClockService;
import jp.horenso.platform.consumer.EventConsumption;
import jp.horenso.platform.events.CloudEvents;
import jp.horenso.platform.events.IncomingEvent;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Reads {@code horenso.incident-events}: a report starts the chain, an acknowledgement stops a hop's clock and
 * forwards the report, a severity opens the chain's severity conditions, legal duties start, move and stop legal
 * clocks, a unit change moves the chain, closing and withdrawing stop it, decisions and response actions reach
 * their people.
 * Through the platform's {@link EventConsumption}: a record that is not a valid event throws, is nacked and goes
 * to the dead-letter topic (consumption goes on); a transient failure is retried before anything is dead-lettered.
 */
@ApplicationScoped
public class IncidentEventsConsumer {

    /** Incoming channel, mapped to {@code horenso.incident-events} in application.properties. */
    public static final String CHANNEL = "incident-events";

    private static final Logger LOG = Logger.getLogger(IncidentEventsConsumer.class);

    private final EventConsumption consumption;
    private final CloudEvents cloudEvents;
    private final EscalationService escalation;
    private final LegalClockService legal;
    private final CaseLifecycleService lifecycle;
    private final DecisionNoticeService decisions;
    private final ResponseActionService actions;
    private final ChainRunRepository runs;

    public IncidentEventsConsumer(
            EventConsumption consumption,
            CloudEvents cloudEvents,
            EscalationService escalation,
            LegalClockService legal,
            CaseLifecycleService lifecycle,
            DecisionNoticeService decisions,
            ResponseActionService actions,
            ChainRunRepository runs) {
        this.consumption = consumption;
        this.cloudEvents = cloudEvents;
        this.escalation = escalation;
        this.legal = legal;
        this.lifecycle = lifecycle;
        this.decisions = decisions;
        this.actions = actions;
        this.runs = runs;
    }

    @Incoming(CHANNEL)
    @Blocking
    public void consume(String record) {
        // One transaction for the organisation's check and the work it guards, which the services join: the check is
        // not a transaction of its own (issue 13: one commit less per event).
        consumption.consume(record, event -> QuarkusTransaction.requiringNew().run(() -> handle(event)));
    }

    private void handle(IncomingEvent event) {
        // A case never crosses organisations: the envelope must name the organisation the case's chain runs in
        // (for a report: the organisation the report names), else the event is dead-lettered, nothing applied.
        caseOf(event).flatMap(runs::organisationOf).ifPresent(event::requireOrganisation);
        if (event.is(IncidentReported.NAME)) {
            IncidentReported report = cloudEvents.data(event, IncidentReported.class);
            event.requireOrganisation(report.organisation());
            escalation.startChain(event.id(), report);
        } else if (event.is(IncidentAcknowledged.NAME)) {
            escalation.acknowledge(event.id(), cloudEvents.data(event, IncidentAcknowledged.class));
        } else if (event.is(SeverityAssessed.NAME)) {
            escalation.assessSeverity(event.id(), cloudEvents.data(event, SeverityAssessed.class));
        } else if (event.is(LegalDutyIdentified.NAME)) {
            legal.identified(event.id(), cloudEvents.data(event, LegalDutyIdentified.class));
        } else if (event.is(LegalDutyWithdrawn.NAME)) {
            legal.withdrawn(event.id(), cloudEvents.data(event, LegalDutyWithdrawn.class));
        } else if (event.is(LegalReportSubmitted.NAME)) {
            legal.submitted(event.id(), cloudEvents.data(event, LegalReportSubmitted.class));
        } else if (event.is(LegalDutyRevised.NAME)) {
            legal.revised(event.id(), cloudEvents.data(event, LegalDutyRevised.class));
        } else if (event.is(IncidentUnitChanged.NAME)) {
            IncidentUnitChanged change = cloudEvents.data(event, IncidentUnitChanged.class);
            // The new unit is looked up in the organisation the data names: it must be the envelope's (the case's).
            event.requireOrganisation(change.organisation());
            lifecycle.changeUnit(event.id(), change);
        } else if (event.is(IncidentClosed.NAME)) {
            lifecycle.stop(
                    event.id(), cloudEvents.data(event, IncidentClosed.class).incidentId(), CancelReason.CLOSED);
        } else if (event.is(IncidentWithdrawn.NAME)) {
            lifecycle.stop(
                    event.id(), cloudEvents.data(event, IncidentWithdrawn.class).incidentId(), CancelReason.WITHDRAWN);
        } else if (event.is(IncidentDrillMarkingChanged.NAME)) {
            lifecycle.drillMarkingChanged(event.id(), cloudEvents.data(event, IncidentDrillMarkingChanged.class));
        } else if (event.is(CisoReportSubmitted.NAME)) {
            decisions.reportSubmitted(event.id(), cloudEvents.data(event, CisoReportSubmitted.class));
        } else if (event.is(CisoReviewDecided.NAME)) {
            decisions.reviewDecided(event.id(), cloudEvents.data(event, CisoReviewDecided.class));
        } else if (event.is(DisclosureDecision.APPROVED) || event.is(DisclosureDecision.PUBLISHED)) {
            decisions.disclosure(event.id(), event.name(), cloudEvents.data(event, DisclosureDecision.class));
        } else if (event.is(ResponseActionChanged.RECORDED)
                || event.is(ResponseActionChanged.REVISED)
                || event.is(ResponseActionChanged.STATUS_CHANGED)) {
            actions.changed(event.id(), event.name(), cloudEvents.data(event, ResponseActionChanged.class));
        } else {
            LOG.debugf("ignoring %s %s", event.type(), event.id());
        }
    }

    /** The case an event is about: its data's {@code incidentId} (what the handlers apply it to), else its subject. */
    private static Optional<UUID> caseOf(IncomingEvent event) {
        String id = event.data().path("incidentId").asText(event.subject());
        try {
            return Optional.of(UUID.fromString(id));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
