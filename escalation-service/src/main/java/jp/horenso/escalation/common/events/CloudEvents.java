package jp.horenso.escalation.common.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Writes and reads CloudEvents 1.0 in structured JSON mode, the envelope of every Horenso event
 * (docs/events/asyncapi.yaml).
 */
@ApplicationScoped
public class CloudEvents {

    /** The {@code source} of every event this service publishes. */
    public static final String SOURCE = "/horenso/escalation-service";
    /** The Kafka {@code content-type} header of a structured CloudEvent. */
    public static final String CONTENT_TYPE = "application/cloudevents+json";
    /** Prefix of every Horenso event type. */
    public static final String TYPE_PREFIX = "jp.horenso.";

    private final ObjectMapper mapper;
    private final Validator validator;

    public CloudEvents(ObjectMapper mapper, Validator validator) {
        this.mapper = mapper;
        this.validator = validator;
    }

    /** The JSON of a new event of this service about case {@code subject}. */
    public String write(UUID id, String eventName, UUID subject, Instant time, Object data) {
        return write(id, eventName, subject.toString(), time, data);
    }

    /** The JSON of a new event of this service about {@code subject} (a case id, an organisation code). */
    public String write(UUID id, String eventName, String subject, Instant time, Object data) {
        ObjectNode event = mapper.createObjectNode();
        event.put("specversion", "1.0");
        event.put("id", id.toString());
        event.put("source", SOURCE);
        event.put("type", TYPE_PREFIX + eventName);
        event.put("time", time.toString());
        event.put("subject", subject);
        event.put("datacontenttype", "application/json");
        event.set("data", mapper.valueToTree(data));
        try {
            return mapper.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write event " + eventName, e);
        }
    }

    /**
     * Reads the envelope of a received record.
     *
     * @throws InvalidEventException when the record is not a CloudEvent 1.0 in structured JSON
     */
    public IncomingEvent read(String json) {
        if (json == null || json.isBlank()) {
            throw new InvalidEventException("empty record");
        }
        JsonNode event;
        try {
            event = mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new InvalidEventException("not JSON: " + e.getOriginalMessage());
        }
        if (event == null || !event.isObject()) {
            throw new InvalidEventException("not a JSON object");
        }
        if (!"1.0".equals(text(event, "specversion"))) {
            throw new InvalidEventException("specversion is not 1.0");
        }
        String type = required(event, "type");
        String source = required(event, "source");
        UUID id = uuid(event, "id");
        Instant time = null;
        if (event.hasNonNull("time")) {
            try {
                time = Instant.parse(event.get("time").asText());
            } catch (DateTimeParseException e) {
                throw new InvalidEventException("time is not an RFC 3339 timestamp");
            }
        }
        JsonNode data = event.get("data");
        return new IncomingEvent(id, type, source, event.hasNonNull("subject") ? event.get("subject").asText() : null,
                time, data);
    }

    /**
     * The {@code data} of a received event as {@code type}, checked against the record's constraints.
     *
     * @throws InvalidEventException when the data is missing, malformed or incomplete
     */
    public <T> T data(IncomingEvent event, Class<T> type) {
        if (event.data() == null || !event.data().isObject()) {
            throw new InvalidEventException(event.type() + " without a data object");
        }
        T value;
        try {
            value = mapper.treeToValue(event.data(), type);
        } catch (JsonProcessingException e) {
            throw new InvalidEventException(event.type() + " data malformed: " + e.getOriginalMessage());
        }
        Set<ConstraintViolation<T>> violations = validator.validate(value);
        if (!violations.isEmpty()) {
            throw new InvalidEventException(event.type() + " data invalid: " + violations.stream()
                    .map(v -> v.getPropertyPath() + " " + v.getMessage())
                    .sorted()
                    .collect(Collectors.joining(", ")));
        }
        return value;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() ? value.asText() : null;
    }

    private static String required(JsonNode node, String field) {
        String value = text(node, field);
        if (value == null || value.isBlank()) {
            throw new InvalidEventException(field + " missing");
        }
        return value;
    }

    private static UUID uuid(JsonNode node, String field) {
        try {
            return UUID.fromString(required(node, field));
        } catch (IllegalArgumentException e) {
            throw new InvalidEventException(field + " is not a UUID");
        }
    }
}
