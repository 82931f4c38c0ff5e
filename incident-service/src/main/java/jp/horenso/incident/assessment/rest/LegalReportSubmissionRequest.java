package jp.horenso.incident.assessment.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import jp.horenso.incident.assessment.service.SubmitLegalReport;

/**
 * That a prompt (速報) or final (確報) report was submitted to the recipient.
 *
 * @param reference the recipient's receipt or file number
 */
public record LegalReportSubmissionRequest(
        @NotNull SubmitLegalReport.Report report,
        @NotNull @PastOrPresent OffsetDateTime submittedAt,
        @NotBlank @Size(max = 200) String reference) {}
