package jp.horenso.escalation.hop.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jp.horenso.platform.metrics.AfterCommit;

/**
 * The chain's facts as counters per organisation (a bounded set; never a case id): hops opened, acknowledged
 * ({@code late} = after the deadline), escalated on a time-out. Counted when the transaction commits.
 */
@ApplicationScoped
public class HopCounters {

    private final MeterRegistry registry;
    private final AfterCommit afterCommit;

    public HopCounters(MeterRegistry registry, AfterCommit afterCommit) {
        this.registry = registry;
        this.afterCommit = afterCommit;
    }

    public void opened(String organisation) {
        afterCommit.increment(Counter.builder("horenso.hops.opened")
                .description("Hops opened (a person asked to acknowledge by a deadline)")
                .tag("organisation", organisation)
                .register(registry));
    }

    public void acknowledged(String organisation, boolean late) {
        afterCommit.increment(Counter.builder("horenso.hops.acknowledged")
                .description("Hops acknowledged; late = after the deadline")
                .tag("organisation", organisation)
                .tag("late", Boolean.toString(late))
                .register(registry));
    }

    public void escalated(String organisation) {
        afterCommit.increment(Counter.builder("horenso.hops.escalated")
                .description("Hops escalated because nobody acknowledged in time")
                .tag("organisation", organisation)
                .register(registry));
    }
}
