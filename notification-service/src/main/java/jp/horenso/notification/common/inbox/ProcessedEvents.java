package jp.horenso.notification.common.inbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.UUID;

/**
 * The {@code processed_event} table that makes consumers idempotent: insert first, never look first, so two
 * concurrent deliveries of one event cannot both pass.
 */
@ApplicationScoped
public class ProcessedEvents {

    private final EntityManager em;

    public ProcessedEvents(EntityManager em) {
        this.em = em;
    }

    /**
     * Records that {@code consumer} applies {@code eventId}, in the caller's transaction; {@code false} means
     * the event was applied before and must be skipped.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean markProcessed(UUID eventId, String consumer) {
        int inserted = em.createNativeQuery("""
                INSERT INTO processed_event (event_id, consumer, processed_at) VALUES (:eventId, :consumer, now())
                ON CONFLICT DO NOTHING""")
                .setParameter("eventId", eventId)
                .setParameter("consumer", consumer)
                .executeUpdate();
        return inserted == 1;
    }
}
