package jp.horenso.notification.delivery.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import jp.horenso.notification.config.NotificationConfig;
import jp.horenso.notification.delivery.DeliveryAttempt;
import jp.horenso.notification.delivery.DeliveryOutcome;
import jp.horenso.notification.delivery.Notification;
import jp.horenso.notification.delivery.NotificationStatus;
import jp.horenso.notification.delivery.RenderedMessage;
import jp.horenso.notification.delivery.channel.MessageItem;
import jp.horenso.notification.delivery.channel.OutgoingMessage;
import jp.horenso.notification.delivery.event.NotificationEvents;
import jp.horenso.notification.delivery.repository.DeliveryAttemptRepository;
import jp.horenso.notification.delivery.repository.NotificationRepository;
import jp.horenso.notification.inbox.service.InboxService;
import jp.horenso.notification.recipient.Endpoint;
import jp.horenso.notification.recipient.service.RecipientService;
import jp.horenso.platform.time.DatabaseClock;
import org.jboss.logging.Logger;

/**
 * The database side of delivery: claims due notifications (forming digests), marks each send as started, and
 * records what came of it — retry with backoff and jitter, fail over to the recipient's next channel, or give
 * up — each step in its own short transaction, so that no transaction stays open while a channel is talked to.
 *
 * <p>At most one delivery per notification: a notification is sent only by the worker holding its lease; a
 * crash before the "started" marker is known to have sent nothing and is sent again; a crash (or a lost answer)
 * after it is an unknown outcome, which is sent again only where the receiver drops repeats (generic webhooks,
 * by {@code Idempotency-Key}) and otherwise settled in the in-app inbox instead of risking a second copy.
 */
@ApplicationScoped
@Transactional
public class DeliveryService {

    static final String LEASE_EXPIRED =
            "送信中に担当処理が応答しなくなりました（結果不明） / " + "the sender stopped responding while sending (outcome unknown)";
    static final String NOT_STARTED =
            "送信を始める前に担当処理が止まりました（未送信） / " + "the sender stopped before it began to send (nothing sent)";
    static final String KEPT_IN_INBOX = "送信結果が不明のため、二重に届かないよう再送しません。アプリ内の受信箱には届いています / "
            + "outcome unknown: not sent again so that nothing arrives twice; the message is in the in-app inbox";
    static final String CHANNEL_REMOVED = "配信先の設定が削除されました / the channel was removed from the recipient's settings";
    private static final Logger LOG = Logger.getLogger(DeliveryService.class);

    private final NotificationRepository notifications;
    private final DeliveryAttemptRepository attempts;
    private final NotificationEvents events;
    private final RecipientService recipients;
    private final InboxService inbox;
    private final MailRenderer renderer;
    private final NotificationConfig.Delivery config;
    private final DatabaseClock clock;

    public DeliveryService(
            NotificationRepository notifications,
            DeliveryAttemptRepository attempts,
            NotificationEvents events,
            RecipientService recipients,
            InboxService inbox,
            MailRenderer renderer,
            NotificationConfig config,
            DatabaseClock clock) {
        this.clock = clock;
        this.notifications = notifications;
        this.attempts = attempts;
        this.events = events;
        this.recipients = recipients;
        this.inbox = inbox;
        this.renderer = renderer;
        this.config = config.delivery();
    }

    /**
     * Marks the notifications due now as SENDING, with a lease, and returns them. A held notification whose
     * digest is due carries every other notification held for the same person. A notification whose worker
     * let its lease run out is taken over, unless its send may have arrived (see the class comment). The lease
     * and every later {@code next_attempt_at} are computed from the database's clock, which {@code lockDue}
     * compares them with, so replicas with drifting clocks agree on what is due.
     *
     * <p>The first message of the round is sent right after this transaction commits, so its "started" marker is
     * written here, with the claim: one transaction less per mail (issue 13). The others are marked by
     * {@link #markStarted} just before their own sends.
     */
    public List<Claim> claimDue() {
        Instant now = clock.transactionTime();
        List<Claim> claimed = new ArrayList<>();
        for (Notification notification : notifications.lockDue(config.batchSize())) {
            if (notification.status() == NotificationStatus.GROUPED) {
                continue; // joined the digest of a notification claimed earlier in this round
            }
            if (notification.status() == NotificationStatus.SENDING && !takeOver(notification, now)) {
                continue;
            }
            if (notification.status() == NotificationStatus.HELD) {
                formDigest(notification);
            }
            Optional<Endpoint> endpoint = recipients.endpoint(notification.endpointId());
            if (endpoint.isEmpty()) {
                exhausted(notification, CHANNEL_REMOVED, now);
                continue;
            }
            int attempt = notification.claim(now.plus(config.leaseTimeout()));
            List<Notification> members = membersOf(notification);
            OutgoingMessage message = OutgoingMessage.of(notification, attempt, endpoint.get(), members);
            boolean first = claimed.isEmpty();
            if (first) {
                attempts.persist(started(notification, message, now));
            }
            claimed.add(new Claim(message, first));
        }
        return claimed;
    }

    /**
     * A notification claimed for sending.
     *
     * @param started whether its "started" marker was committed with the claim; if not, {@link #markStarted} comes
     *     first
     */
    public record Claim(OutgoingMessage message, boolean started) {}

    /**
     * Commits the marker that the send of this attempt begins; false when the worker no longer holds the
     * notification and must not send.
     */
    public boolean markStarted(OutgoingMessage message) {
        Notification notification = lock(message);
        if (!notification.isHeldBy(message.attempt())) {
            return false;
        }
        attempts.persist(started(notification, message, clock.transactionTime()));
        return true;
    }

    private static DeliveryAttempt started(Notification notification, OutgoingMessage message, Instant at) {
        return new DeliveryAttempt(
                notification,
                message.attempt(),
                message.channel(),
                message.target(),
                at,
                DeliveryOutcome.STARTED,
                null);
    }

    /** Records that the channel accepted the message and publishes NotificationDelivered (for each digest member too). */
    public void recordSent(OutgoingMessage message, Tries tries) {
        Notification notification = lock(message);
        Instant now = clock.transactionTime();
        record(
                notification,
                message.attempt(),
                message.target(),
                DeliveryOutcome.SENT,
                tries.errors(),
                tries.count(),
                now);
        if (notification.status().isFinal()) {
            return;
        }
        // Even a worker whose lease ran out knows the message went: the notification is delivered.
        notification.markSent(now);
        events.delivered(notification);
        for (Notification member : membersOf(notification)) {
            member.follow(notification);
            events.delivered(member);
        }
    }

    /**
     * Records a failed attempt (nothing was delivered) and schedules the next one after a backoff; when the
     * channel's attempts are used up, moves to the recipient's next channel or, after the last, gives up and
     * publishes NotificationFailed.
     */
    public void recordError(OutgoingMessage message, String error, Tries tries) {
        Notification notification = lock(message);
        Instant now = clock.transactionTime();
        record(notification, message.attempt(), message.target(), DeliveryOutcome.ERROR, error, tries.count(), now);
        if (!notification.isHeldBy(message.attempt())) {
            return; // a late report: another worker owns the notification now, or it is finished
        }
        retryOrMoveOn(notification, DeliveryAttempt.truncate(error), now);
    }

    /**
     * Records an attempt whose outcome is unknown. Where a repeat cannot arrive twice it is retried like a
     * failure; where the sender allows one more send because a copy would be recognisable ({@code resendOnce}: a
     * mail whose final "." went unanswered is sent again with the same Message-ID) it is retried if no earlier
     * attempt of the notification had an unknown outcome; otherwise the notification is settled in the in-app
     * inbox and not sent again.
     */
    public void recordInDoubt(OutgoingMessage message, String error, Tries tries, boolean resendOnce) {
        Notification notification = lock(message);
        Instant now = clock.transactionTime();
        record(notification, message.attempt(), message.target(), DeliveryOutcome.UNKNOWN, error, tries.count(), now);
        if (!notification.isHeldBy(message.attempt())) {
            return;
        }
        if (message.endpoint().isRepeatSafe()) {
            retryOrMoveOn(notification, DeliveryAttempt.truncate(error), now);
        } else if (resendOnce && attempts.countUnknown(notification) <= 1) {
            LOG.warnf(
                    "notification %s: the server did not answer the end of the message; sending it once more with"
                            + " the same Message-ID",
                    notification.notificationId());
            retryOrMoveOn(notification, DeliveryAttempt.truncate(error), now);
        } else {
            settleInInbox(notification, now);
        }
    }

    /**
     * Wait after the {@code attempt}-th attempt on a channel: the initial delay, doubled per further attempt, at
     * most the maximum, spread at random by the configured jitter.
     */
    Duration backoff(int attempt) {
        Duration delay = config.initialDelay().multipliedBy(1L << Math.min(attempt - 1, 20));
        if (delay.compareTo(config.maxDelay()) > 0) {
            delay = config.maxDelay();
        }
        double spread = config.jitter() * (2 * ThreadLocalRandom.current().nextDouble() - 1);
        return Duration.ofMillis(Math.max(0, Math.round(delay.toMillis() * (1 + spread))));
    }

    /** A notification whose lease ran out: whether it may be sent again now. */
    private boolean takeOver(Notification notification, Instant now) {
        int number = notification.attempts();
        Optional<DeliveryAttempt> last = attempts.findAttempt(notification, number);
        Optional<Endpoint> endpoint = recipients.endpoint(notification.endpointId());
        if (last.isPresent() && last.get().outcome() == DeliveryOutcome.STARTED) {
            LOG.warnf(
                    "notification %s: attempt %d began to send and its worker went silent",
                    notification.notificationId(), number);
            last.get()
                    .record(
                            now,
                            DeliveryOutcome.UNKNOWN,
                            LEASE_EXPIRED,
                            last.get().tries());
            if (endpoint.isEmpty() || !endpoint.get().isRepeatSafe()) {
                settleInInbox(notification, now);
                return false;
            }
        } else {
            LOG.warnf("notification %s: attempt %d was claimed but never begun", notification.notificationId(), number);
            record(
                    notification,
                    number,
                    endpoint.map(e -> e.describe(notification.recipientEmail())).orElse(null),
                    DeliveryOutcome.INTERRUPTED,
                    NOT_STARTED,
                    1,
                    now);
        }
        if (notification.channelAttempts() >= config.maxAttempts()) {
            exhausted(notification, notification.lastError() == null ? NOT_STARTED : notification.lastError(), now);
            return false;
        }
        return true;
    }

    private void retryOrMoveOn(Notification notification, String error, Instant now) {
        if (notification.channelAttempts() >= config.maxAttempts()) {
            exhausted(notification, error, now);
        } else {
            notification.scheduleRetry(now.plus(backoff(notification.channelAttempts())), error);
        }
    }

    /** Groups the person's other held notifications into a digest that {@code leader} carries. */
    private void formDigest(Notification leader) {
        List<Notification> members = notifications.lockHeldWith(leader);
        if (members.isEmpty()) {
            return; // the burst ended with this one: it goes out as itself
        }
        List<MessageItem> items = new ArrayList<>();
        items.add(MessageItem.of(leader));
        members.forEach(m -> items.add(MessageItem.of(m)));
        RenderedMessage digest = renderer.renderDigest(leader.recipientName(), items);
        leader.leadDigest(digest.subject(), digest.body(), digest.summary());
        members.forEach(m -> m.joinDigest(leader));
        LOG.infof(
                "notification %s carries a digest of %d notifications to %s",
                leader.notificationId(), items.size(), leader.recipientUsername());
    }

    /**
     * The current channel kept failing: the message is in the in-app inbox in any case; try the recipient's next
     * channel, or give up after the last.
     */
    private void exhausted(Notification notification, String error, Instant now) {
        inbox.add(notification.notificationId());
        Optional<Endpoint> next = recipients.nextEndpoint(
                notification.organisation(), notification.recipientUsername(), notification.endpointPosition());
        if (next.isPresent()) {
            LOG.infof(
                    "notification %s: %s failed %d times; trying %s next",
                    notification.notificationId(),
                    notification.channel(),
                    notification.channelAttempts(),
                    next.get().channel());
            notification.moveTo(
                    next.get().channel(), next.get().id(), next.get().position(), now, error);
            return;
        }
        notification.markFailed(now, error);
        events.failed(notification);
        for (Notification member : membersOf(notification)) {
            member.follow(notification);
            events.failed(member);
        }
        LOG.warnf(
                "notification %s failed after %d attempts: %s",
                notification.notificationId(), notification.attempts(), error);
    }

    /** Settles a notification that may have arrived and must not be sent again: the inbox is its channel of record. */
    private void settleInInbox(Notification notification, Instant now) {
        inbox.add(notification.notificationId());
        notification.settleInInbox(now, KEPT_IN_INBOX);
        events.delivered(notification);
        for (Notification member : membersOf(notification)) {
            inbox.add(member.notificationId());
            member.follow(notification);
            events.delivered(member);
        }
        LOG.warnf(
                "notification %s: outcome unknown; kept in the in-app inbox and not sent again",
                notification.notificationId());
    }

    /**
     * The notifications a digest carrier carries; none, without asking the database, for a notification that
     * carries no digest (most of them: one query less per mail, issue 13).
     */
    private List<Notification> membersOf(Notification notification) {
        return notification.digestSubject() == null ? List.of() : notifications.membersOf(notification);
    }

    private Notification lock(OutgoingMessage message) {
        return notifications
                .lock(message.id())
                .orElseThrow(() -> new IllegalStateException("notification " + message.notificationId() + " vanished"));
    }

    /** Settles the attempt (normally its STARTED marker), or adds it when no marker was written. */
    private void record(
            Notification notification,
            int number,
            String target,
            DeliveryOutcome outcome,
            String error,
            int tries,
            Instant at) {
        attempts.findAttempt(notification, number)
                .ifPresentOrElse(
                        existing -> {
                            if (existing.outcome() == DeliveryOutcome.STARTED
                                    || existing.outcome() == DeliveryOutcome.UNKNOWN
                                    || existing.outcome() == DeliveryOutcome.INTERRUPTED) {
                                existing.record(at, outcome, error, tries);
                            }
                        },
                        () -> {
                            DeliveryAttempt attempt = new DeliveryAttempt(
                                    notification, number, notification.channel(), target, at, outcome, error);
                            attempt.record(at, outcome, error, tries);
                            attempts.persist(attempt);
                        });
    }
}
