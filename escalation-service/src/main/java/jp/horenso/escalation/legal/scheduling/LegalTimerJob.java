package jp.horenso.escalation.legal.scheduling;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jp.horenso.escalation.config.EscalationConfig;
import jp.horenso.escalation.legal.service.LegalTimerService;

/** The legal clocks' clock: regularly fires the reminders and deadlines that are due. */
@ApplicationScoped
public class LegalTimerJob {

    /** The scheduler identity, e.g. to pause the timer. */
    public static final String IDENTITY = "legal-timer";

    private final LegalTimerService timers;
    private final EscalationConfig config;

    public LegalTimerJob(LegalTimerService timers, EscalationConfig config) {
        this.timers = timers;
        this.config = config;
    }

    @Scheduled(identity = IDENTITY, every = "${horenso.escalation.timer-interval:1s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void tick() {
        // A full batch means more may be due: go on (each row is handled in its own transaction).
        int claimed;
        do {
            claimed = timers.fireDue().claimed();
        } while (claimed == config.claimBatchSize());
    }
}
