package jp.horenso.incident.acknowledgement.event;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * notification-service checked a signed acknowledgement link and its recipient used it (read here, written there;
 * fields as {@code docs/events/schemas/AcknowledgementLinkUsed.schema.json}). Read with
 * {@code CloudEvents.data(event, AcknowledgementLinkUsed.class)}: a missing field sends the record to the DLQ.
 */
public record AcknowledgementLinkUsed(
        @NotNull UUID notificationId,
        @NotNull UUID incidentId,
        @NotNull UUID hopId,
        @NotBlank String username,
        @NotNull OffsetDateTime acknowledgedAt) {

    public static final String NAME = "AcknowledgementLinkUsed";
}
