package jp.horenso.escalation.directory;

/**
 * A position in an organisation that a chain step is addressed to; the names are the {@code step} values of
 * the event contract.
 */
public enum Position {
    /** 課長等 (情報セキュリティ管理者): head of a section. */
    SECTION_CHIEF,
    /** 部長等 (情報セキュリティ責任者): head of a department. */
    DEPARTMENT_HEAD,
    /** 統括情報セキュリティ責任者 (情報政策課長): the security lead of the organisation. */
    SECURITY_LEAD,
    /** A member of the CSIRT. */
    CSIRT,
    /** 最高情報セキュリティ責任者 (副市長). */
    CISO,
    /** 副CISO. */
    VICE_CISO,
    /** 情報セキュリティ委員会. */
    COMMITTEE;

    /** Whether the position belongs to a unit (a section or department) rather than to the organisation. */
    public boolean isOfUnit() {
        return this == SECTION_CHIEF || this == DEPARTMENT_HEAD;
    }
}
