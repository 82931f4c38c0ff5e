package jp.horenso.incident.acknowledgement.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.OffsetDateTime;
import java.util.UUID;
import jp.horenso.incident.common.events.CloudEvent.MalformedEventException;

/**
 * notification-service checked a signed acknowledgement link and its recipient used it (read here, written there;
 * fields as {@code docs/events/schemas/AcknowledgementLinkUsed.schema.json}).
 */
public record AcknowledgementLinkUsed(UUID notificationId, UUID incidentId, UUID hopId, String username,
        OffsetDateTime acknowledgedAt) {

    public static final String NAME = "AcknowledgementLinkUsed";

    /**
     * The event's data, every field present.
     *
     * @throws MalformedEventException for anything else (the record then goes to the dead-letter topic)
     */
    public static AcknowledgementLinkUsed read(JsonNode data, ObjectMapper mapper) {
        AcknowledgementLinkUsed used;
        try {
            used = mapper.treeToValue(data, AcknowledgementLinkUsed.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new MalformedEventException("bad " + NAME + ": " + e.getMessage());
        }
        if (used.notificationId == null || used.incidentId == null || used.hopId == null
                || used.acknowledgedAt == null) {
            throw new MalformedEventException(NAME + " without notificationId, incidentId, hopId or acknowledgedAt");
        }
        if (used.username == null || used.username.isBlank()) {
            throw new MalformedEventException(NAME + " without username");
        }
        return used;
    }
}
