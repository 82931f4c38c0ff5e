package jp.horenso.escalation.decision.messaging;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.util.UUID;

/** The {@code data} this service needs of {@code jp.horenso.CisoReportSubmitted}: the CSIRT's report awaits the CISO. */
public record CisoReportSubmitted(
        @NotNull UUID incidentId,
        @NotNull Integer reportVersion,
        @NotBlank String submittedBy) {

    public static final String NAME = "CisoReportSubmitted";
}
