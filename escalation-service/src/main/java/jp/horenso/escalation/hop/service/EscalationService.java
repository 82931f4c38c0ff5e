package jp.horenso.escalation.hop.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import jp.horenso.escalation.chain.Chain;
import jp.horenso.escalation.chain.ChainDocument;
import jp.horenso.escalation.chain.service.ChainCatalog;
import jp.horenso.escalation.directory.Unit;
import jp.horenso.escalation.directory.service.DirectoryService;
import jp.horenso.escalation.hop.ChainRun;
import jp.horenso.escalation.hop.Hop;
import jp.horenso.escalation.hop.HopTrigger;
import jp.horenso.escalation.hop.messaging.IncidentAcknowledged;
import jp.horenso.escalation.hop.messaging.IncidentReported;
import jp.horenso.escalation.hop.messaging.SeverityAssessed;
import jp.horenso.escalation.hop.repository.ChainRunRepository;
import jp.horenso.escalation.hop.repository.HopRepository;
import jp.horenso.escalation.hop.service.HopOpener.Opening;
import jp.horenso.escalation.notice.Notices;
import jp.horenso.platform.inbox.Inbox;
import jp.horenso.platform.time.DatabaseClock;
import org.jboss.logging.Logger;

/**
 * Applies the facts of incident-service to the chain: a report starts the case's chain (第43条), an
 * acknowledgement stops the clock of the acknowledging person's open hops and forwards the report to the step's
 * {@code onAcknowledge} steps (第43条2項). Each event is applied once.
 */
@ApplicationScoped
@Transactional
public class EscalationService {

    /** This service's name in {@code processed_event}. */
    public static final String CONSUMER = "escalation-service";

    private static final Logger LOG = Logger.getLogger(EscalationService.class);

    private final Inbox inbox;
    private final ChainCatalog chains;
    private final DirectoryService directory;
    private final ChainRunRepository runs;
    private final HopRepository hops;
    private final HopOpener opener;
    private final ChainEventWriter events;
    private final DatabaseClock clock;
    private final ConditionalSteps conditional;

    public EscalationService(
            Inbox inbox,
            ChainCatalog chains,
            DirectoryService directory,
            ChainRunRepository runs,
            HopRepository hops,
            HopOpener opener,
            ChainEventWriter events,
            DatabaseClock clock,
            ConditionalSteps conditional) {
        this.conditional = conditional;
        this.inbox = inbox;
        this.chains = chains;
        this.directory = directory;
        this.runs = runs;
        this.hops = hops;
        this.opener = opener;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Starts the chain of a reported case on its organisation's current chain version: ChainStarted, then per
     * first recipient HopOpened and a NEW_REPORT NotificationRequested.
     *
     * @throws UnknownOrganisationException when the organisation has no chain (the event is dead-lettered)
     */
    public void startChain(UUID eventId, IncidentReported report) {
        if (!inbox.firstDelivery(eventId, CONSUMER)) {
            LOG.debugf("IncidentReported %s applied before; ignored", eventId);
            return;
        }
        if (runs.findById(report.incidentId()) != null) {
            LOG.warnf("case %s: the chain is already running; IncidentReported %s ignored", report.number(), eventId);
            return;
        }
        Chain chain = chains.current(report.organisation())
                .orElseThrow(() -> new UnknownOrganisationException(report.organisation()));
        Optional<Unit> unit = directory.unit(report.organisation(), report.unit());
        if (unit.isEmpty()) {
            // Still started: the steps of the section and department are recorded as skipped and the
            // organisation-wide levels (the security lead) are told, so the report is never lost.
            LOG.warnf(
                    "case %s: section %s is not in the directory of %s",
                    report.number(), report.unit(), report.organisation());
        }
        Instant now = clock.transactionTime();
        ChainRun run = new ChainRun(
                report.incidentId(),
                report.number(),
                report.organisation(),
                chain.version(),
                report.unit(),
                unit.map(Unit::departmentCode).orElse(report.department()),
                report.reportedBy().username(),
                Boolean.TRUE.equals(report.drill()),
                report.severity(),
                now);
        runs.persist(run);
        events.chainStarted(run, now);
        Opening opened =
                opener.open(run, chain, chain.startSteps(report.reportedBy().rolesOrNone()), null, HopTrigger.REPORT);
        events.opened(run, opened, ChainEventWriter.NEW_REPORT, now);
        // 第43条3項 made data: a case reported at a high severity reaches the CISO at once.
        Opening bySeverity = conditional.onSeverity(run, chain);
        events.opened(run, bySeverity, ChainEventWriter.NEW_REPORT, now);
        if (opened.hops().isEmpty() && bySeverity.hops().isEmpty()) {
            LOG.errorf(
                    "case %s: the chain of %s v%d reached nobody; check the directory",
                    report.number(), report.organisation(), chain.version());
        }
    }

    /**
     * Stops the clock of the case's open hops addressed to the acknowledging person (late when after the
     * deadline). When the person has no open hop but let hops time out, the acknowledgement is recorded on
     * those as late (the chain has moved on and stays moved on). Anyone else changes nothing.
     */
    public void acknowledge(UUID eventId, IncidentAcknowledged ack) {
        if (!inbox.firstDelivery(eventId, CONSUMER)) {
            LOG.debugf("IncidentAcknowledged %s applied before; ignored", eventId);
            return;
        }
        // The case's run first, as every change of a case does: a time-out of the same case waits (the timer
        // skips a locked case), so a step reached both ways is decided by the hop's unique index, once.
        Optional<ChainRun> run = runs.lockRun(ack.incidentId());
        String username = ack.acknowledgedBy().username();
        List<Hop> open = hops.lockOpenHops(ack.incidentId(), username);
        Instant now = clock.transactionTime();
        if (open.isEmpty()) {
            List<Hop> timedOut = hops.lockTimedOutUnacknowledged(ack.incidentId(), username);
            for (Hop hop : timedOut) {
                hop.acknowledgeAfterTimeOut(username, ack.acknowledgedAt());
                events.hopAcknowledged(hop, ack.via(), now);
            }
            if (timedOut.isEmpty()) {
                LOG.debugf("case %s: %s has no open hop; acknowledgement changes nothing", ack.incidentId(), username);
            }
            return;
        }
        for (Hop hop : open) {
            // The time the person acknowledged (incident-service's fact), not when the event reached us: a
            // consumer lagging behind must not make a timely acknowledgement late.
            hop.acknowledge(username, ack.acknowledgedAt());
            events.hopAcknowledged(hop, ack.via(), now);
        }
        if (run.isPresent()) {
            forward(run.get(), open, ack.comment(), now);
        }
    }

    /**
     * 第43条2項: on receiving the report, the acknowledging person reports it on at once — the step's
     * {@code onAcknowledge} steps open (trigger ACKNOWLEDGED, each with its own deadline) and are told with a
     * FORWARDED notice carrying the acknowledging person's comment. A step the case reached before (by a time-out,
     * the report, another acknowledgement) opens nothing again.
     */
    private void forward(ChainRun run, List<Hop> acknowledged, String comment, Instant now) {
        Chain chain = chains.version(run.organisation(), run.chainVersion());
        for (Hop hop : acknowledged) {
            List<String> next = chain.step(hop.chainStep())
                    .map(ChainDocument.Step::onAcknowledgeOrNone)
                    .orElse(List.of());
            if (next.isEmpty()) {
                continue;
            }
            Opening opened = opener.open(run, chain, next, null, HopTrigger.ACKNOWLEDGED, hop.id());
            events.opened(run, opened, Notices.FORWARDED, comment, now);
            LOG.infof(
                    "case %s: %s acknowledged %s; forwarded to %s",
                    run.incidentNumber(),
                    hop.recipientUsername(),
                    hop.chainStep(),
                    opened.hops().stream().map(h -> h.recipient().username()).toList());
        }
    }

    /**
     * Records the case's new severity; the chain's severity conditions it now meets open their steps (the CISO
     * at a high severity, 第43条3項). Hops opened from now on take the severity's acknowledgement deadline.
     *
     * @throws UnknownCaseException when no chain runs for the case (the event is dead-lettered)
     */
    public void assessSeverity(UUID eventId, SeverityAssessed assessed) {
        if (!inbox.firstDelivery(eventId, CONSUMER)) {
            LOG.debugf("SeverityAssessed %s applied before; ignored", eventId);
            return;
        }
        ChainRun run = runs.lockRun(assessed.incidentId())
                .orElseThrow(() -> new UnknownCaseException(assessed.incidentId(), SeverityAssessed.NAME));
        run.assessSeverity(assessed.severity());
        Chain chain = chains.version(run.organisation(), run.chainVersion());
        Instant now = clock.transactionTime();
        events.opened(run, conditional.onSeverity(run, chain), ChainEventWriter.ESCALATION, now);
    }
}
