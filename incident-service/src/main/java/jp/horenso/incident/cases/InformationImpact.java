package jp.horenso.incident.cases;

/** What happened to information (NIST SP 800-61 r2). */
public enum InformationImpact {
    NONE,
    /** 個人情報の漏えい等. */
    PRIVACY_BREACH,
    /** 非公開情報の漏えい. */
    PROPRIETARY_BREACH,
    /** 完全性の喪失. */
    INTEGRITY_LOSS
}
