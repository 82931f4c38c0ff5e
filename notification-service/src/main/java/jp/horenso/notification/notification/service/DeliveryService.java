package jp.horenso.notification.notification.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import jp.horenso.notification.notification.DeliveryAttempt;
import jp.horenso.notification.notification.DeliveryOutcome;
import jp.horenso.notification.notification.Notification;
import jp.horenso.notification.notification.NotificationStatus;
import jp.horenso.notification.notification.channel.OutgoingMessage;
import jp.horenso.notification.notification.config.NotificationConfig;
import jp.horenso.notification.notification.event.NotificationEvents;
import jp.horenso.notification.notification.repository.DeliveryAttemptRepository;
import jp.horenso.notification.notification.repository.NotificationRepository;
import org.jboss.logging.Logger;

/**
 * The database side of delivery: claims due notifications and records what came of each attempt, each step in
 * its own short transaction so that no transaction stays open while a channel is talked to.
 */
@ApplicationScoped
@Transactional
public class DeliveryService {

    static final String LEASE_EXPIRED = "送信中に担当処理が応答しなくなりました（結果不明） / "
            + "the sender stopped responding while sending (outcome unknown)";
    private static final Logger LOG = Logger.getLogger(DeliveryService.class);

    private final NotificationRepository notifications;
    private final DeliveryAttemptRepository attempts;
    private final NotificationEvents events;
    private final NotificationConfig.Delivery config;

    public DeliveryService(NotificationRepository notifications, DeliveryAttemptRepository attempts,
            NotificationEvents events, NotificationConfig config) {
        this.notifications = notifications;
        this.attempts = attempts;
        this.events = events;
        this.config = config.delivery();
    }

    /**
     * Marks the notifications due now as SENDING, with a lease, and returns them. A notification whose previous
     * worker let its lease run out counts that attempt as UNKNOWN and is taken over (or given up when it was
     * the last).
     */
    public List<OutgoingMessage> claimDue() {
        Instant now = Instant.now();
        List<OutgoingMessage> claimed = new ArrayList<>();
        for (Notification notification : notifications.lockDue(config.batchSize())) {
            if (notification.getStatus() == NotificationStatus.SENDING) {
                LOG.warnf("notification %s: lease of attempt %d expired", notification.getNotificationId(),
                        notification.getAttempts());
                record(notification, notification.getAttempts(), DeliveryOutcome.UNKNOWN, LEASE_EXPIRED, now);
                if (notification.getAttempts() >= config.maxAttempts()) {
                    giveUp(notification, LEASE_EXPIRED, now);
                    continue;
                }
            }
            int attempt = notification.claim(now.plus(config.leaseTimeout()));
            claimed.add(OutgoingMessage.of(notification, attempt));
        }
        return claimed;
    }

    /** Records that the channel accepted the message and publishes NotificationDelivered. */
    public void recordSent(OutgoingMessage message) {
        Notification notification = lock(message);
        Instant now = Instant.now();
        record(notification, message.attempt(), DeliveryOutcome.SENT, null, now);
        if (notification.getStatus().isFinal()) {
            return;
        }
        // Even a worker whose lease ran out knows the message went: the notification is delivered.
        notification.markSent(now);
        events.delivered(notification);
    }

    /**
     * Records a failed attempt and schedules the next one after an exponential backoff, or, after the last
     * attempt, gives up and publishes NotificationFailed.
     */
    public void recordError(OutgoingMessage message, String error) {
        Notification notification = lock(message);
        Instant now = Instant.now();
        record(notification, message.attempt(), DeliveryOutcome.ERROR, error, now);
        if (!notification.isHeldBy(message.attempt())) {
            return; // a late report: another worker owns the notification now, or it is finished
        }
        String kept = DeliveryAttempt.truncate(error);
        if (message.attempt() >= config.maxAttempts()) {
            giveUp(notification, kept, now);
        } else {
            notification.scheduleRetry(now.plus(backoff(message.attempt())), kept);
        }
    }

    /** Wait after attempt {@code attempt}: the initial delay, doubled per further attempt, at most the maximum. */
    Duration backoff(int attempt) {
        Duration delay = config.initialDelay().multipliedBy(1L << Math.min(attempt - 1, 20));
        return delay.compareTo(config.maxDelay()) > 0 ? config.maxDelay() : delay;
    }

    private void giveUp(Notification notification, String error, Instant now) {
        notification.markFailed(now, error);
        events.failed(notification);
        LOG.warnf("notification %s failed after %d attempts: %s", notification.getNotificationId(),
                notification.getAttempts(), error);
    }

    private Notification lock(OutgoingMessage message) {
        return notifications.lock(message.id()).orElseThrow(
                () -> new IllegalStateException("notification " + message.notificationId() + " vanished"));
    }

    /** Adds the attempt, or settles an attempt that was recorded as UNKNOWN when its worker went silent. */
    private void record(Notification notification, int number, DeliveryOutcome outcome, String error, Instant at) {
        attempts.findAttempt(notification, number).ifPresentOrElse(existing -> {
            if (existing.getOutcome() == DeliveryOutcome.UNKNOWN) {
                existing.record(at, outcome, error);
            }
        }, () -> attempts.persist(new DeliveryAttempt(notification, number, notification.getChannel(), at, outcome,
                error)));
    }
}
