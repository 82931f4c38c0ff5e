package jp.horenso.incident.review.event;

import java.time.OffsetDateTime;
import java.util.UUID;
import jp.horenso.incident.cases.IncidentState;
import jp.horenso.incident.review.CisoReport;

/** The CISO accepted or returned a report (第44条5項); {@code instructions} is null when accepted. */
public record CisoReviewDecided(
        UUID incidentId,
        int reportVersion,
        CisoReport.Decision decision,
        IncidentState state,
        boolean severeJudgedByCiso,
        String decidedBy,
        OffsetDateTime decidedAt,
        boolean drill,
        String instructions) {

    public static final String NAME = "CisoReviewDecided";
}
