package jp.horenso.incident.cases;

/** Through whom a report came in (第43条1項: staff, or on behalf of a vendor or citizen). */
public enum ReporterType {
    /** 職員 who noticed it. */
    STAFF,
    /** 業者 (a vendor) who told a staff member. */
    VENDOR,
    /** 市民等 (a citizen) who told a staff member. */
    CITIZEN,
    /** The CSIRT's own monitoring (第44条1項). */
    CSIRT_MONITORING
}
