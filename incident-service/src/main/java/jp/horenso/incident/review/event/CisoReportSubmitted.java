package jp.horenso.incident.review.event;

import java.time.OffsetDateTime;
import java.util.UUID;

/** The CSIRT reported the case record to the CISO (第44条4項) as a new, frozen version. */
public record CisoReportSubmitted(
        UUID incidentId,
        String incidentNumber,
        int reportVersion,
        String sha256,
        long recurrencePreventionMeasures,
        String submittedBy,
        OffsetDateTime submittedAt,
        boolean drill) {

    public static final String NAME = "CisoReportSubmitted";
}
