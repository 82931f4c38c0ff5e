package jp.horenso.notification.delivery.messaging;

import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jp.horenso.notification.delivery.event.ChainStopped;
import jp.horenso.notification.delivery.event.NotificationRequested;
import jp.horenso.notification.delivery.service.ChainStopService;
import jp.horenso.notification.delivery.service.NotificationIntakeService;
import jp.horenso.platform.consumer.EventConsumption;
import jp.horenso.platform.events.CloudEvents;
import jp.horenso.platform.events.IncomingEvent;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Reads escalation-service's events: each NotificationRequested goes to the intake service, each ChainStopped
 * (case closed or withdrawn) cancels what is still unsent for the case; other types are acknowledged and ignored.
 * The platform reads the envelope strictly and retries transient failures (the database away for a moment); a
 * record that is not a valid event, or whose data does not fit, goes to the dead-letter topic and consumption
 * goes on.
 */
@ApplicationScoped
public class EscalationEventsConsumer {

    /** Mapped to {@code horenso.escalation-events} in application.properties. */
    public static final String CHANNEL = "escalation-events";

    private final EventConsumption consumption;
    private final CloudEvents cloudEvents;
    private final NotificationIntakeService intake;
    private final ChainStopService chainStops;

    public EscalationEventsConsumer(
            EventConsumption consumption,
            CloudEvents cloudEvents,
            NotificationIntakeService intake,
            ChainStopService chainStops) {
        this.consumption = consumption;
        this.cloudEvents = cloudEvents;
        this.intake = intake;
        this.chainStops = chainStops;
    }

    @Incoming(CHANNEL)
    @Blocking
    public void consume(String record) {
        consumption.consume(record, this::apply);
    }

    private void apply(IncomingEvent event) {
        // Each service checks the event's organisation against what it knows of the case (DLQ when it differs).
        if (event.is(NotificationRequested.NAME)) {
            intake.accept(event, cloudEvents.data(event, NotificationRequested.class));
        } else if (event.is(ChainStopped.NAME)) {
            chainStops.stop(event, cloudEvents.data(event, ChainStopped.class));
        }
    }
}
