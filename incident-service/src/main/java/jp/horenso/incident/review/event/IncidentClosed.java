package jp.horenso.incident.review.event;

import java.time.OffsetDateTime;
import java.util.UUID;

/** The case was closed after the CISO accepted its recurrence prevention (第44条5–6項). */
public record IncidentClosed(
        UUID incidentId,
        String incidentNumber,
        OffsetDateTime closedAt,
        String closedBy,
        int acceptedReportVersion,
        boolean severeJudgedByCiso,
        OffsetDateTime committeeReportedAt,
        boolean drill) {

    public static final String NAME = "IncidentClosed";
}
