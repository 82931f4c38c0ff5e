package jp.horenso.incident.evidence.service;

/** That evidence was handed over: to whom and why (第107条). */
public record HandOverEvidence(String to, String purpose) {}
