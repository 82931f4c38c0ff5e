package jp.horenso.notification.notification.service;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import jp.horenso.notification.notification.Channel;
import jp.horenso.notification.notification.DeliveryAttempt;
import jp.horenso.notification.notification.DeliveryOutcome;
import jp.horenso.notification.notification.Notification;
import jp.horenso.notification.notification.NotificationKind;
import jp.horenso.notification.notification.NotificationStatus;

/** One notification in the delivery log of a case (配信記録): whom, how, and every attempt with its error. */
public record DeliveryLogEntry(UUID notificationId, UUID incidentId, String incidentNumber, NotificationKind kind,
        boolean drill, Channel channel, Recipient recipient, NotificationStatus status, Instant createdAt,
        Instant nextAttemptAt, Instant sentAt, Instant failedAt, String lastError, List<Attempt> attempts) {

    /** The recipient's account and the address the message went to. */
    public record Recipient(String username, String email) {
    }

    /** One delivery attempt. */
    public record Attempt(int number, Channel channel, Instant at, DeliveryOutcome outcome, String error) {

        static Attempt of(DeliveryAttempt attempt) {
            return new Attempt(attempt.getAttemptNumber(), attempt.getChannel(), attempt.getAttemptedAt(),
                    attempt.getOutcome(), attempt.getError());
        }
    }

    static DeliveryLogEntry of(Notification n, List<DeliveryAttempt> attempts) {
        boolean waiting = n.getStatus() == NotificationStatus.PENDING || n.getStatus() == NotificationStatus.RETRY;
        return new DeliveryLogEntry(n.getNotificationId(), n.getIncidentId(), n.getIncidentNumber(), n.getKind(),
                n.isDrill(), n.getChannel(), new Recipient(n.getRecipientUsername(), n.getRecipientEmail()),
                n.getStatus(), n.getCreatedAt(), waiting ? n.getNextAttemptAt() : null, n.getSentAt(), n.getFailedAt(),
                n.getLastError(), attempts.stream().map(Attempt::of).toList());
    }
}
