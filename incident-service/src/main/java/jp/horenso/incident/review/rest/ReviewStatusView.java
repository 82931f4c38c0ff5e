package jp.horenso.incident.review.rest;

import java.time.OffsetDateTime;
import java.util.List;
import jp.horenso.incident.cases.IncidentState;

/**
 * Where a case stands in the CISO's review and whether it can close; {@code missing} says what closing still
 * needs.
 */
public record ReviewStatusView(
        String incidentNumber,
        IncidentState state,
        Integer latestReportVersion,
        Integer acceptedReportVersion,
        boolean severeJudgedByCiso,
        CommitteeReportView committeeReport,
        OffsetDateTime closedAt,
        boolean closable,
        List<Missing> missing) {

    /** The committee report (第44条6項). */
    public record CommitteeReportView(
            OffsetDateTime reportedAt, String reference, int reportVersion, String recordedBy) {}

    /** Something closing still needs, in both languages. */
    public record Missing(String code, String ja, String en) {}
}
