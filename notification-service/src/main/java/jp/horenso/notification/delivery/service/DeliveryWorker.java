package jp.horenso.notification.delivery.service;

import io.quarkus.arc.All;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import jp.horenso.notification.delivery.Channel;
import jp.horenso.notification.delivery.channel.ChannelSender;
import jp.horenso.notification.delivery.channel.DeliveryFailedException;
import jp.horenso.notification.delivery.channel.DeliveryInDoubtException;
import jp.horenso.notification.delivery.channel.OutgoingMessage;
import org.jboss.logging.Logger;

/**
 * Sends the notifications that are due: claims them in one transaction, commits a "sending" marker right before
 * talking to the channel (the round's first message: with the claim), sends outside any transaction, and records
 * the outcome in another, so a slow mail server never holds a database lock and a crash leaves a trace of how far the
 * send got.
 */
@ApplicationScoped
public class DeliveryWorker {

    private static final Logger LOG = Logger.getLogger(DeliveryWorker.class);

    private final DeliveryService deliveries;
    private final GuardedSender guarded;
    private final DeliveryCounters counters;
    private final DeliveryTraces traces;
    private final Map<Channel, ChannelSender> senders = new EnumMap<>(Channel.class);
    private final ExecutorService wakeups = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "horenso-delivery-wakeup");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicBoolean wakeupPending = new AtomicBoolean();

    public DeliveryWorker(
            DeliveryService deliveries,
            GuardedSender guarded,
            @All List<ChannelSender> senders,
            DeliveryCounters counters,
            DeliveryTraces traces) {
        this.deliveries = deliveries;
        this.guarded = guarded;
        this.counters = counters;
        this.traces = traces;
        senders.forEach(sender -> this.senders.put(sender.channel(), sender));
    }

    /** One round; the scheduler runs it on a worker thread, so the blocking senders may be called here. */
    @Scheduled(
            every = "${horenso.notification.delivery.poll-interval:1s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            // Nothing is sent before start-up completed (database migrated, channels wired).
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void deliverDue() {
        for (DeliveryService.Claim claim : deliveries.claimDue()) {
            deliver(claim.message(), claim.started());
        }
    }

    /**
     * A notification was committed: send what is due now, on the worker's own thread (never on the Kafka consumer's
     * thread that committed it). Wake-ups that arrive while one is pending are folded into it; the scheduled round
     * stays as the safety net, and claims are leased, so both may run side by side. Notified after
     * {@link DeliveryTraces} (default priority), which remembers the send's trace.
     */
    void onStored(@Observes(during = TransactionPhase.AFTER_SUCCESS) NotificationStored stored) {
        if (wakeupPending.compareAndSet(false, true)) {
            wakeups.execute(() -> {
                wakeupPending.set(false);
                try {
                    deliverDue();
                } catch (RuntimeException e) {
                    LOG.warnf("delivery round after a wake-up failed; the next round retries: %s", describe(e));
                }
            });
        }
    }

    @PreDestroy
    void stopWakeups() {
        wakeups.shutdownNow();
    }

    private void deliver(OutgoingMessage message, boolean started) {
        ChannelSender sender = senders.get(message.channel());
        if (sender == null) {
            deliveries.recordError(message, "no sender for channel " + message.channel(), new Tries());
            return;
        }
        // The marker is committed before the first byte goes out (with the claim, for the round's first message);
        // without it, a crash is known to have sent nothing.
        if (!started && !deliveries.markStarted(message)) {
            return;
        }
        Tries tries = new Tries();
        try (DeliveryTraces.Sending span = traces.sending(message)) {
            try {
                guarded.send(sender, message, tries);
            } catch (RuntimeException e) {
                span.failed(e);
                throw e;
            }
        } catch (DeliveryFailedException e) {
            LOG.infof(
                    "notification %s attempt %d failed: %s", message.notificationId(), message.attempt(), describe(e));
            counters.failed(message.channel(), false);
            deliveries.recordError(message, describe(e), tries);
            return;
        } catch (RuntimeException e) {
            // Anything a sender did not prove harmless may have delivered the message.
            LOG.warnf(
                    "notification %s attempt %d has an unknown outcome: %s",
                    message.notificationId(), message.attempt(), describe(e));
            counters.failed(message.channel(), true);
            boolean resendOnce = e instanceof DeliveryInDoubtException doubt && doubt.resendOnce();
            deliveries.recordInDoubt(message, describe(e), tries, resendOnce);
            return;
        }
        counters.sent(message.channel());
        // Outside the try: a failure to record success must not count as a failed send (the lease covers it).
        deliveries.recordSent(message, tries);
    }

    /** The exception and its causes in one line, for the delivery log. */
    static String describe(Throwable error) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = error; t != null && text.length() < 2000; t = t.getCause() == t ? null : t.getCause()) {
            if (!text.isEmpty()) {
                text.append(" <- ");
            }
            text.append(t.getClass().getSimpleName());
            if (t.getMessage() != null) {
                text.append(": ").append(t.getMessage());
            }
        }
        return text.toString();
    }
}
