package jp.horenso.notification.notification.channel;

import java.util.UUID;
import jp.horenso.notification.notification.Channel;
import jp.horenso.notification.notification.Notification;

/**
 * A claimed notification as a sender needs it, detached from the database so it can be sent outside any
 * transaction.
 *
 * @param id the notification row
 * @param address where the channel delivers (for mail, the e-mail address)
 * @param attempt the number of this delivery attempt, starting at 1
 */
public record OutgoingMessage(long id, UUID notificationId, UUID incidentId, Channel channel, String address,
        String subject, String body, int attempt) {

    /** The message for attempt {@code attempt} of a notification. */
    public static OutgoingMessage of(Notification notification, int attempt) {
        return new OutgoingMessage(notification.getId(), notification.getNotificationId(),
                notification.getIncidentId(), notification.getChannel(), notification.getRecipientEmail(),
                notification.getSubject(), notification.getBody(), attempt);
    }
}
