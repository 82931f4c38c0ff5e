package jp.horenso.escalation.hop.messaging;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import java.util.UUID;

/** The {@code data} of {@code jp.horenso.IncidentWithdrawn}: the CSIRT withdrew a report filed by mistake. */
public record IncidentWithdrawn(
        @NotNull UUID incidentId,
        @NotBlank String incidentNumber,
        @NotBlank String reason,
        @NotBlank String withdrawnBy,
        @NotNull Instant withdrawnAt) {

    /** The event name in the CloudEvent {@code type}. */
    public static final String NAME = "IncidentWithdrawn";
}
