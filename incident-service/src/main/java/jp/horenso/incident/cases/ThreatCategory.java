package jp.horenso.incident.cases;

/** Threat categories (Iwaki 第4). */
public enum ThreatCategory {
    /** 意図的な攻撃 (不正アクセス、ウイルス攻撃 …). */
    INTENTIONAL_ATTACK,
    /** 意図しない要因 (職員の過失、規定違反 …). */
    UNINTENTIONAL_ERROR,
    /** 災害 (地震、落雷、火災 …). */
    DISASTER,
    /** 感染症等による要員不足. */
    EPIDEMIC_STAFF_SHORTAGE,
    /** 電力・通信等のインフラ障害. */
    INFRASTRUCTURE_OUTAGE
}
