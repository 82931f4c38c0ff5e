package jp.horenso.escalation.hop.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import jp.horenso.escalation.action.repository.ResponseActionRepository;
import jp.horenso.escalation.chain.Chain;
import jp.horenso.escalation.chain.service.ChainCatalog;
import jp.horenso.escalation.directory.Position;
import jp.horenso.escalation.directory.Unit;
import jp.horenso.escalation.directory.service.DirectoryService;
import jp.horenso.escalation.hop.CancelReason;
import jp.horenso.escalation.hop.ChainRun;
import jp.horenso.escalation.hop.Hop;
import jp.horenso.escalation.hop.HopTrigger;
import jp.horenso.escalation.hop.messaging.IncidentDrillMarkingChanged;
import jp.horenso.escalation.hop.messaging.IncidentUnitChanged;
import jp.horenso.escalation.hop.repository.ChainRunRepository;
import jp.horenso.escalation.hop.repository.HopRepository;
import jp.horenso.escalation.hop.service.HopOpener.Opening;
import jp.horenso.escalation.legal.repository.LegalClockRepository;
import jp.horenso.escalation.legal.repository.LegalTimerRepository;
import jp.horenso.platform.inbox.Inbox;
import jp.horenso.platform.time.DatabaseClock;
import org.jboss.logging.Logger;

/**
 * What happens to a running chain when the case changes: it moves to another unit (第44条2項: the chain follows
 * the section the case concerns), it is closed or withdrawn (the chain stops), its drill marking changes (第48条).
 * Each event is applied once, with the case's chain run locked first.
 */
@ApplicationScoped
@Transactional
public class CaseLifecycleService {

    private static final Logger LOG = Logger.getLogger(CaseLifecycleService.class);

    private final Inbox inbox;
    private final ChainRunRepository runs;
    private final HopRepository hops;
    private final ChainCatalog chains;
    private final DirectoryService directory;
    private final HopOpener opener;
    private final ChainEventWriter events;
    private final LegalClockRepository legalClocks;
    private final LegalTimerRepository legalTimers;
    private final ResponseActionRepository actions;
    private final DatabaseClock clock;

    public CaseLifecycleService(
            Inbox inbox,
            ChainRunRepository runs,
            HopRepository hops,
            ChainCatalog chains,
            DirectoryService directory,
            HopOpener opener,
            ChainEventWriter events,
            LegalClockRepository legalClocks,
            LegalTimerRepository legalTimers,
            ResponseActionRepository actions,
            DatabaseClock clock) {
        this.inbox = inbox;
        this.runs = runs;
        this.hops = hops;
        this.chains = chains;
        this.directory = directory;
        this.opener = opener;
        this.events = events;
        this.legalClocks = legalClocks;
        this.legalTimers = legalTimers;
        this.actions = actions;
        this.clock = clock;
    }

    /**
     * The case concerns another unit: the run takes its section and department; the open, unacknowledged hops of
     * the old section's chief (and of the old department's head, when the department changed) are cancelled
     * (HopCancelled UNIT_CHANGED) and their steps open again for the new unit (trigger UNIT_CHANGED, NEW_REPORT), as
     * do the steps skipped because the reported unit was not in the directory.
     *
     * @throws UnknownCaseException when no chain runs for the case (the event is dead-lettered)
     */
    public void changeUnit(UUID eventId, IncidentUnitChanged change) {
        if (!inbox.firstDelivery(eventId, EscalationService.CONSUMER)) {
            return;
        }
        ChainRun run = runs.lockRun(change.incidentId())
                .orElseThrow(() -> new UnknownCaseException(change.incidentId(), IncidentUnitChanged.NAME));
        if (run.stopped() || change.unit().equals(run.unitCode())) {
            LOG.infof(
                    "case %s: unit change to %s changes nothing (stopped: %s)",
                    run.incidentNumber(), change.unit(), run.stopped());
            return;
        }
        Optional<Unit> unit = directory.unit(run.organisation(), change.unit());
        if (unit.isEmpty()) {
            LOG.warnf(
                    "case %s: unit %s is not in the directory of %s; its chief and head are skipped",
                    run.incidentNumber(), change.unit(), run.organisation());
        }
        String department = unit.map(Unit::departmentCode).orElse(change.department());
        boolean departmentChanged = !Objects.equals(department, run.departmentCode());
        run.moveTo(change.unit(), department);
        Instant now = clock.transactionTime();
        Set<String> reopen = new LinkedHashSet<>();
        // Steps that found no chief or head because the reported unit was unknown get their chance now (their
        // skipped record has no recipient, so the new unit's holder is not "reached before").
        reopen.addAll(hops.stepsSkippedForUnknownUnit(run.incidentId()));
        for (Hop hop : hops.lockOpen(run.incidentId())) {
            if (hop.step() == Position.SECTION_CHIEF || (hop.step() == Position.DEPARTMENT_HEAD && departmentChanged)) {
                hop.cancel(CancelReason.UNIT_CHANGED, now);
                events.hopCancelled(hop, now);
                reopen.add(hop.chainStep());
            }
        }
        if (reopen.isEmpty()) {
            LOG.infof("case %s moved to %s; no open hop of the old unit to move", run.incidentNumber(), change.unit());
            return;
        }
        Chain chain = chains.version(run.organisation(), run.chainVersion());
        Opening opened = opener.open(run, chain, List.copyOf(reopen), null, HopTrigger.UNIT_CHANGED);
        events.opened(run, opened, ChainEventWriter.NEW_REPORT, now);
        LOG.infof(
                "case %s moved to %s by %s; told %s",
                run.incidentNumber(),
                change.unit(),
                change.changedBy(),
                opened.hops().stream().map(h -> h.recipient().username()).toList());
    }

    /**
     * The case was closed or withdrawn: its open hops are cancelled (HopCancelled), its pending legal reminders
     * and deadlines and its response actions' overdue timers too, and ChainStopped is published — once: a second
     * stop changes nothing. Afterwards nothing opens and nothing is sent for the case. A case no chain runs for
     * has nothing to stop.
     */
    public void stop(UUID eventId, UUID incidentId, CancelReason reason) {
        if (!inbox.firstDelivery(eventId, EscalationService.CONSUMER)) {
            return;
        }
        Optional<ChainRun> locked = runs.lockRun(incidentId);
        if (locked.isEmpty()) {
            LOG.infof("case %s %s: no chain runs for it, nothing to stop", incidentId, reason);
            return;
        }
        ChainRun run = locked.get();
        Instant now = clock.transactionTime();
        if (!run.stop(reason, now)) {
            LOG.infof(
                    "case %s: already stopped (%s); %s changes nothing",
                    run.incidentNumber(), run.stopReason(), reason);
            return;
        }
        List<UUID> cancelled = new ArrayList<>();
        for (Hop hop : hops.lockOpen(incidentId)) {
            hop.cancel(reason, now);
            events.hopCancelled(hop, now);
            cancelled.add(hop.id());
        }
        int timers = legalTimers.cancelPendingOfIncident(incidentId) + actions.cancelPendingOfIncident(incidentId);
        events.chainStopped(run, cancelled, timers, now);
        LOG.infof(
                "case %s %s: chain stopped; %d hops and %d timers cancelled",
                run.incidentNumber(), reason, cancelled.size(), timers);
    }

    /** The case's drill marking changed: every later notice of it (and of its legal clocks) carries the new one. */
    public void drillMarkingChanged(UUID eventId, IncidentDrillMarkingChanged change) {
        if (!inbox.firstDelivery(eventId, EscalationService.CONSUMER)) {
            return;
        }
        ChainRun run = runs.lockRun(change.incidentId())
                .orElseThrow(() -> new UnknownCaseException(change.incidentId(), IncidentDrillMarkingChanged.NAME));
        run.markDrill(change.drill());
        legalClocks.ofIncident(run.incidentId()).forEach(c -> c.markDrill(change.drill()));
        LOG.infof("case %s: drill marking now %s (by %s)", run.incidentNumber(), change.drill(), change.changedBy());
    }
}
