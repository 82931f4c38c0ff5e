package jp.horenso.notification.delivery.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
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

    public void sent(Channel channel) {
        Counter.builder("horenso.notifications.sent")
                .description("Delivery attempts the channel accepted")
                .tag("channel", channel.name())
                .register(registry)
                .increment();
    }

    public void failed(Channel channel, boolean unknownOutcome) {
        Counter.builder("horenso.notifications.failed")
                .description("Delivery attempts that failed (error) or whose outcome is unknown")
                .tag("channel", channel.name())
                .tag("outcome", unknownOutcome ? "unknown" : "error")
                .register(registry)
                .increment();
    }
}
