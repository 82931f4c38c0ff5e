package jp.horenso.platform.status;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Map;
import jp.horenso.platform.deadletter.DeadLetters;
import jp.horenso.platform.outbox.OutboxBacklog;
import org.jboss.logging.Logger;

/**
 * How the plumbing is doing: outbox rows pending and parked, records on each dead-letter topic. Read at most every
 * few seconds (health checks and metric scrapes share the reading) and exposed as the gauges
 * {@code horenso.outbox.pending}, {@code horenso.outbox.parked} and {@code horenso.dead.letters{topic}}.
 */
@ApplicationScoped
public class PlumbingStatus {

    private static final Logger LOG = Logger.getLogger(PlumbingStatus.class);
    private static final long FRESH_FOR_NANOS = 5_000_000_000L;

    /** One reading; a part that could not be read is -1 and named in {@code error}. */
    public record Reading(long outboxPending, long outboxParked, Map<String, Long> deadLetters, String error) {}

    private final OutboxBacklog backlog;
    private final DeadLetters deadLetters;
    private volatile Reading last;
    private volatile long readAt;

    public PlumbingStatus(OutboxBacklog backlog, DeadLetters deadLetters) {
        this.backlog = backlog;
        this.deadLetters = deadLetters;
    }

    void registerGauges(@Observes StartupEvent startup, MeterRegistry registry) {
        Gauge.builder("horenso.outbox.pending", this, status -> status.read().outboxPending())
                .description("Outbox rows not yet acknowledged by the broker")
                .register(registry);
        Gauge.builder("horenso.outbox.parked", this, status -> status.read().outboxParked())
                .description("Outbox rows parked after repeated refusals (alarm when > 0)")
                .register(registry);
        for (String topic : deadLetters.topics()) {
            Gauge.builder(
                            "horenso.dead.letters",
                            this,
                            status -> status.read().deadLetters().getOrDefault(topic, -1L))
                    .tag("topic", topic)
                    .description("Records on a dead-letter topic not replayed yet (alarm when > 0)")
                    .register(registry);
        }
    }

    /** The latest reading, renewed when older than a few seconds. */
    public synchronized Reading read() {
        if (last != null && System.nanoTime() - readAt < FRESH_FOR_NANOS) {
            return last;
        }
        long pending = -1;
        long parked = -1;
        Map<String, Long> depths = Map.of();
        StringBuilder error = new StringBuilder();
        try {
            OutboxBacklog.Counts counts = backlog.counts();
            pending = counts.pending();
            parked = counts.parked();
        } catch (Exception e) {
            error.append("outbox: ").append(e.getMessage()).append(' ');
        }
        try {
            depths = deadLetters.depths();
        } catch (Exception e) {
            error.append("dead letters: ").append(e.getMessage());
            LOG.debugf("cannot read dead-letter depths: %s", e.getMessage());
        }
        last = new Reading(
                pending,
                parked,
                depths,
                error.isEmpty() ? null : error.toString().trim());
        readAt = System.nanoTime();
        return last;
    }
}
