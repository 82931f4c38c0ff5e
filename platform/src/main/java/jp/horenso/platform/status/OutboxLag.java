package jp.horenso.platform.status;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.jboss.logging.Logger;

/**
 * How late the outbox is: the age of the oldest row not yet on Kafka (parked rows excluded: they have their own
 * gauge and alarm), 0 when nothing waits. Exposed as {@code horenso_outbox_lag_seconds}; read at most every few
 * seconds (one index lookup on the pending rows), -1 when the database cannot be read.
 */
@ApplicationScoped
public class OutboxLag {

    private static final Logger LOG = Logger.getLogger(OutboxLag.class);
    private static final long FRESH_FOR_NANOS = 5_000_000_000L;

    private final AgroalDataSource dataSource;
    private double last;
    private long readAt;
    private boolean read;

    public OutboxLag(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    void registerGauge(@Observes StartupEvent startup, MeterRegistry registry) {
        Gauge.builder("horenso.outbox.lag", this, OutboxLag::seconds)
                .baseUnit("seconds")
                .description("Age of the oldest outbox row not yet on Kafka (0 when none waits)")
                .register(registry);
    }

    /** Seconds the oldest pending row has waited; 0 when none waits, -1 when unreadable. */
    public synchronized double seconds() {
        if (read && System.nanoTime() - readAt < FRESH_FOR_NANOS) {
            return last;
        }
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("""
                        select extract(epoch from clock_timestamp() - created_at) from outbox_event
                        where published_at is null and parked_at is null order by seq limit 1""")) {
            last = result.next() ? Math.max(0, result.getDouble(1)) : 0;
        } catch (Exception e) {
            LOG.debugf("cannot read the outbox lag: %s", e.getMessage());
            last = -1;
        }
        read = true;
        readAt = System.nanoTime();
        return last;
    }
}
