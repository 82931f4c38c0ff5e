package jp.horenso.notification.common.outbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jp.horenso.notification.common.events.CloudEvent;
import jp.horenso.notification.common.events.CloudEvents;

/** Writes events to the outbox, in the caller's transaction, for {@link OutboxRelay} to publish. */
@ApplicationScoped
public class Outbox {

    private final OutboxRepository repository;
    private final CloudEvents cloudEvents;

    public Outbox(OutboxRepository repository, CloudEvents cloudEvents) {
        this.repository = repository;
        this.cloudEvents = cloudEvents;
    }

    /** Queues {@code event} for {@code topic}; the Kafka key is the event's subject (the incident id). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void append(String topic, CloudEvent event) {
        repository.persist(
                new OutboxEvent(event.id(), topic, event.subject(), event.type(), cloudEvents.toJson(event)));
    }
}
