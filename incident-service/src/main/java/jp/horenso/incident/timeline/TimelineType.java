package jp.horenso.incident.timeline;

/** Kinds of facts on a case's timeline. */
public enum TimelineType {
    /** The report was filed. */
    REPORTED,
    /** The reporting chain started. */
    CHAIN_STARTED,
    /** A person of the chain was addressed, with an acknowledgement deadline. */
    HOP_OPENED,
    /** A notification reached its recipient. */
    NOTIFICATION_DELIVERED,
    /** A notification could not be delivered. */
    NOTIFICATION_FAILED,
    /** A person acknowledged the report through the API or a link. */
    ACKNOWLEDGED,
    /** The chain stopped a hop's clock because of an acknowledgement. */
    HOP_ACKNOWLEDGED,
    /** Nobody acknowledged a hop in time. */
    HOP_TIMED_OUT,
    /** The chain escalated to the next level. */
    ESCALATED
}
