package jp.horenso.incident.cases.service;

import jp.horenso.incident.cases.Severity;

/** The CSIRT overrides the computed severity (null: back to the computed one), with a reason. */
public record OverrideSeverity(Severity severity, String reason) {}
