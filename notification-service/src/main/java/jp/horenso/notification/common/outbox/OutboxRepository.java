package jp.horenso.notification.common.outbox;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** Stores outbox events and hands the relay the next unpublished ones. */
@ApplicationScoped
public class OutboxRepository implements PanacheRepository<OutboxEvent> {

    /** The oldest unpublished events, locked for the caller's transaction; rows another relay holds are skipped. */
    @SuppressWarnings("unchecked")
    public List<OutboxEvent> lockUnpublished(int limit) {
        return getEntityManager().createNativeQuery("""
                SELECT * FROM outbox_event WHERE published_at IS NULL
                ORDER BY seq LIMIT :limit FOR UPDATE SKIP LOCKED""", OutboxEvent.class)
                .setParameter("limit", limit)
                .getResultList();
    }
}
