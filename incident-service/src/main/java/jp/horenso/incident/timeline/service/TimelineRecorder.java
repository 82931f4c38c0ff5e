package jp.horenso.incident.timeline.service;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import jp.horenso.incident.cases.repository.IncidentRepository;
import jp.horenso.incident.chain.event.ChainStopped;
import jp.horenso.incident.chain.event.HopAcknowledged;
import jp.horenso.incident.chain.event.HopCancelled;
import jp.horenso.incident.chain.event.HopOpened;
import jp.horenso.incident.chain.event.HopTimedOut;
import jp.horenso.incident.timeline.TimelineType;
import jp.horenso.platform.events.IncomingEvent;
import jp.horenso.platform.events.InvalidEventException;
import jp.horenso.platform.inbox.Inbox;
import org.jboss.logging.Logger;

/**
 * Writes the facts other services publish (chain decisions, deliveries) on the case's timeline, each event at
 * most once. The data is read field by field from the event's JSON, not into records: the timeline keeps the
 * producer's text (e.g. of a deadline) exactly as it was sent, since that text is part of its hash chain.
 */
@ApplicationScoped
@Transactional
public class TimelineRecorder {

    private static final Logger LOG = Logger.getLogger(TimelineRecorder.class);
    private static final String ESCALATION_SERVICE = "escalation-service";
    private static final String NOTIFICATION_SERVICE = "notification-service";

    private final Inbox inbox;
    private final IncidentRepository incidents;
    private final TimelineService timeline;

    public TimelineRecorder(Inbox inbox, IncidentRepository incidents, TimelineService timeline) {
        this.inbox = inbox;
        this.incidents = incidents;
        this.timeline = timeline;
    }

    /**
     * Applies one incoming event.
     *
     * @param consumer the consuming channel, so each channel keeps its own record of applied events
     * @throws InvalidEventException if the event is not usable (the record then goes to the dead-letter topic)
     */
    public void record(IncomingEvent event, String consumer) {
        Entry entry = entryFor(event);
        if (entry == null) {
            return;
        }
        UUID incidentId = uuid(event.subject(), "subject");
        if (!inbox.firstDelivery(event.id(), consumer)) {
            LOG.debugf("event %s already applied by %s", event.id(), consumer);
            return;
        }
        String organisation = incidents
                .organisationOf(incidentId)
                .orElseThrow(() -> new InvalidEventException("unknown incident " + incidentId));
        // A case never crosses organisations: an event claiming another one goes to the dead-letter topic.
        event.requireOrganisation(organisation);
        timeline.append(incidentId, entry.type(), entry.at(), entry.actor(), entry.details(), event.id());
    }

    private record Entry(TimelineType type, OffsetDateTime at, String actor, Map<String, Object> details) {}

    /** The timeline entry an event becomes, or null for events the timeline does not show. */
    private Entry entryFor(IncomingEvent event) {
        JsonNode d = event.data();
        Map<String, Object> details = new LinkedHashMap<>();
        return switch (event.name()) {
            case "ChainStarted" -> {
                // Checked like the other events' data (issue 14's fuzzing found null, objects and NUL texts applied).
                UUID started = uuid(required(d, "incidentId"), "incidentId");
                if (!started.toString().equals(event.subject())) {
                    throw new InvalidEventException("ChainStarted data names another case than its subject");
                }
                event.requireOrganisation(required(d, "organisation"));
                JsonNode version = d.path("chainVersion");
                if (!version.isIntegralNumber() || version.asInt() < 1) {
                    throw new InvalidEventException("ChainStarted without a chain version");
                }
                details.put("chainVersion", version.asInt());
                yield new Entry(TimelineType.CHAIN_STARTED, event.time(), ESCALATION_SERVICE, details);
            }
            case HopOpened.NAME -> {
                details.put("hopId", required(d, "hopId"));
                details.put("step", required(d, "step"));
                details.put("recipient", required(d.path("recipient"), "username"));
                details.put("ackDeadline", required(d, "ackDeadline"));
                if (d.hasNonNull("escalatedFrom")) {
                    details.put("escalatedFrom", d.get("escalatedFrom").asText());
                }
                yield new Entry(TimelineType.HOP_OPENED, event.time(), ESCALATION_SERVICE, details);
            }
            case HopAcknowledged.NAME -> {
                details.put("hopId", required(d, "hopId"));
                details.put("step", required(d, "step"));
                details.put("acknowledgedBy", required(d, "acknowledgedBy"));
                details.put("late", d.path("late").asBoolean());
                yield new Entry(TimelineType.HOP_ACKNOWLEDGED, time(d, "acknowledgedAt"), ESCALATION_SERVICE, details);
            }
            case HopTimedOut.NAME -> {
                details.put("hopId", required(d, "hopId"));
                details.put("step", required(d, "step"));
                details.put("recipient", required(d.path("recipient"), "username"));
                details.put("ackDeadline", required(d, "ackDeadline"));
                yield new Entry(TimelineType.HOP_TIMED_OUT, time(d, "timedOutAt"), ESCALATION_SERVICE, details);
            }
            case "HopEscalated" -> {
                List<String> recipients = new ArrayList<>();
                List<String> steps = new ArrayList<>();
                for (JsonNode hop : d.path("toHops")) {
                    recipients.add(required(hop.path("recipient"), "username"));
                    steps.add(required(hop, "step"));
                }
                details.put("fromHopId", required(d, "fromHopId"));
                details.put("reason", required(d, "reason"));
                details.put("recipients", recipients);
                details.put("steps", steps);
                yield new Entry(TimelineType.ESCALATED, event.time(), ESCALATION_SERVICE, details);
            }
            case "LegalDeadlineApproaching" -> {
                legalDetails(d, details);
                details.put("reminded", usernames(d.path("reminded")));
                yield new Entry(
                        TimelineType.LEGAL_DEADLINE_APPROACHING, time(d, "remindedAt"), ESCALATION_SERVICE, details);
            }
            case "LegalDeadlineMissed" -> {
                legalDetails(d, details);
                details.put("escalatedTo", usernames(d.path("escalatedTo")));
                yield new Entry(TimelineType.LEGAL_DEADLINE_MISSED, time(d, "missedAt"), ESCALATION_SERVICE, details);
            }
            case "IncidentMarkedSerious" -> {
                if (d.hasNonNull("reason")) {
                    details.put("reason", d.get("reason").asText());
                }
                yield new Entry(TimelineType.MARKED_SERIOUS, time(d, "markedAt"), required(d, "markedBy"), details);
            }
            case "NotificationRequested" -> {
                // The recipient's user name only: addresses stay in the services that deliver.
                details.put("notificationId", required(d, "notificationId"));
                details.put("kind", required(d, "kind"));
                details.put("recipient", required(d.path("recipient"), "username"));
                if (d.hasNonNull("hopId")) {
                    details.put("hopId", d.get("hopId").asText());
                }
                yield new Entry(TimelineType.NOTIFICATION_REQUESTED, event.time(), ESCALATION_SERVICE, details);
            }
            case HopCancelled.NAME -> {
                details.put("hopId", required(d, "hopId"));
                details.put("step", required(d, "step"));
                details.put("recipient", required(d.path("recipient"), "username"));
                details.put("reason", required(d, "reason"));
                yield new Entry(TimelineType.HOP_CANCELLED, time(d, "cancelledAt"), ESCALATION_SERVICE, details);
            }
            case ChainStopped.NAME -> {
                details.put("reason", required(d, "reason"));
                List<String> hops = new ArrayList<>();
                d.path("cancelledHops").forEach(hop -> hops.add(hop.asText()));
                details.put("cancelledHops", hops);
                if (d.has("cancelledTimers")) {
                    details.put("cancelledTimers", d.get("cancelledTimers").asInt());
                }
                yield new Entry(TimelineType.CHAIN_STOPPED, time(d, "stoppedAt"), ESCALATION_SERVICE, details);
            }
            case "NotificationDelivered" -> {
                deliveryDetails(d, details);
                yield new Entry(
                        TimelineType.NOTIFICATION_DELIVERED, time(d, "deliveredAt"), NOTIFICATION_SERVICE, details);
            }
            case "NotificationFailed" -> {
                deliveryDetails(d, details);
                details.put("error", required(d, "error"));
                yield new Entry(TimelineType.NOTIFICATION_FAILED, time(d, "failedAt"), NOTIFICATION_SERVICE, details);
            }
            default -> null;
        };
    }

    private static void legalDetails(JsonNode d, Map<String, Object> details) {
        details.put("code", required(d, "code"));
        details.put("report", required(d, "report"));
        details.put("reportTo", required(d, "reportTo"));
        details.put("dueAt", required(d, "dueAt"));
    }

    private static List<String> usernames(JsonNode people) {
        List<String> names = new ArrayList<>();
        for (JsonNode person : people) {
            names.add(required(person, "username"));
        }
        return names;
    }

    private static void deliveryDetails(JsonNode d, Map<String, Object> details) {
        details.put("notificationId", required(d, "notificationId"));
        details.put("recipient", required(d.path("recipient"), "username"));
        details.put("channel", required(d, "channel"));
        details.put("attempts", d.path("attempts").asInt());
    }

    /** A text field that must be present and not blank. */
    private static String required(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull() || value.asText().isBlank()) {
            throw new InvalidEventException("missing data field " + field);
        }
        return value.asText();
    }

    /** A required RFC 3339 time. */
    private static OffsetDateTime time(JsonNode node, String field) {
        try {
            return OffsetDateTime.parse(required(node, field));
        } catch (DateTimeParseException e) {
            throw new InvalidEventException("bad time in " + field);
        }
    }

    private static UUID uuid(String value, String field) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw new InvalidEventException("bad uuid in " + field);
        }
    }
}
