package jp.horenso.notification.notification.messaging;

import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jp.horenso.notification.common.events.CloudEvent;
import jp.horenso.notification.common.events.CloudEvents;
import jp.horenso.notification.notification.event.NotificationRequested;
import jp.horenso.notification.notification.service.NotificationIntakeService;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Reads escalation-service's events and hands each NotificationRequested to the intake service; other types are
 * acknowledged and ignored. Anything that is not a valid CloudEvent throws, so the record goes to the
 * dead-letter topic and consumption goes on.
 */
@ApplicationScoped
public class EscalationEventsConsumer {

    /** Mapped to {@code horenso.escalation-events} in application.properties. */
    public static final String CHANNEL = "escalation-events";

    private final CloudEvents cloudEvents;
    private final NotificationIntakeService intake;

    public EscalationEventsConsumer(CloudEvents cloudEvents, NotificationIntakeService intake) {
        this.cloudEvents = cloudEvents;
        this.intake = intake;
    }

    @Incoming(CHANNEL)
    @Blocking
    public void consume(String value) {
        CloudEvent event = cloudEvents.parse(value);
        if (!NotificationRequested.TYPE.equals(event.type())) {
            return;
        }
        NotificationRequested request = cloudEvents.data(event, NotificationRequested.class);
        intake.accept(event.id(), event.time() == null ? null : event.time().toInstant(), request);
    }
}
