package jp.horenso.platform.consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.function.Consumer;
import jp.horenso.platform.PlatformConfig;
import jp.horenso.platform.events.CloudEvents;
import jp.horenso.platform.events.IncomingEvent;
import jp.horenso.platform.events.InvalidEventException;
import jp.horenso.platform.tracing.EventTraces;
import org.jboss.logging.Logger;

/**
 * How every consumer handles a record: the envelope is read strictly (a malformed record throws at once and goes to
 * the dead-letter topic), then the handler runs — in its own transaction, idempotent through the inbox — and a
 * transient failure (the database away for a few seconds, a lock or pool timeout) is retried with growing waits
 * before anything is dead-lettered. Only a malformed or permanently invalid event, or a failure that outlasts
 * {@code horenso.platform.consumer.give-up-after}, reaches the DLQ.
 */
@ApplicationScoped
public class EventConsumption {

    private static final Logger LOG = Logger.getLogger(EventConsumption.class);

    private final CloudEvents cloudEvents;
    private final PlatformConfig.Consumer config;

    private final EventTraces traces;

    @Inject
    public EventConsumption(CloudEvents cloudEvents, PlatformConfig config, EventTraces traces) {
        this.cloudEvents = cloudEvents;
        this.config = config.consumer();
        this.traces = traces;
    }

    /** Without tracing (plain unit tests). */
    public EventConsumption(CloudEvents cloudEvents, PlatformConfig config) {
        this(cloudEvents, config, EventTraces.off());
    }

    /**
     * Reads {@code record} and hands it to {@code handler}, retrying transient failures; in a span that continues
     * the writer's trace ({@link EventTraces}).
     */
    public void consume(String record, Consumer<IncomingEvent> handler) {
        IncomingEvent event = cloudEvents.read(record);
        try (EventTraces.Handling span = traces.handling(record, event)) {
            try {
                retrying(event, () -> handler.accept(event));
            } catch (RuntimeException e) {
                span.failed(e);
                throw e;
            }
        }
    }

    /** Runs {@code work} for {@code event}, retrying transient failures with exponential backoff. */
    public void retrying(IncomingEvent event, Runnable work) {
        long deadline = System.nanoTime() + config.giveUpAfter().toNanos();
        Duration wait = config.initialBackoff();
        int attempt = 1;
        while (true) {
            try {
                work.run();
                if (attempt > 1) {
                    LOG.infof("%s %s handled after %d attempts", event.name(), event.id(), attempt);
                }
                return;
            } catch (InvalidEventException e) {
                throw e;
            } catch (RuntimeException e) {
                if (!TransientFailures.isTransient(e) || System.nanoTime() + wait.toNanos() > deadline) {
                    throw e;
                }
                LOG.warnf(
                        "%s %s failed transiently (attempt %d), retrying in %d ms: %s",
                        event.name(), event.id(), attempt, wait.toMillis(), rootMessage(e));
                sleep(wait);
                wait = wait.multipliedBy(2).compareTo(config.maxBackoff()) > 0
                        ? config.maxBackoff()
                        : wait.multipliedBy(2);
                attempt++;
            }
        }
    }

    private static void sleep(Duration wait) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to retry", e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
