package jp.horenso.escalation.hop.messaging;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import java.util.UUID;

/**
 * The {@code data} of {@code jp.horenso.IncidentUnitChanged}: the CSIRT or the security lead moved a case to the
 * unit (section) it concerns (第44条2項), with a reason.
 */
public record IncidentUnitChanged(
        @NotNull UUID incidentId,
        @NotBlank String organisation,
        @NotBlank String previousUnit,
        @NotBlank String unit,
        String department,
        @NotBlank String reason,
        @NotBlank String changedBy,
        @NotNull Instant changedAt,
        @NotNull Boolean drill) {

    /** The event name in the CloudEvent {@code type}. */
    public static final String NAME = "IncidentUnitChanged";
}
