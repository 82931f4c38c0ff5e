package jp.horenso.platform.time;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Instant;

/**
 * The one clock of a service: PostgreSQL's. Deadlines are computed and compared by the database, so that several
 * replicas (and their possibly drifting clocks) agree on what is due and when something happened.
 */
@ApplicationScoped
public class DatabaseClock {

    private final EntityManager entityManager;

    public DatabaseClock(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /**
     * PostgreSQL's {@code now()}: the start of the current transaction, the same instant every statement of the
     * transaction sees (a deadline written as {@code now() + interval} equals this plus the interval). Use it for
     * what a change records about itself.
     */
    public Instant transactionTime() {
        return (Instant)
                entityManager.createNativeQuery("select now()", Instant.class).getSingleResult();
    }

    /** PostgreSQL's {@code clock_timestamp()}: the time right now, for "when did this actually happen". */
    public Instant wallTime() {
        return (Instant) entityManager
                .createNativeQuery("select clock_timestamp()", Instant.class)
                .getSingleResult();
    }
}
