package jp.horenso.escalation.hop.messaging;

import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jp.horenso.escalation.common.events.CloudEvents;
import jp.horenso.escalation.common.events.IncomingEvent;
import jp.horenso.escalation.hop.service.EscalationService;
import jp.horenso.escalation.legal.messaging.LegalDutyIdentified;
import jp.horenso.escalation.legal.messaging.LegalDutyWithdrawn;
import jp.horenso.escalation.legal.messaging.LegalReportSubmitted;
import jp.horenso.escalation.legal.service.LegalClockService;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Reads {@code horenso.incident-events}: a report starts the chain, an acknowledgement stops a hop's clock, a
 * severity opens the chain's severity conditions, legal duties start and stop legal clocks.
 * A record that is not a valid event throws, is nacked and goes to the dead-letter topic; consumption goes on.
 */
@ApplicationScoped
public class IncidentEventsConsumer {

    /** Incoming channel, mapped to {@code horenso.incident-events} in application.properties. */
    public static final String CHANNEL = "incident-events";

    private static final Logger LOG = Logger.getLogger(IncidentEventsConsumer.class);

    private final CloudEvents cloudEvents;
    private final EscalationService escalation;
    private final LegalClockService legal;

    public IncidentEventsConsumer(CloudEvents cloudEvents, EscalationService escalation, LegalClockService legal) {
        this.cloudEvents = cloudEvents;
        this.escalation = escalation;
        this.legal = legal;
    }

    @Incoming(CHANNEL)
    @Blocking
    public void consume(String record) {
        IncomingEvent event = cloudEvents.read(record);
        if (event.is(IncidentReported.EVENT)) {
            escalation.startChain(event.id(), cloudEvents.data(event, IncidentReported.class));
        } else if (event.is(IncidentAcknowledged.EVENT)) {
            escalation.acknowledge(event.id(), cloudEvents.data(event, IncidentAcknowledged.class));
        } else if (event.is(SeverityAssessed.EVENT)) {
            escalation.assessSeverity(event.id(), cloudEvents.data(event, SeverityAssessed.class));
        } else if (event.is(LegalDutyIdentified.EVENT)) {
            legal.identified(event.id(), cloudEvents.data(event, LegalDutyIdentified.class));
        } else if (event.is(LegalDutyWithdrawn.EVENT)) {
            legal.withdrawn(event.id(), cloudEvents.data(event, LegalDutyWithdrawn.class));
        } else if (event.is(LegalReportSubmitted.EVENT)) {
            legal.submitted(event.id(), cloudEvents.data(event, LegalReportSubmitted.class));
        } else {
            LOG.debugf("ignoring %s %s", event.type(), event.id());
        }
    }
}
