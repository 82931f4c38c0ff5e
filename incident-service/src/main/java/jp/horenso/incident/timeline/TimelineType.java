package jp.horenso.incident.timeline;

/** Kinds of facts on a case's timeline. */
public enum TimelineType {
    /** The report was filed. */
    REPORTED,
    /** The reporting chain started. */
    CHAIN_STARTED,
    /** A person of the chain was addressed, with an acknowledgement deadline. */
    HOP_OPENED,
    /** The chain asked for a person (or an outside body) to be told; details name the kind and the recipient. */
    NOTIFICATION_REQUESTED,
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
    ESCALATED,
    /** The case record (cause, extent, scope, assets, personal data …) changed; details hold before and after. */
    RECORD_UPDATED,
    /** The computed severity changed. */
    SEVERITY_ASSESSED,
    /** The CSIRT overrode the severity, with a reason. */
    SEVERITY_OVERRIDDEN,
    /** A legal report duty (R1, R2) applies; its clock started at discovery. */
    LEGAL_DUTY_IDENTIFIED,
    /** A legal duty no longer applies after later facts; its clock stopped. */
    LEGAL_DUTY_WITHDRAWN,
    /** A prompt or final legal report was submitted. */
    LEGAL_REPORT_SUBMITTED,
    /** A containment, recovery or recurrence-prevention action was recorded (第44条3–4項). */
    RESPONSE_ACTION_RECORDED,
    /** A response action's description, owner, due date or status changed; details hold before and after. */
    RESPONSE_ACTION_UPDATED,
    /** A notice to persons, information to citizens or a report to an outside body was recorded (第44条3項). */
    COMMUNICATION_RECORDED,
    /** Evidence arrived; details hold its SHA-256 (証拠保全, 第107条). */
    EVIDENCE_RECEIVED,
    /** Someone downloaded evidence (a chain-of-custody entry). */
    EVIDENCE_DOWNLOADED,
    /** Evidence was handed over to someone (a chain-of-custody entry). */
    EVIDENCE_HANDED_OVER,
    /** Stored evidence no longer matched its SHA-256; it was not handed out. */
    EVIDENCE_INTEGRITY_FAILED,
    /** The CSIRT reported the case to the CISO (第44条4項): a frozen snapshot with its SHA-256. */
    CISO_REPORT_SUBMITTED,
    /** The CISO accepted the report or returned it with instructions (第44条5項). */
    CISO_REVIEW_DECIDED,
    /** The CISO reported the case to the information-security committee (第44条6項). */
    COMMITTEE_REPORTED,
    /** The case was closed. */
    CLOSED,
    /** The CISO decided whether and how the case is made public (第43条5項). */
    DISCLOSURE_DECIDED,
    /** A new version of the disclosure text was saved. */
    DISCLOSURE_DRAFT_SAVED,
    /** The CISO approved a version of the disclosure text. */
    DISCLOSURE_DRAFT_APPROVED,
    /** An approved disclosure text was published (第43条5項, 第44条7項). */
    DISCLOSURE_PUBLISHED,
    /** A legal report's deadline is near; the CSIRT and the security lead were reminded (R1, R2). */
    LEGAL_DEADLINE_APPROACHING,
    /** A legal report's deadline passed without the report; escalated to the CISO. */
    LEGAL_DEADLINE_MISSED,
    /** The department head or the security lead judged the case serious (重大, 第43条3項). */
    MARKED_SERIOUS,
    /** The CSIRT or the security lead moved the case to the section it concerns (第44条2項), with a reason. */
    UNIT_CHANGED,
    /** The CSIRT withdrew a report filed by mistake, with a reason; the chain stops. */
    WITHDRAWN,
    /** The case was marked as a drill (第48条), or corrected to "not a drill", with a reason. */
    DRILL_MARKING_CHANGED,
    /** A fact changed after a legal duty was identified; its deadlines were recomputed, with the reasons. */
    LEGAL_DUTY_REVISED,
    /** The chain cancelled an open hop (the case moved, was closed or withdrawn). */
    HOP_CANCELLED,
    /** The chain stopped: open hops, legal reminders and timers cancelled after closing or withdrawal. */
    CHAIN_STOPPED,
    /** Someone downloaded a generated document (CISO report, committee report, commission draft, notice letter). */
    DOCUMENT_DOWNLOADED
}
