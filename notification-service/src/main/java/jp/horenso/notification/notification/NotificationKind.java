package jp.horenso.notification.notification;

/** Why a person is told about a case; each kind has its own mail template. */
public enum NotificationKind {
    /** A new report reached the recipient (新規報告). */
    NEW_REPORT,
    /** The report was escalated to the recipient because nobody acknowledged it in time (エスカレーション). */
    ESCALATION
}
