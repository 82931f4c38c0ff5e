package jp.horenso.escalation.common.outbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.UUID;
import jp.horenso.escalation.common.events.CloudEvents;

/** Where a service puts the events of its change, in the change's own transaction (never lose an event). */
@ApplicationScoped
public class Outbox {

    private final OutboxRepository repository;
    private final CloudEvents cloudEvents;

    public Outbox(OutboxRepository repository, CloudEvents cloudEvents) {
        this.repository = repository;
        this.cloudEvents = cloudEvents;
    }

    /**
     * Adds a CloudEvent about case {@code incidentId} (its subject and Kafka key) to be published on
     * {@code topic} once the caller's transaction commits.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public UUID append(String topic, String eventName, UUID incidentId, Instant time, Object data) {
        return append(topic, eventName, incidentId.toString(), time, data);
    }

    /**
     * Adds a CloudEvent about {@code subject} (its subject and Kafka key: a case id, or an organisation code for
     * organisation-wide events) to be published once the caller's transaction commits.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public UUID append(String topic, String eventName, String subject, Instant time, Object data) {
        UUID id = UUID.randomUUID();
        String payload = cloudEvents.write(id, eventName, subject, time, data);
        repository.persist(new OutboxEvent(id, topic, subject, CloudEvents.TYPE_PREFIX + eventName, payload));
        return id;
    }
}
