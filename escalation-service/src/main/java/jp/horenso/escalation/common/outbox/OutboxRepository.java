package jp.horenso.escalation.common.outbox;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** The {@code outbox_event} table. */
@ApplicationScoped
public class OutboxRepository implements PanacheRepository<OutboxEvent> {

    /**
     * Locks the oldest unpublished events for the caller's transaction; rows another relay holds are skipped,
     * so replicas never send the same batch at once.
     */
    @SuppressWarnings("unchecked")
    public List<OutboxEvent> lockUnpublished(int limit) {
        return getEntityManager().createNativeQuery("""
                select * from outbox_event where published_at is null
                order by seq limit :limit for update skip locked""", OutboxEvent.class)
                .setParameter("limit", limit)
                .getResultList();
    }
}
