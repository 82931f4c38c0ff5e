package jp.horenso.notification.delivery.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jp.horenso.notification.delivery.Channel;

/**
 * Delivery attempts by channel: {@code horenso_notifications_sent_total{channel}} when the channel took the message,
 * {@code horenso_notifications_failed_total{channel,outcome}} when it refused it ({@code outcome="error"}: tried
 * again later) or the outcome is unknown ({@code outcome="unknown"}: settled in the inbox, never sent twice).
 */
@ApplicationScoped
public class DeliveryCounters {

    private final MeterRegistry registry;

    public DeliveryCounters(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Every channel's counters from the start, at 0: rates and the failure-ratio alerts need no first event. */
    void registerAll(@Observes StartupEvent startup) {
        for (Channel channel : Channel.values()) {
            sentCounter(channel);
            failedCounter(channel, false);
            failedCounter(channel, true);
        }
    }

    public void sent(Channel channel) {
        sentCounter(channel).increment();
    }

    public void failed(Channel channel, boolean unknownOutcome) {
        failedCounter(channel, unknownOutcome).increment();
    }

    private Counter sentCounter(Channel channel) {
        return Counter.builder("horenso.notifications.sent")
                .description("Delivery attempts the channel accepted")
                .tag("channel", channel.name())
                .register(registry);
    }

    private Counter failedCounter(Channel channel, boolean unknownOutcome) {
        return Counter.builder("horenso.notifications.failed")
                .description("Delivery attempts that failed (error) or whose outcome is unknown")
                .tag("channel", channel.name())
                .tag("outcome", unknownOutcome ? "unknown" : "error")
                .register(registry);
    }
}
