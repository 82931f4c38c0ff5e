package jp.horenso.escalation.support;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.UUID;

/**
 * Negative checks without fixed waits. Everything the service writes about a case goes through its outbox and
 * reaches Kafka in the order written, keyed by the case: so once an event the test caused <em>later</em> has
 * arrived, anything the case wrote before it has arrived too. "Nothing unwanted happened" is then asserted on the
 * events before that sentinel, and the check fails when something wrong does arrive.
 */
public final class CaseSentinel {

    private CaseSentinel() {}

    /**
     * Closes the case (IncidentClosed) and waits for the ChainStopped it causes; returns the case's events
     * published before that ChainStopped, in order. Call it after everything the check is about was done (and,
     * for a timer, after one more round of it ran to its end). The case is closed afterwards.
     */
    public static Before closeAndAwaitChainStopped(UUID incidentId) {
        IncidentEvents.send(IncidentEvents.closed(incidentId, "INC-SENTINEL"));
        EscalationEventLog log = EscalationEventLog.get();
        log.await(incidentId, "ChainStopped", 1);
        List<JsonNode> events = log.of(incidentId);
        int stop = 0;
        while (!events.get(stop).path("type").asText().equals("jp.horenso.ChainStopped")) {
            stop++;
        }
        return new Before(events.subList(0, stop), events.get(stop).path("data"));
    }

    /** The case's events before the sentinel, and the sentinel's own data. */
    public record Before(List<JsonNode> events, JsonNode chainStopped) {

        /** The events of one type (e.g. {@code HopTimedOut}) before the sentinel. */
        public List<JsonNode> of(String eventName) {
            return events.stream()
                    .filter(e -> e.path("type").asText().equals("jp.horenso." + eventName))
                    .toList();
        }

        /** The {@code data} of the NotificationRequested events of one kind before the sentinel. */
        public List<JsonNode> notices(String kind) {
            return of("NotificationRequested").stream()
                    .map(e -> e.path("data"))
                    .filter(d -> d.path("kind").asText().equals(kind))
                    .toList();
        }
    }
}
