package jp.horenso.escalation.hop.messaging;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import java.util.UUID;

/** The {@code data} of {@code jp.horenso.IncidentClosed} this service needs: the case was closed. */
public record IncidentClosed(
        @NotNull UUID incidentId,
        @NotBlank String incidentNumber,
        @NotNull Instant closedAt) {

    /** The event name in the CloudEvent {@code type}. */
    public static final String NAME = "IncidentClosed";
}
