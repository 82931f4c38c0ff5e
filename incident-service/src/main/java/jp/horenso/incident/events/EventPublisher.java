package jp.horenso.incident.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.UUID;
import jp.horenso.incident.common.events.CloudEvent;
import jp.horenso.incident.common.outbox.Outbox;

/**
 * The one way this service publishes a fact: a typed event record (see the features' {@code event} packages), written
 * to the outbox in the caller's transaction, keyed by the case so that a case's events stay in order.
 */
@ApplicationScoped
public class EventPublisher {

    private final Outbox outbox;
    private final ObjectMapper mapper;

    public EventPublisher(Outbox outbox, ObjectMapper mapper) {
        this.outbox = outbox;
        this.mapper = mapper;
    }

    /**
     * Publishes {@code data} as the event {@code name} about the case {@code incidentId} if and only if the current
     * transaction commits.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void publish(UUID incidentId, String name, Object data) {
        outbox.add(CloudEvent.of(name, incidentId, mapper.valueToTree(data)));
    }
}
