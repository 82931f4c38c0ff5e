package jp.horenso.incident.support;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import jp.horenso.incident.common.time.JapanTime;
import jp.horenso.localstack.testing.EventSchemas;

/** Sends escalation-service's chain events to the real broker, each checked against its schema first. */
public final class ChainEvents {

    public static final String TOPIC = "horenso.escalation-events";

    /** The ids of the events sent about each case, for {@link #awaitApplied}. */
    private static final Map<String, List<UUID>> SENT = new ConcurrentHashMap<>();

    private ChainEvents() {}

    /**
     * Waits until incident-service applied every event this class sent about the case (each has its inbox row).
     * incident-service takes the chain's events in batches of up to 250 ms, so seeing the first of two events
     * applied says nothing about the second; only for events that are meant to be applied.
     */
    public static void awaitApplied(String incidentId, Duration timeout) {
        List<UUID> sent = List.copyOf(SENT.getOrDefault(incidentId, List.of()));
        await().atMost(timeout).until(() -> applied(sent).get(0) == sent.size());
    }

    /**
     * How many of the events the inbox holds (a row per consumer of each), and in how many transactions they were
     * applied ({@code processed_at} is the applying transaction's {@code now()}).
     */
    public static List<Long> applied(List<UUID> events) {
        return OwnerDatabase.transaction(c -> {
            try (var s = c.prepareStatement("SELECT count(DISTINCT event_id), count(DISTINCT processed_at)"
                    + " FROM processed_event WHERE event_id = ANY (?)")) {
                s.setArray(1, c.createArrayOf("uuid", events.toArray()));
                try (var rows = s.executeQuery()) {
                    rows.next();
                    return List.of(rows.getLong(1), rows.getLong(2));
                }
            }
        });
    }

    /**
     * Sends an event about case {@code incidentId} stamped {@code time}, claiming the case's organisation as
     * escalation-service would (the demo city's for a case this service does not hold); returns its id.
     */
    public static UUID send(String eventName, String incidentId, OffsetDateTime time, String data) {
        return send(organisationOf(incidentId), eventName, incidentId, time, data);
    }

    /** The organisation of a case, read from the database; demo-city when there is no such case. */
    public static String organisationOf(String incidentId) {
        return OwnerDatabase.transaction(c -> {
            try (var s = c.prepareStatement("SELECT organisation FROM incident WHERE id = ?")) {
                s.setObject(1, UUID.fromString(incidentId));
                try (var rows = s.executeQuery()) {
                    return rows.next() ? rows.getString(1) : "demo-city";
                }
            }
        });
    }

    /** Sends an event claiming {@code organisation}, stamped {@code time}; returns its id. */
    public static UUID send(
            String organisation, String eventName, String incidentId, OffsetDateTime time, String data) {
        Event event = event(organisation, eventName, incidentId, time, data);
        KafkaTopics.send(TOPIC, incidentId, event.text());
        SENT.computeIfAbsent(incidentId, k -> new CopyOnWriteArrayList<>()).add(event.id());
        return event.id();
    }

    /** An event as escalation-service would write it, checked against its schema, not sent. */
    public static Event event(
            String organisation, String eventName, String incidentId, OffsetDateTime time, String data) {
        UUID id = UUID.randomUUID();
        String event = """
                {"specversion":"1.0","id":"%s","source":"/horenso/escalation-service","type":"jp.horenso.%s",
                 "time":"%s","subject":"%s","organisation":"%s","datacontenttype":"application/json","data":%s}""".formatted(id, eventName, t(time), incidentId, organisation, data);
        EventSchemas.assertValid(eventName, event);
        return new Event(id, event);
    }

    /** An event's id and its text. */
    public record Event(UUID id, String text) {}

    /** HopOpened at {@code openedAt}; returns the hop id. */
    public static String hopOpened(
            String incidentId, String step, String username, OffsetDateTime openedAt, OffsetDateTime ackDeadline) {
        return hopOpened(incidentId, step, username, openedAt, ackDeadline, "REPORT", null);
    }

    public static String hopOpened(
            String incidentId,
            String step,
            String username,
            OffsetDateTime openedAt,
            OffsetDateTime ackDeadline,
            String trigger,
            String deputyFor) {
        String hopId = UUID.randomUUID().toString();
        send("HopOpened", incidentId, openedAt, """
                {"incidentId":"%s","hopId":"%s","step":"%s","recipient":{"username":"%s","name":"%s 様",
                 "email":"%s@example.jp"},"ackDeadline":"%s","trigger":"%s","attempt":1,"deputy":%s,"deputyFor":%s}""".formatted(
                        incidentId,
                        hopId,
                        step,
                        username,
                        username,
                        username,
                        t(ackDeadline),
                        trigger,
                        deputyFor != null,
                        deputyFor == null ? "null" : "\"" + deputyFor + "\""));
        return hopId;
    }

    public static void hopAcknowledged(String incidentId, String hopId, String step, String by, OffsetDateTime at) {
        send("HopAcknowledged", incidentId, at, """
                {"incidentId":"%s","hopId":"%s","step":"%s","acknowledgedBy":"%s","acknowledgedAt":"%s",
                 "late":false,"via":"API"}""".formatted(incidentId, hopId, step, by, t(at)));
    }

    public static void hopTimedOut(
            String incidentId, String hopId, String step, String username, OffsetDateTime deadline) {
        send("HopTimedOut", incidentId, deadline, """
                {"incidentId":"%s","hopId":"%s","step":"%s","recipient":{"username":"%s"},"ackDeadline":"%s",
                 "timedOutAt":"%s"}""".formatted(
                        incidentId, hopId, step, username, t(deadline), t(deadline)));
    }

    public static void chainStopped(String incidentId, OffsetDateTime at, String... cancelledHops) {
        StringBuilder hops = new StringBuilder();
        for (String hop : cancelledHops) {
            hops.append(hops.isEmpty() ? "" : ",").append('"').append(hop).append('"');
        }
        send("ChainStopped", incidentId, at, """
                {"incidentId":"%s","reason":"CLOSED","stoppedAt":"%s","cancelledHops":[%s],"cancelledTimers":0}""".formatted(incidentId, t(at), hops));
    }

    /** RFC 3339 with seconds, as the schemas require. */
    public static String t(OffsetDateTime time) {
        return JapanTime.format(time);
    }
}
