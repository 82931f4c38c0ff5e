package jp.horenso.escalation.action.scheduling;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jp.horenso.escalation.action.service.ResponseActionService;
import jp.horenso.escalation.config.EscalationConfig;

/** The response actions' clock: regularly tells the owners (and the CSIRT) of actions past their due date. */
@ApplicationScoped
public class ResponseActionTimerJob {

    /** The scheduler identity, e.g. to pause the timer. */
    public static final String IDENTITY = "response-action-timer";

    private final ResponseActionService actions;
    private final EscalationConfig config;

    public ResponseActionTimerJob(ResponseActionService actions, EscalationConfig config) {
        this.actions = actions;
        this.config = config;
    }

    @Scheduled(identity = IDENTITY, every = "${horenso.escalation.timer-interval:1s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void tick() {
        // A full batch means more may be due: go on (each row is handled in its own transaction).
        int claimed;
        do {
            claimed = actions.fireDue().claimed();
        } while (claimed == config.claimBatchSize());
    }
}
