package jp.horenso.notification.notification;

/** What came of one delivery attempt. */
public enum DeliveryOutcome {
    /** The channel accepted the message. */
    SENT,
    /** The channel refused the message or could not be reached. */
    ERROR,
    /** The worker's lease ran out before it recorded an outcome (e.g. it crashed mid-send). */
    UNKNOWN
}
