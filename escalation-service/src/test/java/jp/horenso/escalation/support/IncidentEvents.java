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

    /** The topic the service reads cases' facts from, as its configuration names it. */
    public static String topic() {
        return ConfigProvider.getConfig().getValue("mp.messaging.incoming.incident-events.topic", String.class);
    }

    /** Where the service dead-letters what it cannot read from {@link #topic()}, as its configuration names it. */
    public static String dlq() {
        return ConfigProvider.getConfig()
                .getValue("mp.messaging.incoming.incident-events.dead-letter-queue.topic", String.class);
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();
    /**
     * The organisation each case was reported in (by {@link #reportedIn}): later events of the case carry it in
     * their envelope, as incident-service's do; a case never reported here is demo-city's.
     */
    private static final java.util.Map<UUID, String> ORGANISATION_OF_CASE =
            new java.util.concurrent.ConcurrentHashMap<>();

    private static KafkaProducer<String, String> producer;

    private IncidentEvents() {}

    /** An IncidentReported of organisation demo-city. */
    public static ObjectNode reported(
            UUID incidentId, String reporter, String unit, String department, List<String> roles, boolean drill) {
        return reportedIn("demo-city", incidentId, reporter, unit, department, roles, "MEDIUM", drill);
    }

    /** An IncidentReported of any organisation, at a severity (null: not assessed). */
    public static ObjectNode reportedIn(
            String organisation,
            UUID incidentId,
            String reporter,
            String unit,
            String department,
            List<String> roles,
            String severity,
            boolean drill) {
        ORGANISATION_OF_CASE.put(incidentId, organisation);
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
    public static ObjectNode legalDutyIdentified(
            UUID incidentId,
            String number,
            String code,
            Instant discoveredAt,
            Instant promptReminderAt,
            Instant promptDueAt,
            Instant finalDueAt,
            boolean drill) {
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

    /** An IncidentAcknowledged by {@code username} with a comment that travels with the forwarded notices. */
    public static ObjectNode acknowledged(UUID incidentId, String username, Instant at, String comment) {
        ObjectNode event = acknowledged(incidentId, username, at);
        ((ObjectNode) event.get("data")).put("comment", comment);
        return event;
    }

    /** An IncidentUnitChanged of demo-city: the case now concerns {@code unit} of {@code department}. */
    public static ObjectNode unitChanged(
            UUID incidentId, String organisation, String previousUnit, String unit, String department) {
        ObjectNode data = MAPPER.createObjectNode();
        data.put("incidentId", incidentId.toString());
        data.put("organisation", organisation);
        data.put("previousUnit", previousUnit);
        data.put("unit", unit);
        data.put("department", department);
        data.put("reason", "福祉課の端末でした / it was a welfare-section PC");
        data.put("changedBy", "csirt1");
        data.put("changedAt", Instant.now().toString());
        data.put("drill", false);
        return envelope("IncidentUnitChanged", incidentId, Instant.now(), data);
    }

    public static ObjectNode closed(UUID incidentId, String number) {
        ObjectNode data = MAPPER.createObjectNode();
        data.put("incidentId", incidentId.toString());
        data.put("incidentNumber", number);
        data.put("closedAt", Instant.now().toString());
        data.put("closedBy", "csirt1");
        data.put("acceptedReportVersion", 1);
        data.put("severeJudgedByCiso", false);
        data.putNull("committeeReportedAt");
        data.put("drill", false);
        return envelope("IncidentClosed", incidentId, Instant.now(), data);
    }

    public static ObjectNode withdrawn(UUID incidentId, String number) {
        ObjectNode data = MAPPER.createObjectNode();
        data.put("incidentId", incidentId.toString());
        data.put("incidentNumber", number);
        data.put("reason", "誤って登録 / filed by mistake");
        data.put("withdrawnBy", "csirt1");
        data.put("withdrawnAt", Instant.now().toString());
        data.put("drill", false);
        return envelope("IncidentWithdrawn", incidentId, Instant.now(), data);
    }

    public static ObjectNode drillMarkingChanged(UUID incidentId, boolean drill) {
        ObjectNode data = MAPPER.createObjectNode();
        data.put("incidentId", incidentId.toString());
        data.put("drill", drill);
        data.put("reason", "訓練として宣言 / declared a drill");
        data.put("changedBy", "csirt1");
        data.put("changedAt", Instant.now().toString());
        return envelope("IncidentDrillMarkingChanged", incidentId, Instant.now(), data);
    }

    /** A LegalDutyRevised (times in Japan time); {@code personsNoticeDueAt} may be null. */
    public static ObjectNode legalDutyRevised(
            UUID incidentId,
            String number,
            String code,
            Instant discoveredAt,
            Instant promptReminderAt,
            Instant promptDueAt,
            Instant finalDueAt,
            Instant personsNoticeDueAt) {
        ObjectNode event = legalDutyIdentified(
                incidentId, number, code, discoveredAt, promptReminderAt, promptDueAt, finalDueAt, false);
        ObjectNode data = (ObjectNode) event.get("data");
        if (personsNoticeDueAt == null) {
            data.putNull("personsNoticeDueAt");
        } else {
            data.put("personsNoticeDueAt", japan(personsNoticeDueAt));
        }
        data.putArray("reasons").add("不正の目的が判明（60日） / improper purpose found (60 days)");
        data.put("revisedAt", japan(Instant.now()));
        event.put("type", "jp.horenso.LegalDutyRevised");
        return event;
    }

    /** A LegalDutyIdentified with a deadline for the notice to persons (本人通知). */
    public static ObjectNode legalDutyIdentified(
            UUID incidentId,
            String number,
            String code,
            Instant discoveredAt,
            Instant promptReminderAt,
            Instant promptDueAt,
            Instant finalDueAt,
            Instant personsNoticeDueAt) {
        ObjectNode event = legalDutyIdentified(
                incidentId, number, code, discoveredAt, promptReminderAt, promptDueAt, finalDueAt, false);
        ((ObjectNode) event.get("data")).put("personsNoticeDueAt", japan(personsNoticeDueAt));
        return event;
    }

    public static ObjectNode cisoReportSubmitted(UUID incidentId, String number, int version) {
        ObjectNode data = MAPPER.createObjectNode();
        data.put("incidentId", incidentId.toString());
        data.put("incidentNumber", number);
        data.put("reportVersion", version);
        data.put("sha256", "a".repeat(64));
        data.put("recurrencePreventionMeasures", 2);
        data.put("submittedBy", "csirt1");
        data.put("submittedAt", Instant.now().toString());
        data.put("drill", false);
        return envelope("CisoReportSubmitted", incidentId, Instant.now(), data);
    }

    /** A CisoReviewDecided: ACCEPT or RETURN (with instructions). */
    public static ObjectNode cisoReviewDecided(UUID incidentId, int version, String decision, String instructions) {
        ObjectNode data = MAPPER.createObjectNode();
        data.put("incidentId", incidentId.toString());
        data.put("reportVersion", version);
        data.put("decision", decision);
        data.put("state", "RETURN".equals(decision) ? "RETURNED_BY_CISO" : "ACCEPTED_BY_CISO");
        data.put("severeJudgedByCiso", false);
        data.put("decidedBy", "ciso");
        data.put("decidedAt", Instant.now().toString());
        data.put("drill", false);
        data.put("instructions", instructions);
        return envelope("CisoReviewDecided", incidentId, Instant.now(), data);
    }

    public static ObjectNode disclosureDraftApproved(UUID incidentId) {
        ObjectNode data = MAPPER.createObjectNode();
        data.put("incidentId", incidentId.toString());
        data.put("draftVersion", 1);
        data.put("approvedBy", "ciso");
        data.put("approvedAt", Instant.now().toString());
        data.put("drill", false);
        return envelope("DisclosureDraftApproved", incidentId, Instant.now(), data);
    }

    public static ObjectNode disclosurePublished(UUID incidentId) {
        ObjectNode data = MAPPER.createObjectNode();
        data.put("incidentId", incidentId.toString());
        data.put("publicationId", UUID.randomUUID().toString());
        data.put("draftVersion", 1);
        data.put("method", "INDIVIDUAL_PRESS_RELEASE");
        data.put("publishedAt", Instant.now().toString());
        data.put("publishedBy", "csirt1");
        data.put("includesRecurrencePrevention", false);
        data.put("drill", false);
        return envelope("DisclosurePublished", incidentId, Instant.now(), data);
    }

    /**
     * A ResponseActionRecorded, Revised or StatusChanged ({@code eventName}) with the action's whole state;
     * {@code changedFields} for a revision.
     */
    public static ObjectNode responseAction(
            String eventName,
            UUID incidentId,
            UUID actionId,
            String ownerUnit,
            String ownerPerson,
            java.time.LocalDate dueDate,
            String status,
            int version,
            String... changedFields) {
        Instant now = Instant.now();
        ObjectNode data = MAPPER.createObjectNode();
        data.put("incidentId", incidentId.toString());
        data.put("actionId", actionId.toString());
        data.put("kind", "CONTAINMENT");
        data.put("ownerUnit", ownerUnit);
        data.put("ownerPerson", ownerPerson);
        if (dueDate == null) {
            data.putNull("dueDate");
        } else {
            data.put("dueDate", dueDate.toString());
        }
        data.put("status", status);
        data.put("version", version);
        data.put("drill", false);
        switch (eventName) {
            case "ResponseActionRecorded" -> {
                data.put("recordedBy", "csirt1");
                data.put("recordedAt", now.toString());
            }
            case "ResponseActionRevised" -> {
                for (String field : changedFields) {
                    data.withArray("changedFields").add(field);
                }
                data.put("revisedBy", "csirt1");
                data.put("revisedAt", now.toString());
            }
            default -> {
                data.put("previousStatus", "PLANNED");
                data.put("changedBy", "csirt1");
                data.put("changedAt", now.toString());
                data.put("startedAt", now.toString());
                data.put("completedAt", "DONE".equals(status) ? now.toString() : null);
                data.put("cancelledAt", "CANCELLED".equals(status) ? now.toString() : null);
            }
        }
        return envelope(eventName, incidentId, now, data);
    }

    /** The same event claiming another organisation in its envelope (what a consumer must refuse). */
    public static ObjectNode claimingOrganisation(ObjectNode event, String organisation) {
        ObjectNode copy = event.deepCopy();
        copy.put("organisation", organisation);
        return copy;
    }

    /** Sends an event (keyed by its subject) after checking it against the contract. */
    public static void send(ObjectNode event) {
        Contract.assertValid(event);
        sendRaw(event.path("subject").asText(), event.toString());
    }

    /** Sends any value, valid or not, and waits for the broker's acknowledgement. */
    public static void sendRaw(String key, String value) {
        ProducerRecord<String, String> record = new ProducerRecord<>(topic(), key, value);
        record.headers().add("content-type", "application/cloudevents+json".getBytes(StandardCharsets.UTF_8));
        try {
            producer().send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException("cannot send to " + topic(), e);
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
        event.put("organisation", ORGANISATION_OF_CASE.getOrDefault(subject, "demo-city"));
        event.put("datacontenttype", "application/json");
        event.set("data", data);
        return event;
    }

    private static synchronized KafkaProducer<String, String> producer() {
        if (producer == null) {
            Properties props = new Properties();
            props.put(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                    ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
            props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            props.put(ProducerConfig.ACKS_CONFIG, "all");
            producer = new KafkaProducer<>(props);
        }
        return producer;
    }
}
