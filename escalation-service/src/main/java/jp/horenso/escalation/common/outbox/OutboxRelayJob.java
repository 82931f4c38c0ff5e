package jp.horenso.escalation.common.outbox;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

/** Runs the outbox relay every {@code horenso.outbox.poll-interval}, draining what is pending batch by batch. */
@ApplicationScoped
public class OutboxRelayJob {

    /** The scheduler identity, e.g. to pause the relay. */
    public static final String IDENTITY = "outbox-relay";

    private final OutboxRelay relay;

    public OutboxRelayJob(OutboxRelay relay) {
        this.relay = relay;
    }

    @Scheduled(identity = IDENTITY, every = "${horenso.outbox.poll-interval:1s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void relay() {
        // A burst (many timers firing at once) fills several batches: drain them, each in its own transaction.
        int published;
        do {
            published = relay.publishPending();
        } while (published == OutboxRelay.BATCH_SIZE);
    }
}
