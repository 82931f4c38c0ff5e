package jp.horenso.incident.cases;

/** How much the incident impairs the city's services (NIST SP 800-61 r2). */
public enum FunctionalImpact {
    NONE,
    LOW,
    MEDIUM,
    HIGH
}
