package jp.horenso.platform.outbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.UUID;
import jp.horenso.platform.PlatformConfig;
import jp.horenso.platform.events.CloudEvents;
import jp.horenso.platform.security.Organisation;
import jp.horenso.platform.sql.DirectSql;
import jp.horenso.platform.time.DatabaseClock;

/**
 * Where a service puts the events of its change, in the change's own transaction: an event is published if and
 * only if the change commits (never lose an event). The commit wakes the relay leader through PostgreSQL
 * {@code NOTIFY}, which the database delivers only once the transaction has committed.
 */
@ApplicationScoped
public class Outbox {

    /** The PostgreSQL notification channel the relay leader listens on. */
    public static final String WAKE_CHANNEL = "horenso_outbox";

    private static final String WAKE_REGISTERED = Outbox.class.getName() + ".wake";

    private final EntityManager entityManager;
    private final CloudEvents cloudEvents;
    private final DatabaseClock clock;
    private final TransactionSynchronizationRegistry transaction;
    private final String topic;

    public Outbox(
            EntityManager entityManager,
            CloudEvents cloudEvents,
            DatabaseClock clock,
            TransactionSynchronizationRegistry transaction,
            PlatformConfig config) {
        this.entityManager = entityManager;
        this.cloudEvents = cloudEvents;
        this.clock = clock;
        this.transaction = transaction;
        this.topic = config.topic();
    }

    /**
     * Adds the event {@code eventName} of {@code organisation} about {@code subject} (its CloudEvents subject and Kafka
     * key: a case id, or an organisation code for organisation-wide events), stamped with the transaction's time.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public UUID append(String eventName, Organisation organisation, String subject, Object data) {
        return append(eventName, organisation, subject, clock.transactionTime(), data);
    }

    /** Adds an event stamped with {@code time} (when the fact happened, e.g. when a timer fired). */
    @Transactional(Transactional.TxType.MANDATORY)
    public UUID append(String eventName, Organisation organisation, String subject, Instant time, Object data) {
        UUID id = UUID.randomUUID();
        entityManager
                .createNativeQuery("""
                insert into outbox_event (id, topic, message_key, type, payload) values (:id, :topic, :key, :type, :payload)
                """)
                .setParameter("id", id)
                .setParameter("topic", topic)
                .setParameter("key", subject)
                .setParameter("type", CloudEvents.TYPE_PREFIX + eventName)
                .setParameter("payload", cloudEvents.write(id, eventName, organisation.code(), subject, time, data))
                .executeUpdate();
        wakeRelayOnCommit();
        return id;
    }

    /** One {@code NOTIFY} per transaction, however many events it writes. */
    private void wakeRelayOnCommit() {
        if (transaction.getResource(WAKE_REGISTERED) == null) {
            transaction.putResource(WAKE_REGISTERED, Boolean.TRUE);
            DirectSql.unflushed(entityManager, "select pg_notify(?, '')", row -> Boolean.TRUE, WAKE_CHANNEL);
        }
    }
}
