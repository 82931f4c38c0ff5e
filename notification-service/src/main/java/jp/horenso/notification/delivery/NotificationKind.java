package jp.horenso.notification.delivery;

/** Why a person is told about a case; each kind has its own templates (templates/mail/&lt;KIND&gt;.txt). */
public enum NotificationKind {
    /** A new report reached the recipient (新規報告). */
    NEW_REPORT,
    /** The report was escalated to the recipient because nobody acknowledged it in time (エスカレーション). */
    ESCALATION,
    /** The same person told again about their open hop (the chain's "repeat N times"; 再通知). */
    REMINDER,
    /** The recipient's hop passed its acknowledgement deadline without an acknowledgement (確認期限超過). */
    HOP_OVERDUE,
    /** A legal reporting deadline of the case is near (法定報告期限の接近); no hop, carries the legal deadline. */
    LEGAL_DEADLINE_NEAR,
    /** A legal reporting deadline of the case passed (法定報告期限の超過); no hop, carries the legal deadline. */
    LEGAL_DEADLINE_MISSED,
    /** The CISO approved the public disclosure of the case (公表の承認). */
    DISCLOSURE_APPROVED,
    /**
     * The previous step acknowledged the report and it travels on to the recipient at once (第43条2項), with the
     * acknowledging person's comment; a hop the recipient must acknowledge (報告の転送).
     */
    FORWARDED,
    /** The CSIRT's report (cause, damage, measures) awaits the CISO's review (第44条4項; CISO報告の提出). */
    CISO_REPORT_SUBMITTED,
    /** The CISO returned the CSIRT's report with instructions (第44条5項; CISO報告の差戻し). */
    CISO_REPORT_RETURNED,
    /** The disclosure text went public (公表の実施, 第43条5項). */
    DISCLOSURE_PUBLISHED,
    /** A containment, recovery or recurrence-prevention step was given to the recipient's unit (対応措置の指示). */
    RESPONSE_ACTION_ASSIGNED,
    /** A response action is past its due date (対応措置の期日超過). */
    RESPONSE_ACTION_OVERDUE;

    /** Whether the message is about a hop the recipient must acknowledge, and so carries an acknowledgement link. */
    public boolean isHopNotice() {
        return this == NEW_REPORT || this == ESCALATION || this == REMINDER || this == HOP_OVERDUE || this == FORWARDED;
    }

    /**
     * Whether the message tells of a decision or a step of the response (not of a hop or a legal clock): such
     * messages link to the case's page in the web console, where the decision can be read and acted on.
     */
    public boolean isDecision() {
        return this == DISCLOSURE_APPROVED
                || this == CISO_REPORT_SUBMITTED
                || this == CISO_REPORT_RETURNED
                || this == DISCLOSURE_PUBLISHED
                || this == RESPONSE_ACTION_ASSIGNED
                || this == RESPONSE_ACTION_OVERDUE;
    }
}
