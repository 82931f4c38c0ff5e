package jp.horenso.platform.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import jp.horenso.platform.PlatformConfig;
import jp.horenso.platform.tracing.EventTraces;

/**
 * Writes and reads CloudEvents 1.0 in structured JSON mode, the envelope of every Horenso event
 * ({@code docs/events/asyncapi.yaml}). Reading is strict about the envelope (every attribute we rely on present and
 * well formed) and lenient about unknown fields in {@code data}, so a producer may add optional fields.
 */
@ApplicationScoped
public class CloudEvents {

    /** The Kafka {@code content-type} header of a structured CloudEvent. */
    public static final String CONTENT_TYPE = "application/cloudevents+json";
    /** Prefix of every Horenso event type. */
    public static final String TYPE_PREFIX = "jp.horenso.";
    /** Prefix of every Horenso event source. */
    public static final String SOURCE_PREFIX = "/horenso/";
    /** The extension attribute naming the organisation an event belongs to (every Horenso event has one). */
    public static final String ORGANISATION = "organisation";
    /** What an organisation code looks like: {@code demo-city}, {@code demo-gikai}. */
    public static final Pattern ORGANISATION_CODE = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    private final ObjectMapper mapper;
    private final ObjectMapper dataReader;
    private final Validator validator;
    private final String source;

    public CloudEvents(ObjectMapper mapper, Validator validator, PlatformConfig config) {
        this.mapper = mapper;
        this.dataReader = mapper.copy().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        this.validator = validator;
        this.source = SOURCE_PREFIX + config.service();
    }

    /** The {@code source} of every event this service publishes, e.g. {@code /horenso/incident-service}. */
    public String source() {
        return source;
    }

    /**
     * The JSON of a new event of this service about {@code subject} (a case id, an organisation code), belonging to
     * {@code organisation}: carried as the CloudEvents extension attribute {@value #ORGANISATION} so every consumer
     * can check it against what it knows before applying the event. When the writing thread is traced, the event
     * carries the writer's W3C {@code traceparent} ({@link EventTraces}).
     */
    public String write(UUID id, String eventName, String organisation, String subject, Instant time, Object data) {
        if (organisation == null || !ORGANISATION_CODE.matcher(organisation).matches()) {
            throw new IllegalArgumentException("not an organisation code: " + organisation);
        }
        ObjectNode event = mapper.createObjectNode();
        event.put("specversion", "1.0");
        event.put("id", id.toString());
        event.put("source", source);
        event.put("type", TYPE_PREFIX + eventName);
        event.put("time", time.toString());
        event.put("subject", subject);
        event.put(ORGANISATION, organisation);
        // The writer's trace (CloudEvents distributed-tracing extension), before data so the relay finds it cheaply.
        String traceparent = EventTraces.currentTraceparent();
        if (traceparent != null) {
            event.put(EventTraces.TRACEPARENT, traceparent);
        }
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
     * @throws InvalidEventException when the record is not a Horenso CloudEvent 1.0 in structured JSON
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
        if (!type.startsWith(TYPE_PREFIX) || type.length() == TYPE_PREFIX.length()) {
            throw new InvalidEventException("type is not a Horenso event type: " + type);
        }
        String eventSource = required(event, "source");
        if (!eventSource.startsWith(SOURCE_PREFIX)) {
            throw new InvalidEventException("source is not a Horenso service: " + eventSource);
        }
        String contentType = text(event, "datacontenttype");
        if (event.has("datacontenttype") && !"application/json".equals(contentType)) {
            throw new InvalidEventException("datacontenttype is not application/json");
        }
        OffsetDateTime time;
        try {
            time = OffsetDateTime.parse(required(event, "time"));
        } catch (DateTimeParseException e) {
            throw new InvalidEventException("time is not an RFC 3339 timestamp");
        }
        JsonNode data = event.get("data");
        if (data == null || !data.isObject()) {
            throw new InvalidEventException(type + " without a data object");
        }
        String organisation = required(event, ORGANISATION);
        if (!ORGANISATION_CODE.matcher(organisation).matches()) {
            throw new InvalidEventException("organisation is not an organisation code");
        }
        return new IncomingEvent(
                uuid(event, "id"), type, eventSource, organisation, required(event, "subject"), time, data);
    }

    /**
     * The {@code data} of a received event as {@code type}, checked against the record's constraints.
     *
     * @throws InvalidEventException when the data is malformed or incomplete
     */
    public <T> T data(IncomingEvent event, Class<T> type) {
        T value;
        try {
            value = dataReader.treeToValue(event.data(), type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new InvalidEventException(event.type() + " data malformed: " + e.getMessage());
        }
        if (value == null) {
            throw new InvalidEventException(event.type() + " without data");
        }
        Set<ConstraintViolation<T>> violations = validator.validate(value);
        if (!violations.isEmpty()) {
            throw new InvalidEventException(event.type() + " data invalid: "
                    + violations.stream()
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
