package jp.horenso.notification.notification;

/** Where a notification is on its way to the recipient. */
public enum NotificationStatus {
    /** Stored, not yet tried. */
    PENDING,
    /** Claimed by a delivery worker, which holds a lease until it records the outcome. */
    SENDING,
    /** The last attempt failed; another is scheduled. */
    RETRY,
    /** Delivered to the channel. */
    SENT,
    /** Every attempt failed; nobody will try again. */
    FAILED;

    /** Whether nothing more will happen to the notification. */
    public boolean isFinal() {
        return this == SENT || this == FAILED;
    }
}
