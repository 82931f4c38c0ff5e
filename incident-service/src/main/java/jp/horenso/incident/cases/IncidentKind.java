package jp.horenso.incident.cases;

/** What kind of report a case is; all go through the same chain. */
public enum IncidentKind {
    /** セキュリティ侵害 (第6条(3), 第43条). */
    SECURITY_INCIDENT,
    /** 電子メールの誤送信 (第78条): a leak unless every copy was confirmed deleted unread. */
    MISSENT_EMAIL,
    /** システム障害 (第65条). */
    SYSTEM_FAILURE,
    /** 情報セキュリティポリシー違反 (第110条). */
    POLICY_VIOLATION,
    /** 例外措置 (第108条). */
    EXCEPTION_MEASURE
}
