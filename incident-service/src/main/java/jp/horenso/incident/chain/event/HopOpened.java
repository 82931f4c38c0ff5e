package jp.horenso.incident.chain.event;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * escalation-service opened a hop of the chain (read here, written there; fields as
 * {@code docs/events/schemas/HopOpened.schema.json}, those this service uses). The hop opened at the event's time.
 */
public record HopOpened(
        @NotNull UUID incidentId,
        @NotNull UUID hopId,
        @NotBlank String step,
        @NotNull @Valid Recipient recipient,
        @NotNull OffsetDateTime ackDeadline,
        UUID escalatedFrom,
        String trigger,
        String deputyFor) {

    public static final String NAME = "HopOpened";

    /** The person the hop is addressed to. */
    public record Recipient(@NotBlank String username, String name) {}
}
