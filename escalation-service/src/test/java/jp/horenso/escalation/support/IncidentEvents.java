package jp.horenso.escalation.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * What incident-service would publish on {@code horenso.incident-events}, built for tests and checked against
 * the contract before it is sent.
 */
public final class IncidentEvents {

    public static final String TOPIC = "horenso.incident-events";

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static KafkaProducer<String, String> producer;

    private IncidentEvents() {
    }

    /** An IncidentReported of organisation demo-city. */
    public static ObjectNode reported(UUID incidentId, String reporter, String unit, String department,
            List<String> roles, boolean drill) {
        return reportedIn("demo-city", incidentId, reporter, unit, department, roles, "MEDIUM", drill);
    }

    /** An IncidentReported of any organisation, at a severity (null: not assessed). */
    public static ObjectNode reportedIn(String organisation, UUID incidentId, String reporter, String unit,
            String department, List<String> roles, String severity, boolean drill) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        ObjectNode data = MAPPER.createObjectNode();
        data.put("incidentId", incidentId.toString());
        data.put("number", "INC-2026-%06d".formatted(ThreadLocalRandom.current().nextInt(1_000_000)));
        data.put("organisation", organisation);
        data.put("reporterType", "STAFF");
        ObjectNode by = data.putObject("reportedBy");
        by.put("username", reporter);
        by.put("unit", unit);
        by.put("department", department);
        roles.forEach(by.putArray("roles")::add);
        data.put("unit", unit);
        data.put("department", department);
        data.put("occurredAt", now.minus(1, ChronoUnit.HOURS).toString());
        data.put("discoveredAt", now.minus(10, ChronoUnit.MINUTES).toString());
        data.put("reportedAt", now.toString());
        if (severity == null) {
            data.putNull("severity");
        } else {
            data.put("severity", severity);
        }
        data.put("drill", drill);
        return envelope("IncidentReported", incidentId, now, data);
    }

    /** A SeverityAssessed: the CSIRT overrode the case's severity. */
    public static ObjectNode severityAssessed(UUID incidentId, String severity, boolean drill) {
        ObjectNode data = MAPPER.createObjectNode();
        data.put("incidentId", incidentId.toString());
        data.put("severity", severity);
        data.put("computedSeverity", "MEDIUM");
        data.put("overridden", true);
        data.putArray("reasons").addObject().put("rule", "M1").put("level", "MEDIUM");
        data.put("assessedBy", "csirt1");
        data.put("drill", drill);
        return envelope("SeverityAssessed", incidentId, Instant.now(), data);
    }

    /**
     * A LegalDutyIdentified as incident-service writes it: times in Japan time ({@code +09:00}), the duty owed
     * to the Personal Information Protection Commission.
     */
    public static ObjectNode legalDutyIdentified(UUID incidentId, String number, String code, Instant discoveredAt,
            Instant promptReminderAt, Instant promptDueAt, Instant finalDueAt, boolean drill) {
        ObjectNode data = MAPPER.createObjectNode();
        data.put("incidentId", incidentId.toString());
        data.put("incidentNumber", number);
        data.put("code", code);
        data.put("recipient", "個人情報保護委員会");
        data.put("source", "個人情報保護法68条1項、同法施行規則43条 (regulatory.md R1)");
        data.put("discoveredAt", japan(discoveredAt));
        data.put("promptDueAt", japan(promptDueAt));
        data.put("promptReminderAt", japan(promptReminderAt));
        data.put("finalDueAt", japan(finalDueAt));
        data.put("drill", drill);
        return envelope("LegalDutyIdentified", incidentId, Instant.now(), data);
    }

    public static ObjectNode legalDutyWithdrawn(UUID incidentId, String code) {
        ObjectNode data = MAPPER.createObjectNode();
        data.put("incidentId", incidentId.toString());
        data.put("code", code);
        data.put("withdrawnAt", japan(Instant.now()));
        return envelope("LegalDutyWithdrawn", incidentId, Instant.now(), data);
    }

    /** A LegalReportSubmitted of the PROMPT or FINAL report. */
    public static ObjectNode legalReportSubmitted(UUID incidentId, String code, String report) {
        ObjectNode data = MAPPER.createObjectNode();
        data.put("incidentId", incidentId.toString());
        data.put("code", code);
        data.put("report", report);
        data.put("submittedAt", japan(Instant.now()));
        data.put("reference", "PPC-2026-0001");
        data.put("recordedBy", "csirt1");
        return envelope("LegalReportSubmitted", incidentId, Instant.now(), data);
    }

    /** RFC 3339 in Japan time, as incident-service writes legal deadlines. */
    public static String japan(Instant at) {
        return java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
                at.truncatedTo(ChronoUnit.MILLIS).atOffset(java.time.ZoneOffset.ofHours(9)));
    }

    /** A staff member's report from the General Affairs Section (総務課). */
    public static ObjectNode staffReport(UUID incidentId) {
        return reported(incidentId, "staff1", "general-affairs-section", "general-affairs", List.of("staff"), false);
    }

    /** An IncidentAcknowledged by {@code username}, acknowledged at {@code at}, through the API. */
    public static ObjectNode acknowledged(UUID incidentId, String username, Instant at) {
        ObjectNode data = MAPPER.createObjectNode();
        data.put("incidentId", incidentId.toString());
        data.putObject("acknowledgedBy").put("username", username);
        data.put("acknowledgedAt", at.toString());
        data.put("via", "API");
        return envelope("IncidentAcknowledged", incidentId, Instant.now(), data);
    }

    /** Sends an event (keyed by its subject) after checking it against the contract. */
    public static void send(ObjectNode event) {
        EventSchemas.assertValid(event);
        sendRaw(event.path("subject").asText(), event.toString());
    }

    /** Sends any value, valid or not, and waits for the broker's acknowledgement. */
    public static void sendRaw(String key, String value) {
        ProducerRecord<String, String> record = new ProducerRecord<>(TOPIC, key, value);
        record.headers().add("content-type", "application/cloudevents+json".getBytes(StandardCharsets.UTF_8));
        try {
            producer().send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException("cannot send to " + TOPIC, e);
        }
    }

    private static ObjectNode envelope(String eventName, UUID subject, Instant time, ObjectNode data) {
        ObjectNode event = MAPPER.createObjectNode();
        event.put("specversion", "1.0");
        event.put("id", UUID.randomUUID().toString());
        event.put("source", "/horenso/incident-service");
        event.put("type", "jp.horenso." + eventName);
        event.put("time", time.toString());
        event.put("subject", subject.toString());
        event.put("datacontenttype", "application/json");
        event.set("data", data);
        return event;
    }

    private static synchronized KafkaProducer<String, String> producer() {
        if (producer == null) {
            Properties props = new Properties();
            props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                    ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
            props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            props.put(ProducerConfig.ACKS_CONFIG, "all");
            producer = new KafkaProducer<>(props);
        }
        return producer;
    }
}
