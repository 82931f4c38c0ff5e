package jp.horenso.incident.cases.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Filing of new reports (application.properties, section Filing). */
@ConfigMapping(prefix = "horenso.filing")
public interface FilingConfig {

    RateLimit rateLimit();

    /**
     * How many new reports one person may file per window; the next one gets 429 with {@code Retry-After}. Per
     * person, so a morning on which hundreds of people report the same phishing mail is never limited.
     */
    interface RateLimit {

        /** Reports one person may file in one window. */
        @WithDefault("30")
        int max();

        /** The window, e.g. {@code 1m}; whole seconds. */
        @WithDefault("1m")
        Duration per();
    }
}
