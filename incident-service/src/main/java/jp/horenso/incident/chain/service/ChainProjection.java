package jp.horenso.incident.chain.service;

import static jp.horenso.incident.common.events.EventData.optional;
import static jp.horenso.incident.common.events.EventData.required;
import static jp.horenso.incident.common.events.EventData.time;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.util.UUID;
import jp.horenso.incident.cases.repository.IncidentRepository;
import jp.horenso.incident.chain.ChainHop;
import jp.horenso.incident.chain.repository.ChainHopRepository;
import jp.horenso.incident.common.events.CloudEvent;
import jp.horenso.incident.common.events.EventData;
import jp.horenso.incident.common.events.CloudEvent.MalformedEventException;
import jp.horenso.incident.common.inbox.ProcessedEvents;
import org.jboss.logging.Logger;

/**
 * Keeps {@code chain_hop} up to date from the chain's events (HopOpened, HopAcknowledged, HopTimedOut, HopCancelled,
 * ChainStopped), each event at most once; HopEscalated changes nothing here, its new hops arrive as HopOpened.
 */
@ApplicationScoped
@Transactional
public class ChainProjection {

    /** The processed-event consumer name of this projection, apart from the timeline's. */
    public static final String CONSUMER = "escalation-events/chain";

    private static final Logger LOG = Logger.getLogger(ChainProjection.class);

    private final ProcessedEvents processed;
    private final IncidentRepository incidents;
    private final ChainHopRepository hops;

    public ChainProjection(ProcessedEvents processed, IncidentRepository incidents, ChainHopRepository hops) {
        this.processed = processed;
        this.incidents = incidents;
        this.hops = hops;
    }

    /**
     * Applies one event of {@code horenso.escalation-events}; other events are ignored.
     *
     * @throws MalformedEventException when the event cannot be applied (the record goes to the dead-letter topic)
     */
    public void apply(CloudEvent event) {
        if (!switch (event.name()) {
            case "HopOpened", "HopAcknowledged", "HopTimedOut", "HopCancelled", "ChainStopped" -> true;
            default -> false;
        }) {
            return;
        }
        if (!processed.firstDelivery(event.id(), CONSUMER)) {
            LOG.debugf("event %s already applied to the chain projection", event.id());
            return;
        }
        JsonNode d = event.data();
        switch (event.name()) {
            case "HopOpened" -> opened(event, d);
            case "HopAcknowledged" -> hop(d, "hopId").ifPresent(hop -> hop.acknowledge(
                    required(d, "acknowledgedBy"), time(d, "acknowledgedAt")));
            case "HopTimedOut" -> hop(d, "hopId").ifPresent(hop -> hop.timeOut(time(d, "timedOutAt")));
            case "HopCancelled" -> hop(d, "hopId").ifPresent(hop -> hop.cancel(required(d, "reason"),
                    time(d, "cancelledAt")));
            case "ChainStopped" -> stopped(d);
            default -> throw new IllegalStateException(event.name());
        }
    }

    private void opened(CloudEvent event, JsonNode d) {
        UUID hopId = EventData.uuid(required(d, "hopId"), "hopId");
        UUID incidentId = EventData.uuid(required(d, "incidentId"), "incidentId");
        if (incidents.findById(incidentId) == null) {
            throw new MalformedEventException("unknown incident " + incidentId);
        }
        if (hops.findById(hopId) != null) {
            return;
        }
        String escalatedFrom = optional(d, "escalatedFrom");
        hops.persist(ChainHop.opened(hopId, incidentId, required(d, "step"), required(d.path("recipient"), "username"),
                optional(d.path("recipient"), "name"), optional(d, "trigger"), optional(d, "deputyFor"),
                escalatedFrom == null ? null : EventData.uuid(escalatedFrom, "escalatedFrom"), event.time(),
                time(d, "ackDeadline")));
    }

    private void stopped(JsonNode d) {
        UUID incidentId = EventData.uuid(required(d, "incidentId"), "incidentId");
        String reason = required(d, "reason");
        OffsetDateTime at = time(d, "stoppedAt");
        for (JsonNode cancelled : d.path("cancelledHops")) {
            ChainHop hop = hops.findById(EventData.uuid(cancelled.asText(), "cancelledHops"));
            if (hop != null) {
                hop.cancel(reason, at);
            }
        }
        hops.update("chainStopped = true WHERE incidentId = ?1", incidentId);
    }

    /** The hop the event names; a hop opened before this projection existed is absent and left alone. */
    private java.util.Optional<ChainHop> hop(JsonNode d, String field) {
        UUID hopId = EventData.uuid(required(d, field), field);
        ChainHop hop = hops.findById(hopId);
        if (hop == null) {
            LOG.warnf("hop %s is not in the chain projection; event left out", hopId);
        }
        return java.util.Optional.ofNullable(hop);
    }
}
