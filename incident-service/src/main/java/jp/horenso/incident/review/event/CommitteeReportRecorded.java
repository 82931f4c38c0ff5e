package jp.horenso.incident.review.event;

import java.time.OffsetDateTime;
import java.util.UUID;

/** The CISO recorded reporting the case to the committee (第44条6項). */
public record CommitteeReportRecorded(
        UUID incidentId,
        OffsetDateTime reportedAt,
        String reference,
        int reportVersion,
        String recordedBy,
        boolean drill) {

    public static final String NAME = "CommitteeReportRecorded";
}
