package jp.horenso.escalation.hop;

/** What opened a hop. */
public enum HopTrigger {
    /** The report: the chain's start rules (第43条1項, 4項; 第44条2項). */
    REPORT,
    /** A hop before it was not acknowledged in time: the next level (第43条2–3項). */
    TIMEOUT,
    /** The same person told again ("repeat N times every M minutes"). */
    REPEAT,
    /** The holder did not acknowledge in time: their deputy is told. */
    DEPUTY,
    /** The case's severity reached the level of a chain condition. */
    SEVERITY,
    /** A department head or the security lead marked the case 重大 (第43条3項). */
    MARKED_SERIOUS,
    /** A legal report duty applies to the case (regulatory.md R1, R2). */
    LEGAL_REPORT_DUE,
    /** The previous step's acknowledgement forwarded the report (第43条2項: {@code onAcknowledge}). */
    ACKNOWLEDGED,
    /** Re-opened for the unit the case was moved to (第44条2項: the section concerned). */
    UNIT_CHANGED
}
