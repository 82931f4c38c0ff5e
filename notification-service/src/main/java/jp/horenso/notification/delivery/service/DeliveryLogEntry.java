package jp.horenso.notification.delivery.service;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import jp.horenso.notification.delivery.Channel;
import jp.horenso.notification.delivery.DeliveryAttempt;
import jp.horenso.notification.delivery.DeliveryOutcome;
import jp.horenso.notification.delivery.Notification;
import jp.horenso.notification.delivery.NotificationKind;
import jp.horenso.notification.delivery.NotificationStatus;

/**
 * One notification in the delivery log of a case (配信記録): whom, how, and every attempt with its error.
 *
 * @param channel the channel it is on now, or was delivered through
 * @param digestOf for a notification that went out in a digest, the notification that carried the digest
 *        (whose attempts are the ones that count)
 * @param copyOf the user name whose notice this is a copy of (the vice-CISO's copy of the CISO's, 第9条), or null
 * @param cancelledAt when a stopped chain (case closed or withdrawn) cancelled it before it was sent, or null
 * @param cancelReason why: CLOSED or WITHDRAWN; null unless cancelled
 */
public record DeliveryLogEntry(
        UUID notificationId,
        UUID incidentId,
        String incidentNumber,
        NotificationKind kind,
        boolean drill,
        Channel channel,
        Recipient recipient,
        NotificationStatus status,
        Instant createdAt,
        Instant nextAttemptAt,
        Instant sentAt,
        Instant failedAt,
        String lastError,
        UUID digestOf,
        List<Attempt> attempts,
        String copyOf,
        Instant cancelledAt,
        String cancelReason) {

    /** The recipient's account and the address the message went to. */
    public record Recipient(String username, String email) {}

    /**
     * One delivery attempt.
     *
     * @param target where it went: a mail address, or a webhook's format and host
     * @param tries the first try and the in-process retries of this attempt
     * @param error the error, or for a successful attempt the errors of the tries before it
     */
    public record Attempt(
            int number, Channel channel, String target, Instant at, DeliveryOutcome outcome, int tries, String error) {

        static Attempt of(DeliveryAttempt attempt) {
            return new Attempt(
                    attempt.attemptNumber(),
                    attempt.channel(),
                    attempt.target(),
                    attempt.attemptedAt(),
                    attempt.outcome(),
                    attempt.tries(),
                    attempt.error());
        }
    }

    static DeliveryLogEntry of(Notification n, UUID digestOf, List<DeliveryAttempt> attempts) {
        boolean waiting = n.status() == NotificationStatus.PENDING
                || n.status() == NotificationStatus.RETRY
                || n.status() == NotificationStatus.HELD;
        return new DeliveryLogEntry(
                n.notificationId(),
                n.incidentId(),
                n.incidentNumber(),
                n.kind(),
                n.drill(),
                n.channel(),
                new Recipient(n.recipientUsername(), n.recipientEmail()),
                n.status(),
                n.createdAt(),
                waiting ? n.nextAttemptAt() : null,
                n.sentAt(),
                n.failedAt(),
                n.lastError(),
                digestOf,
                attempts.stream().map(Attempt::of).toList(),
                n.copyOf(),
                n.cancelledAt(),
                n.cancelReason());
    }
}
