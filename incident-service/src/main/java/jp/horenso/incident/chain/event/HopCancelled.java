package jp.horenso.incident.chain.event;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A hop was cancelled (unit changed, case closed or withdrawn; {@code HopCancelled.schema.json}). */
public record HopCancelled(
        @NotNull UUID incidentId,
        @NotNull UUID hopId,
        @NotBlank String reason,
        @NotNull OffsetDateTime cancelledAt) {

    public static final String NAME = "HopCancelled";
}
