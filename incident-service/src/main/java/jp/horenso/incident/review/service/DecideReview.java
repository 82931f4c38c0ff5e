package jp.horenso.incident.review.service;

import jp.horenso.incident.review.CisoReport;

/** The CISO accepts or returns a report (第44条5項); {@code severe} null leaves the judgement unchanged. */
public record DecideReview(CisoReport.Decision decision, String instructions, Boolean severe) {}
