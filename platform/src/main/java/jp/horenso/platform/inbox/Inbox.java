package jp.horenso.platform.inbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.UUID;
import jp.horenso.platform.sql.DirectSql;

/**
 * The {@code processed_event} table, which makes consumers idempotent: an event id is applied at most once per
 * consumer.
 */
@ApplicationScoped
public class Inbox {

    private final EntityManager entityManager;

    public Inbox(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /**
     * Records that {@code consumer} is applying {@code eventId} in the caller's transaction.
     *
     * @return {@code false} when the event was applied before (a redelivery): the caller must do nothing
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean firstDelivery(UUID eventId, String consumer) {
        // Insert first, never look first: the primary key decides, even between concurrent consumers. On every
        // event, so past Hibernate's native-query API (DirectSql).
        int inserted = DirectSql.update(
                entityManager,
                "insert into processed_event (event_id, consumer, processed_at) values (?, ?, now()) on conflict do nothing",
                eventId,
                consumer);
        return inserted == 1;
    }
}
