package jp.horenso.incident.assessment.event;

import java.time.OffsetDateTime;
import java.util.UUID;

/** The prompt (速報) or final (確報) report of a legal duty was submitted; the final one stops the clock. */
public record LegalReportSubmitted(
        UUID incidentId, String code, String report, OffsetDateTime submittedAt, String reference, String recordedBy) {

    public static final String NAME = "LegalReportSubmitted";
}
