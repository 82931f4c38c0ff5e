package jp.horenso.incident.cases;

/** Kinds of personal data a case may involve (Hadano 定義, regulatory.md R1, R2). */
public enum PersonalDataKind {
    /** 個人情報. */
    BASIC,
    /** 要配慮個人情報. */
    SENSITIVE,
    /** 条例要配慮個人情報. */
    ORDINANCE_SENSITIVE,
    /** 特定個人情報 (マイナンバーを含む). */
    MY_NUMBER
}
