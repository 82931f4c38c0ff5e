package jp.horenso.notification.delivery.event;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The data of {@code jp.horenso.ChainStopped}: escalation-service stopped a case's chain because the case was
 * closed or withdrawn, and nothing more is to be sent for it (docs/events/schemas/ChainStopped.schema.json).
 *
 * @param reason CLOSED or WITHDRAWN
 * @param cancelledHops the hops escalation-service cancelled (not used here: notices are found by case)
 */
public record ChainStopped(
        @NotNull UUID incidentId,
        @NotNull @Pattern(regexp = "CLOSED|WITHDRAWN") String reason,
        @NotNull Instant stoppedAt,
        @NotNull List<UUID> cancelledHops,
        @Min(0) Integer cancelledTimers) {

    /** The event name; the CloudEvent type is {@code jp.horenso.} + this. */
    public static final String NAME = "ChainStopped";
}
