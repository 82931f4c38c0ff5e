package jp.horenso.incident.chain.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.Optional;
import java.util.UUID;
import jp.horenso.incident.cases.repository.IncidentRepository;
import jp.horenso.incident.chain.ChainHop;
import jp.horenso.incident.chain.event.ChainStopped;
import jp.horenso.incident.chain.event.HopAcknowledged;
import jp.horenso.incident.chain.event.HopCancelled;
import jp.horenso.incident.chain.event.HopOpened;
import jp.horenso.incident.chain.event.HopTimedOut;
import jp.horenso.incident.chain.repository.ChainHopRepository;
import jp.horenso.platform.events.CloudEvents;
import jp.horenso.platform.events.IncomingEvent;
import jp.horenso.platform.events.InvalidEventException;
import jp.horenso.platform.inbox.Inbox;
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

    private final Inbox inbox;
    private final CloudEvents cloudEvents;
    private final IncidentRepository incidents;
    private final ChainHopRepository hops;

    public ChainProjection(
            Inbox inbox, CloudEvents cloudEvents, IncidentRepository incidents, ChainHopRepository hops) {
        this.inbox = inbox;
        this.cloudEvents = cloudEvents;
        this.incidents = incidents;
        this.hops = hops;
    }

    /**
     * Applies one event of {@code horenso.escalation-events}; other events are ignored.
     *
     * @throws InvalidEventException when the event cannot be applied (the record goes to the dead-letter topic)
     */
    public void apply(IncomingEvent event) {
        if (!(event.is(HopOpened.NAME)
                || event.is(HopAcknowledged.NAME)
                || event.is(HopTimedOut.NAME)
                || event.is(HopCancelled.NAME)
                || event.is(ChainStopped.NAME))) {
            return;
        }
        if (!inbox.firstDelivery(event.id(), CONSUMER)) {
            LOG.debugf("event %s already applied to the chain projection", event.id());
            return;
        }
        requireCaseOrganisation(event);
        if (event.is(HopOpened.NAME)) {
            opened(event, cloudEvents.data(event, HopOpened.class));
        } else if (event.is(HopAcknowledged.NAME)) {
            HopAcknowledged ack = cloudEvents.data(event, HopAcknowledged.class);
            hop(ack.hopId()).ifPresent(hop -> hop.acknowledge(ack.acknowledgedBy(), ack.acknowledgedAt()));
        } else if (event.is(HopTimedOut.NAME)) {
            HopTimedOut out = cloudEvents.data(event, HopTimedOut.class);
            hop(out.hopId()).ifPresent(hop -> hop.timeOut(out.timedOutAt()));
        } else if (event.is(HopCancelled.NAME)) {
            HopCancelled cancelled = cloudEvents.data(event, HopCancelled.class);
            hop(cancelled.hopId()).ifPresent(hop -> hop.cancel(cancelled.reason(), cancelled.cancelledAt()));
        } else {
            stopped(cloudEvents.data(event, ChainStopped.class));
        }
    }

    /** The event's subject is a case of this service, of the organisation the event claims. */
    private void requireCaseOrganisation(IncomingEvent event) {
        UUID incidentId;
        try {
            incidentId = UUID.fromString(event.subject());
        } catch (IllegalArgumentException e) {
            throw new InvalidEventException("bad uuid in subject");
        }
        String organisation = incidents
                .organisationOf(incidentId)
                .orElseThrow(() -> new InvalidEventException("unknown incident " + incidentId));
        event.requireOrganisation(organisation);
    }

    private void opened(IncomingEvent event, HopOpened opened) {
        if (incidents.organisationOf(opened.incidentId()).isEmpty()) {
            throw new InvalidEventException("unknown incident " + opened.incidentId());
        }
        if (hops.findById(opened.hopId()) != null) {
            return;
        }
        hops.persist(ChainHop.opened(
                opened.hopId(),
                opened.incidentId(),
                opened.step(),
                opened.recipient().username(),
                blankToNull(opened.recipient().name()),
                blankToNull(opened.trigger()),
                blankToNull(opened.deputyFor()),
                opened.escalatedFrom(),
                event.time(),
                opened.ackDeadline()));
    }

    private void stopped(ChainStopped stopped) {
        for (UUID cancelled : stopped.cancelledHops()) {
            ChainHop hop = hops.findById(cancelled);
            if (hop != null) {
                hop.cancel(stopped.reason(), stopped.stoppedAt());
            }
        }
        hops.update("chainStopped = true WHERE incidentId = ?1", stopped.incidentId());
    }

    /** The hop the event names; a hop opened before this projection existed is absent and left alone. */
    private Optional<ChainHop> hop(UUID hopId) {
        ChainHop hop = hops.findById(hopId);
        if (hop == null) {
            LOG.warnf("hop %s is not in the chain projection; event left out", hopId);
        }
        return Optional.ofNullable(hop);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
