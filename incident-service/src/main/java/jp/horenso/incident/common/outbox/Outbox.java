package jp.horenso.incident.common.outbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jp.horenso.incident.common.events.CloudEvent;

/** Writes events to the outbox inside the caller's transaction; never sends anything itself. */
@ApplicationScoped
public class Outbox implements PanacheRepository<OutboxEvent> {

    /** Topic of the facts this service publishes. */
    public static final String INCIDENT_EVENTS_TOPIC = "horenso.incident-events";

    private final ObjectMapper mapper;

    public Outbox(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** Adds the event to the current transaction: it is published if and only if the transaction commits. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void add(CloudEvent event) {
        OutboxEvent row = new OutboxEvent();
        row.id = event.id();
        row.topic = INCIDENT_EVENTS_TOPIC;
        row.messageKey = event.subject();
        row.type = event.type();
        row.payload = event.toJson(mapper);
        persist(row);
    }
}
