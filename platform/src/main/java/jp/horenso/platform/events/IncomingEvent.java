package jp.horenso.platform.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * The envelope of a received CloudEvent, checked by {@link CloudEvents#read}; its {@code data} is read into a
 * record by {@link CloudEvents#data}.
 */
public record IncomingEvent(
        UUID id, String type, String source, String organisation, String subject, OffsetDateTime time, JsonNode data) {

    /** Whether this is the Horenso event called {@code eventName} (e.g. {@code IncidentReported}). */
    public boolean is(String eventName) {
        return (CloudEvents.TYPE_PREFIX + eventName).equals(type);
    }

    /**
     * Refuses (to the dead-letter topic) an event that claims another organisation than the one the consumer found
     * for its subject: a case, a chain or a person never crosses from one organisation to another.
     *
     * @throws InvalidEventException when {@code known} is not this event's organisation
     */
    public void requireOrganisation(String known) {
        if (!organisation.equals(known)) {
            throw new InvalidEventException(type + " " + id + " claims organisation " + organisation + " but " + subject
                    + " belongs to " + known);
        }
    }

    /** The event's name without the Horenso prefix (e.g. {@code IncidentReported}). */
    public String name() {
        return type.substring(CloudEvents.TYPE_PREFIX.length());
    }
}
