package jp.horenso.notification.delivery.event;

import jp.horenso.notification.delivery.Notification;

/** The recipient as the outcome events name them. */
public record EventRecipient(String username, String email, String name) {

    static EventRecipient of(Notification notification) {
        return new EventRecipient(
                notification.recipientUsername(), notification.recipientEmail(), notification.recipientName());
    }
}
