package jp.horenso.escalation.common.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.UUID;

/** The envelope of a received CloudEvent; {@code data} is read by {@link CloudEvents#data}. */
public record IncomingEvent(UUID id, String type, String source, String subject, Instant time, JsonNode data) {

    /** Whether this is the Horenso event called {@code eventName} (e.g. {@code IncidentReported}). */
    public boolean is(String eventName) {
        return (CloudEvents.TYPE_PREFIX + eventName).equals(type);
    }

    /** The event's name without the Horenso prefix (e.g. {@code IncidentReported}). */
    public String name() {
        return type != null && type.startsWith(CloudEvents.TYPE_PREFIX) ? type.substring(CloudEvents.TYPE_PREFIX.length())
                : type;
    }
}
