package jp.horenso.incident.review.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import jp.horenso.incident.review.CisoReport;

/**
 * A report to the CISO as the API shows it; the list leaves the snapshot out.
 *
 * @param sha256 SHA-256 of the snapshot exactly as stored (GET …/snapshot gives those bytes)
 * @param latest only the latest report can be decided
 */
public record CisoReportView(
        int version,
        String sha256,
        String submittedBy,
        OffsetDateTime submittedAt,
        boolean latest,
        Decision decision,
        @JsonInclude(JsonInclude.Include.NON_NULL) JsonNode snapshot) {

    /** The CISO's decision on the report. */
    public record Decision(
            CisoReport.Decision decision, String instructions, String decidedBy, OffsetDateTime decidedAt) {}

    public static CisoReportView of(CisoReport r, boolean latest, JsonNode snapshot) {
        return new CisoReportView(
                r.version(),
                r.sha256(),
                r.submittedBy(),
                r.submittedAt(),
                latest,
                r.decision() == null
                        ? null
                        : new Decision(r.decision(), r.instructions(), r.decidedBy(), r.decidedAt()),
                snapshot);
    }
}
