package jp.horenso.platform.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * The envelope of a received CloudEvent, checked by {@link CloudEvents#read}; its {@code data} is read into a
 * record by {@link CloudEvents#data}.
 */
public record IncomingEvent(UUID id, String type, String source, String subject, OffsetDateTime time, JsonNode data) {

    /** Whether this is the Horenso event called {@code eventName} (e.g. {@code IncidentReported}). */
    public boolean is(String eventName) {
        return (CloudEvents.TYPE_PREFIX + eventName).equals(type);
    }

    /** The event's name without the Horenso prefix (e.g. {@code IncidentReported}). */
    public String name() {
        return type.substring(CloudEvents.TYPE_PREFIX.length());
    }
}
