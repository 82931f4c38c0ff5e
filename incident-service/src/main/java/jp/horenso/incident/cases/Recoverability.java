package jp.horenso.incident.cases;

/** How far the city can recover (NIST SP 800-61 r2). */
public enum Recoverability {
    /** 通常の手順で復旧可能. */
    REGULAR,
    /** 追加の資源で復旧可能. */
    SUPPLEMENTED,
    /** 外部の支援が必要. */
    EXTENDED,
    /** 復旧不能. */
    NOT_RECOVERABLE
}
