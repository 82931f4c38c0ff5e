package jp.horenso.escalation.hop.messaging;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import java.util.UUID;

/** The {@code data} of {@code jp.horenso.IncidentDrillMarkingChanged}: a case was declared (or corrected) a drill. */
public record IncidentDrillMarkingChanged(
        @NotNull UUID incidentId,
        @NotNull Boolean drill,
        @NotBlank String reason,
        @NotBlank String changedBy,
        @NotNull Instant changedAt) {

    /** The event name in the CloudEvent {@code type}. */
    public static final String NAME = "IncidentDrillMarkingChanged";
}
