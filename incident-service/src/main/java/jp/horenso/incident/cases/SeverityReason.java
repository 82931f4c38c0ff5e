package jp.horenso.incident.cases;

/**
 * One rule of the severity rule that applied to a case, with the level it asks for.
 *
 * @param rule the rule's id in docs/severity.md, e.g. {@code C1}
 */
public record SeverityReason(String rule, Severity level, String ja, String en) {}
