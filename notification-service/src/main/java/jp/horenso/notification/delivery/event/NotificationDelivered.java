package jp.horenso.notification.delivery.event;

import java.time.Instant;
import java.util.UUID;
import jp.horenso.notification.delivery.Channel;
import jp.horenso.notification.delivery.Notification;

/**
 * The data of {@code jp.horenso.NotificationDelivered}: a notification reached its recipient's channel
 * (docs/events/schemas/NotificationDelivered.schema.json).
 */
public record NotificationDelivered(
        UUID notificationId,
        UUID incidentId,
        EventRecipient recipient,
        Channel channel,
        Instant deliveredAt,
        int attempts) {

    /** The event name; the CloudEvent type is {@code jp.horenso.} + this. */
    public static final String NAME = "NotificationDelivered";

    /** The fact for a notification that was just marked SENT. */
    public static NotificationDelivered of(Notification notification) {
        return new NotificationDelivered(
                notification.notificationId(),
                notification.incidentId(),
                EventRecipient.of(notification),
                notification.channel(),
                notification.sentAt(),
                notification.attempts());
    }
}
