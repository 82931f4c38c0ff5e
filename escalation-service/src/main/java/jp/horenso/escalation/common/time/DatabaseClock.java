package jp.horenso.escalation.common.time;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Instant;

/**
 * The database's clock: deadlines are computed and compared by PostgreSQL, so that several replicas (and
 * their possibly drifting clocks) agree on when a hop is due.
 */
@ApplicationScoped
public class DatabaseClock {

    private final EntityManager entityManager;

    public DatabaseClock(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /**
     * PostgreSQL's {@code now()}: the start of the current transaction, the same instant every statement of
     * the transaction sees (so a deadline written as {@code now() + interval} equals this plus the interval).
     */
    public Instant transactionTime() {
        return (Instant) entityManager.createNativeQuery("select now()", Instant.class).getSingleResult();
    }

    /** PostgreSQL's {@code clock_timestamp()}: the time right now, for "when did this actually happen". */
    public Instant wallTime() {
        return (Instant) entityManager.createNativeQuery("select clock_timestamp()", Instant.class).getSingleResult();
    }
}
