package jp.horenso.notification.common.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/** Reads and writes CloudEvents 1.0 structured JSON, rejecting anything that is not one. */
@ApplicationScoped
public class CloudEvents {

    /** The {@code source} of every event this service publishes. */
    public static final String SOURCE = "/horenso/notification-service";

    private final ObjectMapper mapper;
    private final Validator validator;

    public CloudEvents(ObjectMapper mapper, Validator validator) {
        this.mapper = mapper;
        this.validator = validator;
    }

    /** Parses a record value; throws {@link InvalidEventException} when it is not a CloudEvent. */
    public CloudEvent parse(String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidEventException("empty record value");
        }
        JsonNode root;
        try {
            root = mapper.readTree(value);
        } catch (JsonProcessingException e) {
            throw new InvalidEventException("record value is not JSON", e);
        }
        if (root == null || !root.isObject()) {
            throw new InvalidEventException("record value is not a JSON object");
        }
        if (!CloudEvent.SPEC_VERSION.equals(text(root, "specversion"))) {
            throw new InvalidEventException("specversion must be 1.0");
        }
        String id = required(root, "id");
        String source = required(root, "source");
        String type = required(root, "type");
        String time = text(root, "time");
        try {
            return new CloudEvent(UUID.fromString(id), source, type, time == null ? null : OffsetDateTime.parse(time),
                    text(root, "subject"), text(root, "datacontenttype"), root.get("data"));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new InvalidEventException("malformed CloudEvent attribute: " + e.getMessage(), e);
        }
    }

    /** Binds and validates an event's {@code data}; throws {@link InvalidEventException} when it does not fit. */
    public <T> T data(CloudEvent event, Class<T> type) {
        if (event.data() == null || !event.data().isObject()) {
            throw new InvalidEventException(event.type() + " " + event.id() + " has no data object");
        }
        T data;
        try {
            data = mapper.treeToValue(event.data(), type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new InvalidEventException(event.type() + " " + event.id() + " has unreadable data", e);
        }
        Set<ConstraintViolation<T>> violations = validator.validate(data);
        if (!violations.isEmpty()) {
            throw new InvalidEventException(event.type() + " " + event.id() + " is invalid: " + violations.stream()
                    .map(v -> v.getPropertyPath() + " " + v.getMessage()).sorted().collect(Collectors.joining("; ")));
        }
        return data;
    }

    /** Writes a new event of {@code eventName} (e.g. {@code NotificationDelivered}) about one case. */
    public CloudEvent create(String eventName, UUID incidentId, Object data) {
        return new CloudEvent(UUID.randomUUID(), SOURCE, CloudEvent.TYPE_PREFIX + eventName,
                OffsetDateTime.ofInstant(Instant.now(), ZoneOffset.UTC), incidentId.toString(), "application/json",
                mapper.valueToTree(data));
    }

    /** The structured-mode JSON of an event. */
    public String toJson(CloudEvent event) {
        ObjectNode json = mapper.createObjectNode();
        json.put("specversion", CloudEvent.SPEC_VERSION);
        json.put("id", event.id().toString());
        json.put("source", event.source());
        json.put("type", event.type());
        // Instant#toString always writes seconds, as RFC 3339 requires (OffsetDateTime#toString may not).
        json.put("time", event.time().toInstant().toString());
        json.put("subject", event.subject());
        json.put("datacontenttype", event.datacontenttype());
        json.set("data", event.data());
        try {
            return mapper.writeValueAsString(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write event " + event.id(), e);
        }
    }

    private static String required(JsonNode root, String field) {
        String value = text(root, field);
        if (value == null || value.isBlank()) {
            throw new InvalidEventException("CloudEvent attribute '" + field + "' is missing");
        }
        return value;
    }

    private static String text(JsonNode root, String field) {
        JsonNode node = root.get(field);
        return node == null || !node.isTextual() ? null : node.asText();
    }
}
