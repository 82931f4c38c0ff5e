package jp.horenso.platform.support;

import java.time.Duration;
import jp.horenso.platform.PlatformConfig;

/** A {@link PlatformConfig} for tests that build platform classes without CDI. */
public record TestConfig(String service, String topic, Duration initialBackoff, Duration giveUpAfter)
        implements PlatformConfig {

    @Override
    public Outbox outbox() {
        return new Outbox() {
            public boolean enabled() {
                return true;
            }

            public Duration pollInterval() {
                return Duration.ofSeconds(1);
            }

            public int batchSize() {
                return 100;
            }

            public int maxAttempts() {
                return 3;
            }

            public Duration ackTimeout() {
                return Duration.ofSeconds(30);
            }
        };
    }

    @Override
    public Consumer consumer() {
        return new Consumer() {
            public Duration initialBackoff() {
                return initialBackoff;
            }

            public Duration maxBackoff() {
                return initialBackoff.multipliedBy(4);
            }

            public Duration giveUpAfter() {
                return giveUpAfter;
            }
        };
    }
}
