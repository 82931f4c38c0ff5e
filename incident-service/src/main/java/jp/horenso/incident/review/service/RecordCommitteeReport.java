package jp.horenso.incident.review.service;

import java.time.OffsetDateTime;

/** That the CISO reported the case to the committee (第44条6項). */
public record RecordCommitteeReport(OffsetDateTime reportedAt, String reference) {}
