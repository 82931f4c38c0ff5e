package jp.horenso.escalation.legal;

/** Where a legal timer stands. */
public enum LegalTimerStatus {
    /** Waiting for its due time. */
    PENDING,
    /** Fired once, by one replica. */
    FIRED,
    /** Not needed any more: the report was submitted or the duty withdrawn. */
    CANCELLED
}
