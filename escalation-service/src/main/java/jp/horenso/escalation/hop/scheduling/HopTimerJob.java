package jp.horenso.escalation.hop.scheduling;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jp.horenso.escalation.config.EscalationConfig;
import jp.horenso.escalation.hop.service.HopTimeoutService;

/** The chain's clock: regularly times out the hops whose deadline has passed. */
@ApplicationScoped
public class HopTimerJob {

    /** The scheduler identity, e.g. to pause the timer. */
    public static final String IDENTITY = "hop-timer";

    private final HopTimeoutService timeouts;
    private final EscalationConfig config;

    public HopTimerJob(HopTimeoutService timeouts, EscalationConfig config) {
        this.timeouts = timeouts;
        this.config = config;
    }

    @Scheduled(identity = IDENTITY, every = "${horenso.escalation.timer-interval:1s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void tick() {
        // A full batch means more may be due: go on (each row is handled in its own transaction).
        int claimed;
        do {
            claimed = timeouts.timeOutDueHops().claimed();
        } while (claimed == config.claimBatchSize());
    }
}
