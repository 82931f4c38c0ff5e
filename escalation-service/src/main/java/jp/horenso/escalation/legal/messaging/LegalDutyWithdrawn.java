package jp.horenso.escalation.legal.messaging;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.OffsetDateTime;
import java.util.UUID;

/** The {@code data} of {@code jp.horenso.LegalDutyWithdrawn}: a legal duty does not apply after all. */
public record LegalDutyWithdrawn(
        @NotNull UUID incidentId,
        @NotBlank String code,
        @NotNull OffsetDateTime withdrawnAt) {

    /** The event name in the CloudEvent {@code type}. */
    public static final String NAME = "LegalDutyWithdrawn";
}
