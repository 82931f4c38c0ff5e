package jp.horenso.incident.cases.service;

/** Withdraws a report filed by mistake, with a reason. */
public record WithdrawCase(String reason) {}
