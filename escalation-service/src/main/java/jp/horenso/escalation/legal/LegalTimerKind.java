package jp.horenso.escalation.legal;

/** What a legal timer does when it fires. */
public enum LegalTimerKind {
    /** Reminds the CSIRT and the security lead that a report is due soon (LegalDeadlineApproaching). */
    REMINDER,
    /** The report is overdue: escalates to the CISO (LegalDeadlineMissed). */
    DEADLINE
}
