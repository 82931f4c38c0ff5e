package jp.horenso.incident.chain.event;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** The chain of a case stopped (closed or withdrawn; {@code ChainStopped.schema.json}). */
public record ChainStopped(
        @NotNull UUID incidentId,
        @NotBlank String reason,
        @NotNull OffsetDateTime stoppedAt,
        @NotNull List<@NotNull UUID> cancelledHops) {

    public static final String NAME = "ChainStopped";
}
