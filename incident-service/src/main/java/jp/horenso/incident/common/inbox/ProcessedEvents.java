package jp.horenso.incident.common.inbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.UUID;

/** Remembers which events a consumer applied, so that a redelivered event is applied at most once. */
@ApplicationScoped
public class ProcessedEvents {

    private final EntityManager em;

    public ProcessedEvents(EntityManager em) {
        this.em = em;
    }

    /**
     * Records the event id for this consumer in the caller's transaction. Inserts first, never looks first: the
     * primary key decides, so two deliveries racing each other cannot both win.
     *
     * @return false if the event was already applied
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean firstDelivery(UUID eventId, String consumer) {
        int inserted = em.createNativeQuery("INSERT INTO processed_event (event_id, consumer) VALUES (?1, ?2) "
                + "ON CONFLICT DO NOTHING").setParameter(1, eventId).setParameter(2, consumer).executeUpdate();
        return inserted == 1;
    }
}
