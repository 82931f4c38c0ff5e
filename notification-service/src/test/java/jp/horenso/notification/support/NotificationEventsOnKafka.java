package jp.horenso.notification.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Finds the outcome events this service published on {@code horenso.notification-events}. */
public final class NotificationEventsOnKafka {

    private static final ObjectMapper JSON = new ObjectMapper();

    private NotificationEventsOnKafka() {}

    /** Waits for the {@code eventName} event about {@code notificationId} and returns its record. */
    public static ConsumerRecord<String, String> await(String eventName, UUID notificationId, Duration timeout) {
        return TestKafka.awaitRecord(
                TestKafka.NOTIFICATION_EVENTS,
                record -> {
                    JsonNode event = parse(record.value());
                    return ("jp.horenso." + eventName).equals(event.path("type").asText())
                            && notificationId
                                    .toString()
                                    .equals(event.path("data")
                                            .path("notificationId")
                                            .asText());
                },
                timeout);
    }

    /** Every {@code eventName} event about {@code notificationId}, read for {@code duration}. */
    public static List<ConsumerRecord<String, String>> all(String eventName, UUID notificationId, Duration duration) {
        return TestKafka.records(
                TestKafka.NOTIFICATION_EVENTS,
                record -> {
                    JsonNode event = parse(record.value());
                    return ("jp.horenso." + eventName).equals(event.path("type").asText())
                            && notificationId
                                    .toString()
                                    .equals(event.path("data")
                                            .path("notificationId")
                                            .asText());
                },
                duration,
                Integer.MAX_VALUE);
    }

    /** The record value as JSON. */
    public static JsonNode parse(String value) {
        try {
            return JSON.readTree(value);
        } catch (JsonProcessingException e) {
            throw new AssertionError("not JSON: " + value, e);
        }
    }
}
