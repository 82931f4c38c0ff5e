package jp.horenso.escalation.hop;

/** Where a hop stands. */
public enum HopStatus {
    /** Waiting for its recipient's acknowledgement; the clock runs. */
    OPEN,
    /** The recipient acknowledged; the clock stopped. */
    ACKNOWLEDGED,
    /** Nobody acknowledged by the deadline; the chain escalated. */
    TIMED_OUT,
    /** Nobody could receive this step; the chain went straight on to the next level. */
    SKIPPED,
    /** Cancelled before anyone acknowledged: the case moved to another unit, was closed or withdrawn. */
    CANCELLED
}
