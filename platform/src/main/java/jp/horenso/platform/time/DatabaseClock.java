package jp.horenso.platform.time;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.time.OffsetDateTime;
import jp.horenso.platform.sql.DirectSql;
import jp.horenso.platform.sql.TransactionMemo;

/**
 * The one clock of a service: PostgreSQL's. Deadlines are computed and compared by the database, so that several
 * replicas (and their possibly drifting clocks) agree on what is due and when something happened.
 */
@ApplicationScoped
public class DatabaseClock {

    /** The memo key of the transaction's {@code now()}, asked once per transaction (it cannot change within one). */
    private record TransactionTime() {}

    private final EntityManager entityManager;
    private final TransactionMemo memo;

    public DatabaseClock(EntityManager entityManager, TransactionMemo memo) {
        this.entityManager = entityManager;
        this.memo = memo;
    }

    /**
     * PostgreSQL's {@code now()}: the start of the current transaction, the same instant every statement of the
     * transaction sees (a deadline written as {@code now() + interval} equals this plus the interval). Use it for
     * what a change records about itself. Asked of the database once per transaction.
     */
    public Instant transactionTime() {
        return memo.remember(new TransactionTime(), () -> select("select now()"));
    }

    /** PostgreSQL's {@code clock_timestamp()}: the time right now, for "when did this actually happen". */
    public Instant wallTime() {
        return select("select clock_timestamp()");
    }

    private Instant select(String sql) {
        return DirectSql.unflushed(
                        entityManager,
                        sql,
                        row -> row.getObject(1, OffsetDateTime.class).toInstant())
                .orElseThrow();
    }
}
