package jp.horenso.escalation.timer;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.Supplier;
import jp.horenso.escalation.action.service.ResponseActionService;
import jp.horenso.escalation.config.EscalationConfig;
import jp.horenso.escalation.hop.service.HopTimeoutService;
import jp.horenso.escalation.legal.service.LegalTimerService;

/**
 * The service's clocks, each a scheduler job that works through what is due every
 * {@code horenso.escalation.timer-interval}: hop deadlines (the chain), legal reminders and deadlines, response
 * action deadlines. Each due row is handled in its own transaction by {@link DueRowBatch}; a full batch means more
 * may be due, so a job goes on until a batch comes back short.
 */
@ApplicationScoped
public class TimerJobs {

    /** Scheduler identities, e.g. to pause one clock in a test. */
    public static final String HOPS = "hop-timer";

    public static final String LEGAL = "legal-timer";
    public static final String RESPONSE_ACTIONS = "response-action-timer";

    private final HopTimeoutService hops;
    private final LegalTimerService legal;
    private final ResponseActionService actions;
    private final EscalationConfig config;

    public TimerJobs(
            HopTimeoutService hops, LegalTimerService legal, ResponseActionService actions, EscalationConfig config) {
        this.hops = hops;
        this.legal = legal;
        this.actions = actions;
        this.config = config;
    }

    @Scheduled(
            identity = HOPS,
            every = "${horenso.escalation.timer-interval:1s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void timeOutDueHops() {
        drain(hops::timeOutDueHops);
    }

    @Scheduled(
            identity = LEGAL,
            every = "${horenso.escalation.timer-interval:1s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void fireDueLegalTimers() {
        drain(legal::fireDue);
    }

    @Scheduled(
            identity = RESPONSE_ACTIONS,
            every = "${horenso.escalation.timer-interval:1s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void fireDueResponseActions() {
        drain(actions::fireDue);
    }

    private void drain(Supplier<DueRowBatch.Result> batch) {
        int claimed;
        do {
            claimed = batch.get().claimed();
        } while (claimed == config.claimBatchSize());
    }
}
