package jp.horenso.notification.delivery;

/** Where a notification is on its way to the recipient. */
public enum NotificationStatus {
    /** Stored, not yet tried (or moved to the recipient's next channel and not yet tried there). */
    PENDING,
    /** Part of a burst to one recipient; waits until the recipient's digest goes out. */
    HELD,
    /** Travels inside the digest of another notification (its leader) and follows the leader's outcome. */
    GROUPED,
    /** Claimed by a delivery worker, which holds a lease until it records the outcome. */
    SENDING,
    /** The last attempt failed; another is scheduled. */
    RETRY,
    /** Delivered to the channel. */
    SENT,
    /** Every attempt on every channel failed; nobody will try again. */
    FAILED,
    /** The case's chain stopped (closed or withdrawn) before it was sent: it never will be (送信取りやめ). */
    CANCELLED;

    /** Whether nothing more will happen to the notification. */
    public boolean isFinal() {
        return this == SENT || this == FAILED || this == CANCELLED;
    }
}
