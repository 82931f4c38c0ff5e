package jp.horenso.platform.metrics;

import io.micrometer.core.instrument.Counter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

/**
 * Measures a fact only when the transaction that records it commits: a timer batch rolled back and handled again
 * row by row, or a change refused at the end, is not counted twice or at all. Outside a transaction it measures at
 * once.
 */
@ApplicationScoped
public class AfterCommit {

    private final TransactionSynchronizationRegistry transaction;

    public AfterCommit(TransactionSynchronizationRegistry transaction) {
        this.transaction = transaction;
    }

    /** Increments {@code counter} once the current transaction commits. */
    public void increment(Counter counter) {
        run(counter::increment);
    }

    /** Runs {@code measurement} (cheap, never failing) once the current transaction commits. */
    public void run(Runnable measurement) {
        if (transaction.getTransactionStatus() != Status.STATUS_ACTIVE) {
            measurement.run();
            return;
        }
        transaction.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {}

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    measurement.run();
                }
            }
        });
    }
}
