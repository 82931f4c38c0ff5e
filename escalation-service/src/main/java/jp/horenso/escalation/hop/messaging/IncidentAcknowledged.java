package jp.horenso.escalation.hop.messaging;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import java.util.UUID;

/** The {@code data} of {@code jp.horenso.IncidentAcknowledged}: a recipient acknowledged the report. */
public record IncidentAcknowledged(
        @NotNull UUID incidentId,
        @NotNull @Valid IncidentReported.Actor acknowledgedBy,
        @NotNull Instant acknowledgedAt,
        @NotBlank String via,
        String comment) {

    /** The event name in the CloudEvent {@code type}. */
    public static final String NAME = "IncidentAcknowledged";
}
