package jp.horenso.escalation.legal;

/** Where a legal clock stands. */
public enum LegalClockStatus {
    /** The duty applies and the final report is not submitted yet. */
    RUNNING,
    /** The final report was submitted: the clock stopped. */
    SUBMITTED,
    /** Later facts showed the duty does not apply: the clock stopped. */
    WITHDRAWN
}
