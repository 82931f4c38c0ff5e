package jp.horenso.platform.outbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.RollbackException;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.SystemException;
import jakarta.transaction.TransactionManager;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import jp.horenso.platform.PlatformConfig;
import jp.horenso.platform.events.CloudEvents;
import jp.horenso.platform.security.Organisation;
import jp.horenso.platform.time.DatabaseClock;

/**
 * Where a service puts the events of its change, in the change's own transaction: an event is published if and
 * only if the change commits (never lose an event). The commit wakes the relay leader through PostgreSQL
 * {@code NOTIFY}, which the database delivers only once the transaction has committed.
 *
 * <p>The rows of a transaction are written together just before it commits, in one JDBC batch with the
 * {@code NOTIFY} after it: an event costs no round trip of its own, and appending does not flush the session (a
 * native statement through Hibernate would flush every managed entity first, at each event). The event's envelope
 * is built when it is appended, so a payload that cannot be written fails there.
 */
@ApplicationScoped
public class Outbox {

    /** The PostgreSQL notification channel the relay leader listens on. */
    public static final String WAKE_CHANNEL = "horenso_outbox";

    private static final String PENDING = Outbox.class.getName() + ".pending";
    private static final String INSERT =
            "insert into outbox_event (id, topic, message_key, type, payload) values (?, ?, ?, ?, ?)";

    /** One row to write at commit. */
    private record Row(UUID id, String key, String type, String payload) {}

    private final DataSource dataSource;
    private final CloudEvents cloudEvents;
    private final DatabaseClock clock;
    private final TransactionSynchronizationRegistry transaction;
    private final TransactionManager transactionManager;
    private final String topic;

    public Outbox(
            DataSource dataSource,
            CloudEvents cloudEvents,
            DatabaseClock clock,
            TransactionSynchronizationRegistry transaction,
            TransactionManager transactionManager,
            PlatformConfig config) {
        this.dataSource = dataSource;
        this.cloudEvents = cloudEvents;
        this.clock = clock;
        this.transaction = transaction;
        this.transactionManager = transactionManager;
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
        pending()
                .add(new Row(
                        id,
                        subject,
                        CloudEvents.TYPE_PREFIX + eventName,
                        cloudEvents.write(id, eventName, organisation.code(), subject, time, data)));
        return id;
    }

    /** The rows of this transaction; the first append registers their writing before the commit. */
    @SuppressWarnings("unchecked")
    private List<Row> pending() {
        List<Row> rows = (List<Row>) transaction.getResource(PENDING);
        if (rows == null) {
            List<Row> created = new ArrayList<>();
            transaction.putResource(PENDING, created);
            // Registered with the transaction itself, not interposed: such synchronizations run before the
            // interposed ones (the connection pool's among them).
            registerBeforeCommit(new Synchronization() {
                @Override
                public void beforeCompletion() {
                    if (transaction.getTransactionStatus() != Status.STATUS_MARKED_ROLLBACK) {
                        write(created);
                    }
                }

                @Override
                public void afterCompletion(int status) {}
            });
            rows = created;
        }
        return rows;
    }

    private void registerBeforeCommit(Synchronization synchronization) {
        try {
            transactionManager.getTransaction().registerSynchronization(synchronization);
        } catch (RollbackException | SystemException e) {
            throw new IllegalStateException("cannot write events in this transaction", e);
        }
    }

    /** The rows in one JDBC batch, then one {@code NOTIFY} however many events the transaction wrote. */
    private void write(List<Row> rows) {
        // The pool hands out the connection enlisted in this transaction (the session's); this handle is closed
        // here, before the pool's check at commit that no handle is left open.
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                for (Row row : rows) {
                    insert.setObject(1, row.id());
                    insert.setString(2, topic);
                    insert.setString(3, row.key());
                    insert.setString(4, row.type());
                    insert.setString(5, row.payload());
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            try (PreparedStatement wake = connection.prepareStatement("select pg_notify(?, '')")) {
                wake.setString(1, WAKE_CHANNEL);
                wake.executeQuery().close();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot write the outbox rows of this transaction", e);
        }
    }
}
