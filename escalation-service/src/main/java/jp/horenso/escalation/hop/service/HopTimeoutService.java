package jp.horenso.escalation.hop.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import jp.horenso.escalation.chain.Chain;
import jp.horenso.escalation.chain.ChainDocument;
import jp.horenso.escalation.chain.service.ChainCatalog;
import jp.horenso.escalation.config.EscalationConfig;
import jp.horenso.escalation.hop.ChainRun;
import jp.horenso.escalation.hop.Hop;
import jp.horenso.escalation.hop.HopStatus;
import jp.horenso.escalation.hop.HopTrigger;
import jp.horenso.escalation.hop.repository.ChainRunRepository;
import jp.horenso.escalation.hop.repository.HopRepository;
import jp.horenso.escalation.hop.service.HopOpener.Opening;
import jp.horenso.escalation.timer.DueRowBatch;
import jp.horenso.escalation.timer.TimerLag;
import jp.horenso.platform.time.DatabaseClock;
import org.jboss.logging.Logger;

/**
 * Escalates hops nobody acknowledged in time (第43条2–3項: the next level and the security lead are told); the
 * person who missed the deadline is told so (HOP_OVERDUE).
 * Safe with several replicas: each due hop is handled by exactly one transaction.
 */
@ApplicationScoped
@Transactional
public class HopTimeoutService {

    private static final Logger LOG = Logger.getLogger(HopTimeoutService.class);

    private final HopRepository hops;
    private final ChainRunRepository runs;
    private final ChainCatalog chains;
    private final HopOpener opener;
    private final ChainEventWriter events;
    private final DatabaseClock clock;
    private final EscalationConfig config;
    private final DueRowBatch batch;
    private final TimerLag lag;

    public HopTimeoutService(
            HopRepository hops,
            ChainRunRepository runs,
            ChainCatalog chains,
            HopOpener opener,
            ChainEventWriter events,
            DatabaseClock clock,
            EscalationConfig config,
            DueRowBatch batch,
            TimerLag lag) {
        this.batch = batch;
        this.lag = lag;
        this.hops = hops;
        this.runs = runs;
        this.chains = chains;
        this.opener = opener;
        this.events = events;
        this.clock = clock;
        this.config = config;
    }

    /**
     * One batch of the timer ({@link DueRowBatch}): claims up to a batch of due hops and, each in a transaction of
     * its own, marks it TIMED_OUT (HopTimedOut) and opens its {@code onTimeout} steps (HopEscalated, then HopOpened
     * and an ESCALATION NotificationRequested per new recipient). A hop that cannot be handled is parked.
     */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public DueRowBatch.Result timeOutDueHops() {
        DueRowBatch.DueRows<Hop> due = new DueRowBatch.DueRows<>(
                "hop",
                "id",
                hops::claimDue,
                hops::lockDue,
                hop -> {
                    timeOut(hop);
                    return true;
                },
                new DueRowBatch.Claimed<>() {
                    @Override
                    public void load(List<UUID> ids) {
                        hops.loadWithRuns(ids);
                    }

                    @Override
                    public Optional<Hop> stillDue(UUID id) {
                        // Locked by the claim; an earlier time-out of the batch may have settled it (same session).
                        return Optional.ofNullable(hops.findById(id)).filter(hop -> hop.status() == HopStatus.OPEN);
                    }
                });
        return batch.run(due, config.claimBatchSize());
    }

    /** How long until the next open hop falls due (negative: due already); empty when no hop is open. */
    public Optional<Duration> nextDueIn() {
        return hops.nextDueInMillis().map(Duration::ofMillis);
    }

    private void timeOut(Hop hop) {
        Instant now = clock.transactionTime();
        lag.fired(TimerLag.HOPS, hop.ackDeadline(), now);
        hop.timeOut(now);
        events.hopTimedOut(hop, now);
        escalate(runs.findById(hop.incidentId()), hop, now);
    }

    /**
     * What a time-out leads to, by the hop's step: the same person told again while the step's repeats last,
     * then the deputy when the step says to try one, then the step's next levels.
     */
    private void escalate(ChainRun run, Hop hop, Instant now) {
        Chain chain = chains.version(run.organisation(), run.chainVersion());
        Optional<OpenedHop> again = opener.repeat(run, chain, hop);
        if (again.isPresent()) {
            // The REMINDER says it: no separate HOP_OVERDUE while the step's repeats last.
            events.hopOpened(run, again.get(), ChainEventWriter.REMINDER, now);
            return;
        }
        // The person who missed their own deadline hears of it too, whatever the chain does next.
        events.hopOverdue(run, hop, now);
        Optional<OpenedHop> deputy = opener.deputy(run, chain, hop);
        if (deputy.isPresent()) {
            events.hopEscalated(hop, List.of(deputy.get()), now);
            events.hopOpened(run, deputy.get(), ChainEventWriter.ESCALATION, now);
            return;
        }
        List<String> next = chain.step(hop.chainStep())
                .map(ChainDocument.Step::onTimeoutOrNone)
                .orElse(List.of());
        if (next.isEmpty()) {
            LOG.warnf(
                    "case %s: %s (%s) did not acknowledge by %s; last level of the chain, nothing further",
                    run.incidentNumber(), hop.recipientUsername(), hop.step(), hop.ackDeadline());
            return;
        }
        Opening opened = opener.open(run, chain, next, hop.id(), HopTrigger.TIMEOUT);
        if (opened.isEmpty()) {
            // e.g. the security lead timing out after the department head already escalated to the CISO
            LOG.infof("case %s: %s timed out; %s already told", run.incidentNumber(), hop.step(), next);
            return;
        }
        if (!opened.hops().isEmpty()) {
            events.hopEscalated(hop, opened.hops(), now);
        }
        events.opened(run, opened, ChainEventWriter.ESCALATION, now);
    }
}
