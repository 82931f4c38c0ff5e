package jp.horenso.escalation.legal.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.UUID;
import jp.horenso.escalation.chain.Chain;
import jp.horenso.escalation.chain.service.ChainCatalog;
import jp.horenso.escalation.config.EscalationConfig;
import jp.horenso.escalation.hop.ChainRun;
import jp.horenso.escalation.hop.repository.ChainRunRepository;
import jp.horenso.escalation.hop.service.ChainEventWriter;
import jp.horenso.escalation.hop.service.ConditionalSteps;
import jp.horenso.escalation.hop.service.EscalationService;
import jp.horenso.escalation.hop.service.UnknownCaseException;
import jp.horenso.escalation.legal.LegalClock;
import jp.horenso.escalation.legal.LegalClockStatus;
import jp.horenso.escalation.legal.LegalReport;
import jp.horenso.escalation.legal.LegalTimer;
import jp.horenso.escalation.legal.LegalTimerKind;
import jp.horenso.escalation.legal.LegalTimerStatus;
import jp.horenso.escalation.legal.messaging.LegalDutyIdentified;
import jp.horenso.escalation.legal.messaging.LegalDutyRevised;
import jp.horenso.escalation.legal.messaging.LegalDutyWithdrawn;
import jp.horenso.escalation.legal.messaging.LegalReportSubmitted;
import jp.horenso.escalation.legal.repository.LegalClockRepository;
import jp.horenso.escalation.legal.repository.LegalTimerRepository;
import jp.horenso.platform.inbox.Inbox;
import jp.horenso.platform.time.DatabaseClock;
import org.jboss.logging.Logger;

/**
 * Runs the legal clocks of regulatory.md R1 and R2 from incident-service's facts: an identified duty starts (or
 * restarts) a clock with a reminder before and a deadline for each report, and opens the chain's
 * LEGAL_REPORT_DUE steps (第43条3項: the CISO); a submitted report stops its timers, the final one the clock;
 * a withdrawn duty stops the clock. Each event is applied once.
 */
@ApplicationScoped
@Transactional
public class LegalClockService {

    private static final Logger LOG = Logger.getLogger(LegalClockService.class);

    private final Inbox inbox;
    private final ChainRunRepository runs;
    private final LegalClockRepository clocks;
    private final LegalTimerRepository timers;
    private final ChainCatalog chains;
    private final ConditionalSteps conditional;
    private final ChainEventWriter chainEvents;
    private final DatabaseClock clock;
    private final EscalationConfig config;

    public LegalClockService(
            Inbox inbox,
            ChainRunRepository runs,
            LegalClockRepository clocks,
            LegalTimerRepository timers,
            ChainCatalog chains,
            ConditionalSteps conditional,
            ChainEventWriter chainEvents,
            DatabaseClock clock,
            EscalationConfig config) {
        this.inbox = inbox;
        this.runs = runs;
        this.clocks = clocks;
        this.timers = timers;
        this.chains = chains;
        this.conditional = conditional;
        this.chainEvents = chainEvents;
        this.clock = clock;
        this.config = config;
    }

    /**
     * Starts the duty's clock: the prompt report's reminder (the rule set's time) and deadline, the final report's
     * reminder ({@code horenso.escalation.legal.final-reminder-lead} calendar days before) and deadline. A duty
     * identified again (after a withdrawal, or with new deadlines) is re-armed; reports already submitted stay
     * submitted.
     *
     * @throws UnknownCaseException when no chain runs for the case (the event is dead-lettered)
     */
    public void identified(UUID eventId, LegalDutyIdentified duty) {
        if (!inbox.firstDelivery(eventId, EscalationService.CONSUMER)) {
            LOG.debugf("LegalDutyIdentified %s applied before; ignored", eventId);
            return;
        }
        apply(duty, false, LegalDutyIdentified.NAME);
    }

    /**
     * The facts changed and incident-service recomputed the duty's deadlines (e.g. 30 → 60 days): the clock moves
     * with them. A pending reminder or deadline moves to its new time; one that went out already goes out again
     * only when its new time is later; a notice to persons with no deadline any more is cancelled. A revision of
     * a duty never identified here starts its clock.
     *
     * @throws UnknownCaseException when no chain runs for the case (the event is dead-lettered)
     */
    public void revised(UUID eventId, LegalDutyRevised revision) {
        if (!inbox.firstDelivery(eventId, EscalationService.CONSUMER)) {
            LOG.debugf("LegalDutyRevised %s applied before; ignored", eventId);
            return;
        }
        apply(revision.asIdentified(), true, LegalDutyRevised.NAME);
        LOG.infof("case %s: legal duty %s revised: %s", revision.incidentNumber(), revision.code(), revision.reasons());
    }

    private void apply(LegalDutyIdentified duty, boolean revision, String eventName) {
        ChainRun run = runs.lockRun(duty.incidentId())
                .orElseThrow(() -> new UnknownCaseException(duty.incidentId(), eventName));
        Instant now = clock.transactionTime();
        LegalClock legal = clocks.lock(duty.incidentId(), duty.code()).orElse(null);
        boolean first = legal == null;
        if (first) {
            legal = new LegalClock(
                    UUID.randomUUID(), duty.incidentId(), duty.incidentNumber(), run.organisation(), duty.code(), now);
        }
        Instant finalDue = duty.finalDueAt().toInstant();
        Instant personsDue = duty.personsNoticeDueAt() == null
                ? null
                : duty.personsNoticeDueAt().toInstant();
        if (revision && !first) {
            // A revision keeps the clock's state (a withdrawn duty stays withdrawn) and only moves its times.
            legal.revise(
                    duty.recipient(),
                    duty.source(),
                    duty.discoveredAt().toInstant(),
                    duty.promptDueAt().toInstant(),
                    finalDue,
                    personsDue);
        } else {
            legal.identify(
                    duty.recipient(),
                    duty.source(),
                    duty.discoveredAt().toInstant(),
                    duty.promptDueAt().toInstant(),
                    finalDue,
                    personsDue,
                    Boolean.TRUE.equals(duty.drill()));
        }
        if (first) {
            clocks.persist(legal);
        }
        // Calendar days in the organisation's zone: the reminder is the same wall-clock time, N days earlier.
        Instant finalReminder = before(duty.finalDueAt(), config.legal().finalReminderLead(), legal);
        boolean move = revision && !first;
        arm(
                legal,
                LegalReport.PROMPT,
                LegalTimerKind.REMINDER,
                duty.promptReminderAt().toInstant(),
                move,
                run);
        arm(legal, LegalReport.PROMPT, LegalTimerKind.DEADLINE, legal.promptDueAt(), move, run);
        arm(legal, LegalReport.FINAL, LegalTimerKind.REMINDER, finalReminder, move, run);
        arm(legal, LegalReport.FINAL, LegalTimerKind.DEADLINE, finalDue, move, run);
        Instant personsReminder = duty.personsNoticeDueAt() == null
                ? null
                : before(duty.personsNoticeDueAt(), config.legal().personsNoticeReminderLead(), legal);
        arm(legal, LegalReport.PERSONS_NOTICE, LegalTimerKind.REMINDER, personsReminder, move, run);
        arm(legal, LegalReport.PERSONS_NOTICE, LegalTimerKind.DEADLINE, personsDue, move, run);
        LOG.infof(
                "case %s: legal clock %s runs; prompt report due %s, final report due %s, notice to persons due %s",
                run.incidentNumber(), duty.code(), legal.promptDueAt(), finalDue, personsDue);
        if (!revision) {
            Chain chain = chains.version(run.organisation(), run.chainVersion());
            chainEvents.opened(run, conditional.onLegalReportDue(run, chain), ChainEventWriter.ESCALATION, now);
        }
    }

    /** {@code lead} calendar days before {@code due} in the organisation's zone, not before the discovery. */
    private Instant before(java.time.OffsetDateTime due, java.time.Period lead, LegalClock legal) {
        Instant at = due.atZoneSameInstant(config.zone()).minus(lead).toInstant();
        return at.isBefore(legal.discoveredAt()) ? legal.discoveredAt() : at;
    }

    /** Stops the duty's clock; a duty this service never saw changes nothing. */
    public void withdrawn(UUID eventId, LegalDutyWithdrawn withdrawal) {
        if (!inbox.firstDelivery(eventId, EscalationService.CONSUMER)) {
            LOG.debugf("LegalDutyWithdrawn %s applied before; ignored", eventId);
            return;
        }
        clocks.lock(withdrawal.incidentId(), withdrawal.code())
                .ifPresentOrElse(
                        legal -> {
                            legal.withdraw(withdrawal.withdrawnAt().toInstant());
                            timers.pendingOf(legal.id()).forEach(LegalTimer::cancel);
                            LOG.infof(
                                    "case %s: legal duty %s withdrawn; its clock stopped",
                                    legal.incidentNumber(), legal.code());
                        },
                        () -> LOG.warnf(
                                "case %s: legal duty %s withdrawn, but no clock ran for it",
                                withdrawal.incidentId(), withdrawal.code()));
    }

    /** A prompt report stops the prompt report's timers; the final report stops the clock. */
    public void submitted(UUID eventId, LegalReportSubmitted submission) {
        if (!inbox.firstDelivery(eventId, EscalationService.CONSUMER)) {
            LOG.debugf("LegalReportSubmitted %s applied before; ignored", eventId);
            return;
        }
        clocks.lock(submission.incidentId(), submission.code())
                .ifPresentOrElse(
                        legal -> {
                            legal.recordSubmission(
                                    submission.report(),
                                    submission.submittedAt().toInstant());
                            timers.pendingOf(legal.id()).stream()
                                    .filter(timer -> legal.isSubmitted(timer.report()))
                                    .forEach(LegalTimer::cancel);
                            LOG.infof(
                                    "case %s: %s report of %s submitted",
                                    legal.incidentNumber(), submission.report(), legal.code());
                        },
                        () -> LOG.warnf(
                                "case %s: report of legal duty %s submitted, but no clock ran for it",
                                submission.incidentId(), submission.code()));
    }

    /**
     * Plans one timer: a new duty (or one identified again) re-arms it at {@code due}; a revision moves it (see
     * {@link LegalTimer#move}). No time ({@code due} null), a submitted report, a stopped clock or a stopped case
     * cancel it.
     */
    private void arm(
            LegalClock legal, LegalReport report, LegalTimerKind kind, Instant due, boolean revision, ChainRun run) {
        boolean done =
                due == null || legal.isSubmitted(report) || legal.status() != LegalClockStatus.RUNNING || run.stopped();
        timers.find(legal.id(), report, kind)
                .ifPresentOrElse(
                        timer -> {
                            if (done) {
                                timer.cancel();
                            } else if (revision) {
                                timer.move(due);
                            } else {
                                timer.reschedule(due);
                            }
                        },
                        () -> {
                            if (due != null) {
                                timers.persist(new LegalTimer(
                                        UUID.randomUUID(),
                                        legal.id(),
                                        report,
                                        kind,
                                        due,
                                        done ? LegalTimerStatus.CANCELLED : LegalTimerStatus.PENDING));
                            }
                        });
    }
}
