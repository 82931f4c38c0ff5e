package jp.horenso.incident.common.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.UUID;
import jp.horenso.incident.common.events.CloudEvent.MalformedEventException;

/** Reads fields of an incoming event's data; a missing or malformed one sends the record to the dead-letter topic. */
public final class EventData {

    private EventData() {
    }

    /** A text field that must be present and not blank. */
    public static String required(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull() || value.asText().isBlank()) {
            throw new MalformedEventException("missing data field " + field);
        }
        return value.asText();
    }

    /** A text field that may be absent, null or blank (then null). */
    public static String optional(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || value.asText().isBlank() ? null : value.asText();
    }

    /** A required RFC 3339 time. */
    public static OffsetDateTime time(JsonNode node, String field) {
        try {
            return OffsetDateTime.parse(required(node, field));
        } catch (DateTimeParseException e) {
            throw new MalformedEventException("bad time in " + field);
        }
    }

    public static UUID uuid(String value, String field) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw new MalformedEventException("bad uuid in " + field);
        }
    }
}
