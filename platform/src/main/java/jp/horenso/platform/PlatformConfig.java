package jp.horenso.platform;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The platform's configuration, under {@code horenso.platform}. */
@ConfigMapping(prefix = "horenso.platform")
public interface PlatformConfig {

    /** The service's name (e.g. {@code incident-service}): its events' source is {@code /horenso/<service>}. */
    String service();

    /** The one topic this service publishes its events on (e.g. {@code horenso.incident-events}). */
    String topic();

    Outbox outbox();

    Consumer consumer();

    interface Outbox {

        /** Whether this instance relays at all (tests may switch it off). */
        @WithDefault("true")
        boolean enabled();

        /**
         * The safety net: how often the relay looks for pending rows when no commit woke it (a commit that wrote to
         * the outbox wakes the leader at once through PostgreSQL {@code NOTIFY}).
         */
        @WithDefault("1s")
        Duration pollInterval();

        /** Rows read and sent per round. */
        @WithDefault("500")
        int batchSize();

        /** Refusals by the broker after which a row is parked (and an alarm raised) instead of blocking its case. */
        @WithDefault("5")
        int maxAttempts();

        /** How long the relay waits for the broker's acknowledgements of a round. */
        @WithDefault("30s")
        Duration ackTimeout();
    }

    interface Consumer {

        /** The first wait before a consumer retries an event whose handling failed transiently. */
        @WithDefault("200ms")
        Duration initialBackoff();

        /** The longest wait between two retries (the waits double up to it). */
        @WithDefault("5s")
        Duration maxBackoff();

        /**
         * How long a transient failure is retried before the event goes to the dead-letter topic. Below SmallRye's
         * 60 s unprocessed-record age, after which the channel would report itself unhealthy.
         */
        @WithDefault("45s")
        Duration giveUpAfter();
    }
}
