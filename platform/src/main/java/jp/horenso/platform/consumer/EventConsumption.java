package jp.horenso.platform.consumer;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import jp.horenso.platform.PlatformConfig;
import jp.horenso.platform.events.CloudEvents;
import jp.horenso.platform.events.IncomingEvent;
import jp.horenso.platform.events.InvalidEventException;
import jp.horenso.platform.tracing.EventTraces;
import org.jboss.logging.Logger;

/**
 * How every consumer handles a record: the envelope is read strictly (a malformed record throws at once and goes to
 * the dead-letter topic), then the handler runs — in its own transaction, or with the rest of its polled batch in one
 * ({@link #consumeBatch}), idempotent through the inbox — and a transient failure (the database away for a few
 * seconds, a lock or pool timeout) is retried with growing waits before anything is dead-lettered. Only a malformed
 * or permanently invalid event, or a failure that outlasts {@code horenso.platform.consumer.give-up-after}, reaches
 * the DLQ.
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
        traced(record, event, () -> retrying(event, () -> handler.accept(event)));
    }

    /** Runs {@code work} in the event's span (continuing the writer's trace); a failure marks the span and goes on. */
    private void traced(String record, IncomingEvent event, Runnable work) {
        try (EventTraces.Handling span = traces.handling(record, event)) {
            try {
                work.run();
            } catch (RuntimeException e) {
                span.failed(e);
                throw e;
            }
        }
    }

    /**
     * Applies a polled batch of records (a channel with {@code batch=true}) in one transaction, which the handler
     * joins for each event in turn: one commit for the batch instead of one per event (issue 13). The envelopes are
     * read first; a malformed one goes to the dead-letter topic on its own. Should any event fail, the transaction is
     * rolled back and the batch applied again one transaction per event, as {@link #consume} does: transient failures
     * retried, an event that cannot be applied dead-lettered alone, its neighbours applied. The inbox keeps every
     * event applied once either way. The batch is acknowledged once all of it was applied or dead-lettered.
     */
    public CompletionStage<Void> consumeBatch(KafkaRecordBatch<String, String> batch, Consumer<IncomingEvent> handler) {
        List<Received> events = new ArrayList<>();
        for (KafkaRecord<String, String> record : batch.getRecords()) {
            try {
                events.add(new Received(record, cloudEvents.read(record.getPayload())));
            } catch (InvalidEventException e) {
                deadLetter(record, null, e);
            }
        }
        if (events.size() == 1 || !together(events, handler)) {
            events.forEach(received -> alone(received, handler));
        }
        return batch.ack();
    }

    /** Whether every event was applied, in one transaction; nothing of it is kept when one fails. */
    private boolean together(List<Received> events, Consumer<IncomingEvent> handler) {
        if (events.isEmpty()) {
            return true;
        }
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                for (Received received : events) {
                    traced(received.record().getPayload(), received.event(), () -> handler.accept(received.event()));
                }
            });
            return true;
        } catch (RuntimeException e) {
            LOG.debugf(
                    "a batch of %d events was not applied together (%s); one transaction per event instead",
                    events.size(), rootMessage(e));
            return false;
        }
    }

    /** Applies one event in its own transaction, retrying transient failures; dead-letters it when that fails. */
    private void alone(Received received, Consumer<IncomingEvent> handler) {
        IncomingEvent event = received.event();
        try (EventTraces.Handling span = traces.handling(received.record().getPayload(), event)) {
            try {
                retrying(event, () -> QuarkusTransaction.requiringNew().run(() -> handler.accept(event)));
            } catch (RuntimeException e) {
                span.failed(e);
                deadLetter(received.record(), event, e);
            }
        }
    }

    /** Hands {@code record} to the channel's failure strategy (the dead-letter topic) and waits until it is there. */
    private static void deadLetter(KafkaRecord<String, String> record, IncomingEvent event, RuntimeException e) {
        LOG.warnf(
                "%s could not be applied, dead-lettered: %s",
                event == null ? "a record of " + record.getTopic() : event.name() + " " + event.id(), rootMessage(e));
        record.nack(e).toCompletableFuture().join();
    }

    private record Received(KafkaRecord<String, String> record, IncomingEvent event) {}

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
