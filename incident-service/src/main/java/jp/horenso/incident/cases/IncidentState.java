package jp.horenso.incident.cases;

/** Where a case stands in its life. */
public enum IncidentState {
    /** Filed; the reporting chain runs and the CSIRT responds. */
    REPORTED,
    /** The CSIRT reported its record to the CISO (第44条4項); the CISO reviews it. */
    UNDER_CISO_REVIEW,
    /** The CISO returned the report with instructions (第44条5項); the CSIRT revises. */
    RETURNED_BY_CISO,
    /** The CISO accepted the recurrence prevention. */
    ACCEPTED_BY_CISO,
    /** Closed: accepted, and for a case judged severe the committee report is recorded (第44条6項). */
    CLOSED,
    /** Withdrawn by the CSIRT: filed by mistake; the chain stops and the record no longer changes. */
    WITHDRAWN;

    /** Closed or withdrawn: the case record no longer changes. */
    public boolean isFinal() {
        return this == CLOSED || this == WITHDRAWN;
    }
}
