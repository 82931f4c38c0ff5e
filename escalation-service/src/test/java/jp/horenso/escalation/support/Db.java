package jp.horenso.escalation.support;

import static org.awaitility.Awaitility.await;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Reads the database for a test in a transaction of its own: a fresh persistence context each time, so that a
 * poll sees what the service committed meanwhile (and any thread may poll).
 */
@ApplicationScoped
public class Db {

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public <T> T read(Supplier<T> query) {
        return query.get();
    }

    /** Waits (20 s at most) until {@code condition}, read in a fresh transaction each time, holds. */
    public void awaitTrue(BooleanSupplier condition) {
        await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(100))
                .ignoreExceptions()
                .until(() -> read(condition::getAsBoolean));
    }
}
