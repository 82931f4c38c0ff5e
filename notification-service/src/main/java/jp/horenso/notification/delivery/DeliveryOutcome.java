package jp.horenso.notification.delivery;

/** What came of one delivery attempt. */
public enum DeliveryOutcome {
    /**
     * The worker is about to talk to the channel: committed right before the send, so that after a crash an
     * attempt that may have left (STARTED) can be told from one that never began.
     */
    STARTED,
    /** The channel accepted the message. */
    SENT,
    /** The channel refused the message or could not be reached; nothing was delivered. */
    ERROR,
    /** The send began but its outcome is unknown (a crash or a lost answer mid-send). */
    UNKNOWN,
    /** The worker stopped after claiming the notification but before it began to send. */
    INTERRUPTED
}
