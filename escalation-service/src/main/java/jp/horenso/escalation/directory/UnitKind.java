package jp.horenso.escalation.directory;

/** The two levels of an organisation's tree below the organisation itself. */
public enum UnitKind {
    /** 部. */
    DEPARTMENT,
    /** 課: every person and every case belongs to one. */
    SECTION
}
