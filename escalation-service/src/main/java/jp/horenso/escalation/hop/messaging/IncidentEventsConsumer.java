package jp.horenso.escalation.hop.messaging;

import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jp.horenso.escalation.common.events.CloudEvents;
import jp.horenso.escalation.common.events.IncomingEvent;
import jp.horenso.escalation.hop.service.EscalationService;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Reads {@code horenso.incident-events}: a report starts the chain, an acknowledgement stops a hop's clock.
 * A record that is not a valid event throws, is nacked and goes to the dead-letter topic; consumption goes on.
 */
@ApplicationScoped
public class IncidentEventsConsumer {

    /** Incoming channel, mapped to {@code horenso.incident-events} in application.properties. */
    public static final String CHANNEL = "incident-events";

    private static final Logger LOG = Logger.getLogger(IncidentEventsConsumer.class);

    private final CloudEvents cloudEvents;
    private final EscalationService escalation;

    public IncidentEventsConsumer(CloudEvents cloudEvents, EscalationService escalation) {
        this.cloudEvents = cloudEvents;
        this.escalation = escalation;
    }

    @Incoming(CHANNEL)
    @Blocking
    public void consume(String record) {
        IncomingEvent event = cloudEvents.read(record);
        if (event.is(IncidentReported.EVENT)) {
            escalation.startChain(event.id(), cloudEvents.data(event, IncidentReported.class));
        } else if (event.is(IncidentAcknowledged.EVENT)) {
            escalation.acknowledge(event.id(), cloudEvents.data(event, IncidentAcknowledged.class));
        } else {
            LOG.debugf("ignoring %s %s", event.type(), event.id());
        }
    }
}
