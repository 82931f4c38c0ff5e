package jp.horenso.incident.common.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.UUID;

/**
 * A CloudEvents 1.0 envelope in structured JSON mode, as written in {@code docs/events/}.
 *
 * @param subject the incident (case) id, also the Kafka record key
 */
public record CloudEvent(UUID id, String source, String type, OffsetDateTime time, String subject, JsonNode data) {

    public static final String SPEC_VERSION = "1.0";
    public static final String TYPE_PREFIX = "jp.horenso.";
    public static final String SOURCE = "/horenso/incident-service";
    public static final String CONTENT_TYPE = "application/cloudevents+json";

    /** A new event of this service, stamped now. */
    public static CloudEvent of(String eventName, UUID incidentId, JsonNode data) {
        return new CloudEvent(UUID.randomUUID(), SOURCE, TYPE_PREFIX + eventName,
                OffsetDateTime.now(ZoneOffset.UTC), incidentId.toString(), data);
    }

    /** The event name without the type prefix, e.g. {@code HopOpened}. */
    public String name() {
        return type.startsWith(TYPE_PREFIX) ? type.substring(TYPE_PREFIX.length()) : type;
    }

    public String toJson(ObjectMapper mapper) {
        ObjectNode node = mapper.createObjectNode();
        node.put("specversion", SPEC_VERSION);
        node.put("id", id.toString());
        node.put("source", source);
        node.put("type", type);
        node.put("time", EventTimes.format(time));
        node.put("subject", subject);
        node.put("datacontenttype", "application/json");
        node.set("data", data);
        try {
            return mapper.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Reads an envelope, refusing anything that is not a CloudEvent 1.0 with the attributes we rely on.
     *
     * @throws MalformedEventException so that the record goes to the dead-letter topic
     */
    public static CloudEvent parse(String json, ObjectMapper mapper) {
        JsonNode node;
        try {
            node = mapper.readTree(json);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new MalformedEventException("not JSON: " + e.getMessage());
        }
        if (node == null || !node.isObject()) {
            throw new MalformedEventException("not a JSON object");
        }
        if (!SPEC_VERSION.equals(text(node, "specversion"))) {
            throw new MalformedEventException("specversion must be 1.0");
        }
        JsonNode data = node.get("data");
        if (data == null || !data.isObject()) {
            throw new MalformedEventException("data must be an object");
        }
        try {
            return new CloudEvent(UUID.fromString(text(node, "id")), text(node, "source"), text(node, "type"),
                    OffsetDateTime.parse(text(node, "time")), text(node, "subject"), data);
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new MalformedEventException("bad attribute: " + e.getMessage());
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new MalformedEventException("missing attribute " + field);
        }
        return value.asText();
    }

    /** An incoming record that is not a usable event. */
    public static class MalformedEventException extends RuntimeException {
        public MalformedEventException(String message) {
            super(message);
        }
    }
}
