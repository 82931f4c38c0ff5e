package jp.horenso.notification.notification;

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
    DISCLOSURE_APPROVED;

    /** Whether the message is about a hop the recipient must acknowledge, and so carries an acknowledgement link. */
    public boolean isHopNotice() {
        return this == NEW_REPORT || this == ESCALATION || this == REMINDER || this == HOP_OVERDUE;
    }
}
