package jp.horenso.escalation.publishing;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import jp.horenso.escalation.common.outbox.Outbox;
import jp.horenso.escalation.config.EventsConfig;

/**
 * The one way this service publishes an event: into the outbox, in the caller's transaction, on the topic of
 * {@code horenso.events.topic}. Every event writer goes through {@link #publish}, so moving to the platform's
 * outbox is a change here only.
 */
@ApplicationScoped
public class EventPublisher {

    private final Outbox outbox;
    private final EventsConfig config;

    public EventPublisher(Outbox outbox, EventsConfig config) {
        this.outbox = outbox;
        this.config = config;
    }

    /** Writes the event (its {@code data}) about {@code subject} (a case id, an organisation code) to the outbox. */
    public void publish(String eventName, String subject, Instant time, Object data) {
        outbox.append(config.topic(), eventName, subject, time, data);
    }
}
