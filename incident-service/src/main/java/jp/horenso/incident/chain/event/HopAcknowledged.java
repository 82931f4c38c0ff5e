package jp.horenso.incident.chain.event;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.OffsetDateTime;
import java.util.UUID;

/** The recipient of a hop acknowledged it ({@code docs/events/schemas/HopAcknowledged.schema.json}). */
public record HopAcknowledged(
        @NotNull UUID incidentId,
        @NotNull UUID hopId,
        @NotBlank String acknowledgedBy,
        @NotNull OffsetDateTime acknowledgedAt) {

    public static final String NAME = "HopAcknowledged";
}
