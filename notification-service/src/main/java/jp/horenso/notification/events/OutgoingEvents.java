package jp.horenso.notification.events;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.UUID;
import jp.horenso.notification.common.events.CloudEvent;
import jp.horenso.notification.common.events.CloudEvents;
import jp.horenso.notification.common.outbox.Outbox;

/**
 * The one way this service publishes an event: into the outbox, in the caller's transaction, for the relay to
 * send after commit. Its signature is the platform's {@code Outbox.append(eventName, subject, data)}, so moving to
 * the platform replaces this class and nothing else.
 */
@ApplicationScoped
public class OutgoingEvents {

    private final Outbox outbox;
    private final CloudEvents cloudEvents;
    private final String topic;

    public OutgoingEvents(Outbox outbox, CloudEvents cloudEvents, EventsConfig config) {
        this.outbox = outbox;
        this.cloudEvents = cloudEvents;
        this.topic = config.topic();
    }

    /**
     * Writes the event {@code eventName} (an event record's {@code NAME}, e.g. {@code NotificationDelivered}) about
     * the case {@code subject} (the incident id, also the Kafka key) with {@code data}, the event record.
     *
     * @return the event's id
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public UUID append(String eventName, String subject, Object data) {
        CloudEvent event = cloudEvents.create(eventName, UUID.fromString(subject), data);
        outbox.append(topic, event);
        return event.id();
    }
}
