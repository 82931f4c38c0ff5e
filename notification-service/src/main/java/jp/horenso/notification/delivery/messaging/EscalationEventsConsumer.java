package jp.horenso.notification.delivery.messaging;

import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jp.horenso.notification.common.events.CloudEvent;
import jp.horenso.notification.common.events.CloudEvents;
import jp.horenso.notification.delivery.event.ChainStopped;
import jp.horenso.notification.delivery.event.NotificationRequested;
import jp.horenso.notification.delivery.service.ChainStopService;
import jp.horenso.notification.delivery.service.NotificationIntakeService;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Reads escalation-service's events: each NotificationRequested goes to the intake service, each ChainStopped
 * (case closed or withdrawn) cancels what is still unsent for the case; other types are acknowledged and ignored. Anything that is not a valid CloudEvent throws, so the record goes to the
 * dead-letter topic and consumption goes on.
 */
@ApplicationScoped
public class EscalationEventsConsumer {

    /** Mapped to {@code horenso.escalation-events} in application.properties. */
    public static final String CHANNEL = "escalation-events";

    private final CloudEvents cloudEvents;
    private final NotificationIntakeService intake;
    private final ChainStopService chainStops;

    public EscalationEventsConsumer(CloudEvents cloudEvents, NotificationIntakeService intake,
            ChainStopService chainStops) {
        this.cloudEvents = cloudEvents;
        this.intake = intake;
        this.chainStops = chainStops;
    }

    @Incoming(CHANNEL)
    @Blocking
    public void consume(String value) {
        CloudEvent event = cloudEvents.parse(value);
        if (is(event, NotificationRequested.NAME)) {
            NotificationRequested request = cloudEvents.data(event, NotificationRequested.class);
            intake.accept(event.id(), event.time() == null ? null : event.time().toInstant(), request);
        } else if (is(event, ChainStopped.NAME)) {
            chainStops.stop(event.id(), cloudEvents.data(event, ChainStopped.class));
        }
    }

    /** Whether {@code event} is the event {@code eventName} of the contract (type {@code jp.horenso.<name>}). */
    private static boolean is(CloudEvent event, String eventName) {
        return (CloudEvent.TYPE_PREFIX + eventName).equals(event.type());
    }
}
