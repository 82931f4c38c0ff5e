package jp.horenso.notification.notification.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of notification rendering and delivery ({@code horenso.notification.*}). */
@ConfigMapping(prefix = "horenso.notification")
public interface NotificationConfig {

    Mail mail();

    Delivery delivery();

    /** Mail channel settings. */
    interface Mail {

        /** The sender address of every mail. */
        String from();
    }

    /** How the delivery worker claims and retries notifications. */
    interface Delivery {

        /** How often the worker looks for due notifications (read by its {@code @Scheduled}). */
        @WithDefault("1s")
        Duration pollInterval();

        /** How many notifications one worker run claims. */
        @WithDefault("10")
        int batchSize();

        /** Attempts before a notification is given up as FAILED. */
        @WithDefault("5")
        int maxAttempts();

        /** Wait before the second attempt; doubled for each further one. */
        @WithDefault("30s")
        Duration initialDelay();

        /** Longest wait between two attempts. */
        @WithDefault("15m")
        Duration maxDelay();

        /** How long a claimed notification stays with its worker before another may take it over. */
        @WithDefault("5m")
        Duration leaseTimeout();
    }
}
