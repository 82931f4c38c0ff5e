package jp.horenso.notification.acknowledgement.event;

import java.time.Instant;
import java.util.UUID;

/**
 * The data of {@code jp.horenso.AcknowledgementLinkUsed}: the recipient of a hop notification acknowledged it
 * with the one-click link (docs/events/schemas/AcknowledgementLinkUsed.schema.json). incident-service records
 * the acknowledgement, via LINK, and escalation-service stops the hop through the IncidentAcknowledged that
 * follows.
 */
public record AcknowledgementLinkUsed(
        UUID notificationId, UUID incidentId, UUID hopId, String username, Instant acknowledgedAt) {

    /** The event name; the CloudEvent type is {@code jp.horenso.} + this. */
    public static final String NAME = "AcknowledgementLinkUsed";
}
