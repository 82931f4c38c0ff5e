package jp.horenso.notification.common.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A CloudEvents 1.0 envelope in structured JSON mode, as every Horenso service sends it.
 *
 * @param id unique per event; consumers apply each id once
 * @param subject the incident (case) id, also the Kafka key
 * @param data the event's payload, still as JSON
 */
public record CloudEvent(UUID id, String source, String type, OffsetDateTime time, String subject,
        String datacontenttype, JsonNode data) {

    public static final String SPEC_VERSION = "1.0";
    /** The value of the Kafka header {@code content-type} of every event record. */
    public static final String CONTENT_TYPE = "application/cloudevents+json";
    /** Prefix of every Horenso event type. */
    public static final String TYPE_PREFIX = "jp.horenso.";
}
