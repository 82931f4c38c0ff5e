package jp.horenso.notification.delivery.event;

import java.time.Instant;
import java.util.UUID;
import jp.horenso.notification.delivery.Channel;
import jp.horenso.notification.delivery.Notification;

/**
 * The data of {@code jp.horenso.NotificationFailed}: a notification could not be delivered after every retry
 * (docs/events/schemas/NotificationFailed.schema.json).
 */
public record NotificationFailed(
        UUID notificationId,
        UUID incidentId,
        EventRecipient recipient,
        Channel channel,
        Instant failedAt,
        int attempts,
        String error) {

    /** The event name; the CloudEvent type is {@code jp.horenso.} + this. */
    public static final String NAME = "NotificationFailed";

    /** The fact for a notification that was just marked FAILED. */
    public static NotificationFailed of(Notification notification) {
        return new NotificationFailed(
                notification.notificationId(),
                notification.incidentId(),
                EventRecipient.of(notification),
                notification.channel(),
                notification.failedAt(),
                notification.attempts(),
                notification.lastError() == null ? "" : notification.lastError());
    }
}
