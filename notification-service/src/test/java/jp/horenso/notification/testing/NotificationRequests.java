package jp.horenso.notification.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Builds NotificationRequested events as escalation-service sends them, and sends them after checking them
 * against the contract.
 */
public final class NotificationRequests {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One request; change fields with the {@code with…} methods, then {@link #send()}. */
    public static final class Request {
        public final UUID eventId = UUID.randomUUID();
        public final UUID notificationId = UUID.randomUUID();
        public UUID incidentId = UUID.randomUUID();
        /** Unique per request so a test finds its own mail by subject. */
        public final String incidentNumber = "INC-2026-" + ThreadLocalRandom.current().nextInt(100000, 1000000);
        public final Instant ackDeadline = Instant.parse("2026-11-24T01:15:00Z");
        String kind = "NEW_REPORT";
        boolean drill;
        String username = "chief1";
        String name = "総務 課長 一郎";
        String email = "chief1@demo-city.example.jp";

        /** About the same case as {@code other}: same Kafka key, so the service reads both in order. */
        public Request sameCaseAs(Request other) {
            this.incidentId = other.incidentId;
            return this;
        }

        public Request escalation() {
            this.kind = "ESCALATION";
            return this;
        }

        public Request drill() {
            this.drill = true;
            return this;
        }

        public Request to(String username, String name, String email) {
            this.username = username;
            this.name = name;
            this.email = email;
            return this;
        }

        /** The CloudEvent, under event id {@code eventId}. */
        public ObjectNode event(UUID eventId) {
            ObjectNode event = JSON.createObjectNode();
            event.put("specversion", "1.0");
            event.put("id", eventId.toString());
            event.put("source", "/horenso/escalation-service");
            event.put("type", "jp.horenso.NotificationRequested");
            event.put("time", Instant.now().truncatedTo(ChronoUnit.MILLIS).toString());
            event.put("subject", incidentId.toString());
            event.put("datacontenttype", "application/json");
            ObjectNode data = event.putObject("data");
            data.put("notificationId", notificationId.toString());
            data.put("incidentId", incidentId.toString());
            data.put("incidentNumber", incidentNumber);
            data.put("kind", kind);
            data.put("hopId", UUID.randomUUID().toString());
            data.put("step", "SECTION_CHIEF");
            ObjectNode recipient = data.putObject("recipient");
            recipient.put("username", username);
            recipient.put("name", name);
            recipient.put("email", email);
            recipient.put("locale", "ja");
            data.put("ackDeadline", ackDeadline.toString());
            data.put("severity", "HIGH");
            data.put("drill", drill);
            return event;
        }

        /** Checks the event against its schema and sends it under its own event id. */
        public Request send() {
            return sendAs(eventId);
        }

        /** Checks the event against its schema and sends it under {@code otherEventId}. */
        public Request sendAs(UUID otherEventId) {
            ObjectNode event = event(otherEventId);
            EventSchemas.assertValid("NotificationRequested", event);
            TestKafka.send(TestKafka.ESCALATION_EVENTS, incidentId.toString(), event.toString());
            return this;
        }
    }

    private NotificationRequests() {
    }

    /** A new-report request to section chief {@code chief1}. */
    public static Request newReport() {
        return new Request();
    }
}
