package jp.horenso.notification.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import jp.horenso.notification.delivery.event.ChainStopped;
import jp.horenso.notification.delivery.event.NotificationRequested;

/**
 * Builds NotificationRequested events as escalation-service sends them, and sends them after checking them
 * against the contract.
 */
public final class NotificationRequests {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One request; change fields with the builder methods, then {@link #send()}. */
    public static final class Request {
        public final UUID eventId = UUID.randomUUID();
        /** The organisation the event claims (its CloudEvents extension attribute). */
        public String organisation = Tokens.CITY;

        public final UUID notificationId = UUID.randomUUID();
        public UUID incidentId = UUID.randomUUID();
        public UUID hopId = UUID.randomUUID();
        /** Unique per request so a test finds its own mail by subject. */
        public final String incidentNumber =
                "INC-2026-" + ThreadLocalRandom.current().nextInt(100000, 1000000);

        public Instant ackDeadline = Instant.parse("2026-11-24T01:15:00Z");
        public String kind = "NEW_REPORT";
        public String step = "SECTION_CHIEF";
        public String severity = "HIGH";
        public boolean drill;
        public String username = "chief1";
        public String name = "総務 課長 一郎";
        public String email = "chief1@demo-city.example.jp";
        ObjectNode legalDeadline;
        String outsideBody;
        Boolean deputy;
        String note;
        String copyOf;
        Integer reportVersion;
        ObjectNode responseAction;
        final Map<String, JsonNode> extra = new LinkedHashMap<>();

        /** An event of {@code organisation} (e.g. {@code demo-gikai}). */
        public Request in(String organisation) {
            this.organisation = organisation;
            return this;
        }

        /** About the same case as {@code other}: same Kafka key, so the service reads both in order. */
        public Request sameCaseAs(Request other) {
            this.incidentId = other.incidentId;
            return this;
        }

        public Request escalation() {
            return kind("ESCALATION");
        }

        public Request kind(String kind) {
            this.kind = kind;
            return this;
        }

        public Request drill() {
            this.drill = true;
            return this;
        }

        /** The severity code, or null when the case has not been assessed yet. */
        public Request severity(String severity) {
            this.severity = severity;
            return this;
        }

        public Request step(String step) {
            this.step = step;
            return this;
        }

        public Request deputy() {
            this.deputy = true;
            return this;
        }

        /** The note that travels with the notice (a comment, or the CISO's instructions). */
        public Request note(String note) {
            this.note = note;
            return this;
        }

        /** A copy of the notice to {@code username} (e.g. the vice-CISO's copy of the CISO's, 第9条). */
        public Request copyOf(String username) {
            this.copyOf = username;
            return this;
        }

        /** A notice about version {@code version} of the CSIRT's report to the CISO: no hop. */
        public Request cisoReport(String kind, int version) {
            withoutHop();
            this.kind = kind;
            this.reportVersion = version;
            return this;
        }

        /** A notice about a response action (CONTAINMENT, RECOVERY, RECURRENCE_PREVENTION): no hop. */
        public Request responseAction(String kind, String actionKind, String dueDate) {
            withoutHop();
            this.kind = kind;
            this.responseAction = JSON.createObjectNode()
                    .put("actionId", UUID.randomUUID().toString())
                    .put("kind", actionKind);
            if (dueDate != null) {
                this.responseAction.put("dueDate", dueDate);
            }
            return this;
        }

        /** A legal deadline notice: no hop, no step, no acknowledgement deadline (as escalation-service sends it). */
        public Request legal(String kind, String report, Instant dueAt) {
            this.kind = kind;
            this.hopId = null;
            this.step = null;
            this.ackDeadline = null;
            this.legalDeadline = JSON.createObjectNode()
                    .put("code", "PPC_APPI")
                    .put("report", report)
                    .put("dueAt", dueAt.toString())
                    .put("reportTo", "個人情報保護委員会");
            return this;
        }

        /** A notice without a hop (e.g. DISCLOSURE_APPROVED). */
        public Request withoutHop() {
            this.hopId = null;
            this.step = null;
            this.ackDeadline = null;
            return this;
        }

        /** To an outside body (関係機関): no hop, no deadline. */
        public Request toOutsideBody(String id, String name, String email) {
            withoutHop();
            this.outsideBody = id;
            return to("outside:" + id, name, email);
        }

        public Request to(String username, String name, String email) {
            this.username = username;
            this.name = name;
            this.email = email;
            return this;
        }

        /** A person made up for one test, so settings and messages of other tests never meet it. */
        public Request toSomeone(String prefix) {
            String username = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
            return to(username, "試験 " + username, username + "@demo-city.example.jp");
        }

        /** A field the contract does not have, as a careless producer might add (send with {@link #sendUnchecked()}). */
        public Request extra(String field, JsonNode value) {
            extra.put(field, value);
            return this;
        }

        /** The CloudEvent, under event id {@code eventId}. */
        public ObjectNode event(UUID eventId) {
            ObjectNode event = JSON.createObjectNode();
            event.put("specversion", "1.0");
            event.put("id", eventId.toString());
            event.put("source", "/horenso/escalation-service");
            event.put("type", "jp.horenso." + NotificationRequested.NAME);
            event.put("time", Instant.now().truncatedTo(ChronoUnit.MILLIS).toString());
            event.put("subject", incidentId.toString());
            event.put("organisation", organisation);
            event.put("datacontenttype", "application/json");
            ObjectNode data = event.putObject("data");
            data.put("notificationId", notificationId.toString());
            data.put("incidentId", incidentId.toString());
            data.put("incidentNumber", incidentNumber);
            data.put("kind", kind);
            if (hopId != null) {
                data.put("hopId", hopId.toString());
            }
            if (step != null) {
                data.put("step", step);
            }
            ObjectNode recipient = data.putObject("recipient");
            recipient.put("username", username);
            recipient.put("name", name);
            recipient.put("email", email);
            recipient.put("locale", "ja");
            if (ackDeadline != null) {
                data.put("ackDeadline", ackDeadline.toString());
            }
            if (severity == null) {
                data.putNull("severity");
            } else {
                data.put("severity", severity);
            }
            data.put("drill", drill);
            if (legalDeadline != null) {
                data.set("legalDeadline", legalDeadline);
            }
            if (outsideBody != null) {
                data.put("outsideBody", outsideBody);
            }
            if (deputy != null) {
                data.put("deputy", deputy);
            }
            if (note != null) {
                data.put("note", note);
            }
            if (copyOf != null) {
                data.put("copyOf", copyOf);
            }
            if (reportVersion != null) {
                data.put("reportVersion", reportVersion);
            }
            if (responseAction != null) {
                data.set("responseAction", responseAction);
            }
            extra.forEach(data::set);
            return event;
        }

        /** Checks the event against its schema and sends it under its own event id. */
        public Request send() {
            return sendAs(eventId);
        }

        /** Checks the event against its schema and sends it under {@code otherEventId}. */
        public Request sendAs(UUID otherEventId) {
            ObjectNode event = event(otherEventId);
            Contract.assertValid("NotificationRequested", event);
            TestKafka.send(TestKafka.ESCALATION_EVENTS, incidentId.toString(), event.toString());
            return this;
        }

        /** Sends the event without checking it against the contract (for fields the contract does not allow). */
        public Request sendUnchecked() {
            TestKafka.send(
                    TestKafka.ESCALATION_EVENTS,
                    incidentId.toString(),
                    event(eventId).toString());
            return this;
        }
    }

    private NotificationRequests() {}

    /**
     * Sends escalation-service's ChainStopped for the case (reason CLOSED or WITHDRAWN), checked against the
     * contract; returns the event id.
     */
    public static UUID chainStopped(UUID incidentId, String reason) {
        return chainStopped(Tokens.CITY, incidentId, reason);
    }

    /** Sends ChainStopped of {@code organisation} for the case; returns the event id. */
    public static UUID chainStopped(String organisation, UUID incidentId, String reason) {
        UUID eventId = UUID.randomUUID();
        sendChainStopped(organisation, eventId, incidentId, reason);
        return eventId;
    }

    /** Sends ChainStopped under a given event id (to send the same event twice). */
    public static void sendChainStopped(UUID eventId, UUID incidentId, String reason) {
        sendChainStopped(Tokens.CITY, eventId, incidentId, reason);
    }

    /** Sends ChainStopped of {@code organisation} under a given event id. */
    public static void sendChainStopped(String organisation, UUID eventId, UUID incidentId, String reason) {
        ObjectNode event = JSON.createObjectNode();
        event.put("specversion", "1.0");
        event.put("id", eventId.toString());
        event.put("source", "/horenso/escalation-service");
        event.put("type", "jp.horenso." + ChainStopped.NAME);
        event.put("time", Instant.now().truncatedTo(ChronoUnit.MILLIS).toString());
        event.put("subject", incidentId.toString());
        event.put("organisation", organisation);
        event.put("datacontenttype", "application/json");
        ObjectNode data = event.putObject("data");
        data.put("incidentId", incidentId.toString());
        data.put("reason", reason);
        data.put("stoppedAt", Instant.now().truncatedTo(ChronoUnit.MILLIS).toString());
        data.putArray("cancelledHops").add(UUID.randomUUID().toString());
        data.put("cancelledTimers", 2);
        Contract.assertValid("ChainStopped", event);
        TestKafka.send(TestKafka.ESCALATION_EVENTS, incidentId.toString(), event.toString());
    }

    /** A new-report request to section chief {@code chief1}. */
    public static Request newReport() {
        return new Request();
    }
}
