package jp.horenso.incident.chain.event;

import jakarta.validation.constraints.NotNull;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A hop's deadline passed unacknowledged ({@code docs/events/schemas/HopTimedOut.schema.json}). */
public record HopTimedOut(
        @NotNull UUID incidentId,
        @NotNull UUID hopId,
        @NotNull OffsetDateTime timedOutAt) {

    public static final String NAME = "HopTimedOut";
}
