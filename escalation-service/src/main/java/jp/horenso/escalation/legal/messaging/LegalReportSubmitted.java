package jp.horenso.escalation.legal.messaging;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.OffsetDateTime;
import java.util.UUID;
import jp.horenso.escalation.legal.LegalReport;

/** The {@code data} of {@code jp.horenso.LegalReportSubmitted}: a prompt or final legal report was submitted. */
public record LegalReportSubmitted(
        @NotNull UUID incidentId,
        @NotBlank String code,
        @NotNull LegalReport report,
        @NotNull OffsetDateTime submittedAt,
        String reference,
        String recordedBy) {

    /** The event name in the CloudEvent {@code type}. */
    public static final String NAME = "LegalReportSubmitted";
}
