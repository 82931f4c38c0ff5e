package jp.horenso.escalation.timer;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import jp.horenso.platform.metrics.AfterCommit;

/**
 * How late the clocks fire: for every due row that fires, the time from when it was due to when its batch handled
 * it, as {@code horenso_timer_lag_seconds{timer}} (a histogram with fixed buckets, so the alert can take a p99 over
 * all replicas). Recorded when the row's transaction commits.
 */
@ApplicationScoped
public class TimerLag {

    /** {@code timer} tag: hop deadlines. */
    public static final String HOPS = "hop";
    /** {@code timer} tag: legal reminders and deadlines. */
    public static final String LEGAL = "legal";
    /** {@code timer} tag: response-action deadlines. */
    public static final String RESPONSE_ACTIONS = "response-action";

    private static final Duration[] BUCKETS = {
        Duration.ofMillis(500),
        Duration.ofSeconds(1),
        Duration.ofSeconds(2),
        Duration.ofSeconds(5),
        Duration.ofSeconds(10),
        Duration.ofSeconds(30),
        Duration.ofMinutes(1),
        Duration.ofMinutes(5),
        Duration.ofMinutes(15),
        Duration.ofHours(1)
    };

    private final Map<String, Timer> timers;
    private final AfterCommit afterCommit;

    public TimerLag(MeterRegistry registry, AfterCommit afterCommit) {
        this.afterCommit = afterCommit;
        this.timers = Map.of(
                HOPS, timer(registry, HOPS),
                LEGAL, timer(registry, LEGAL),
                RESPONSE_ACTIONS, timer(registry, RESPONSE_ACTIONS));
    }

    private static Timer timer(MeterRegistry registry, String kind) {
        return Timer.builder("horenso.timer.lag")
                .description("How late a due timer row fired (now - due)")
                .tag("timer", kind)
                .serviceLevelObjectives(BUCKETS)
                .register(registry);
    }

    /** A row of {@code timer} that was due at {@code due} fired at {@code firedAt}. */
    public void fired(String timer, Instant due, Instant firedAt) {
        Duration late = Duration.between(due, firedAt);
        Timer meter = timers.get(timer);
        afterCommit.run(() -> meter.record(late.isNegative() ? Duration.ZERO : late));
    }
}
