package jp.horenso.escalation.config;

import io.smallrye.config.ConfigMapping;

/** Where this service publishes its events ({@code horenso.events.*}); the topic is named only in configuration. */
@ConfigMapping(prefix = "horenso.events")
public interface EventsConfig {

    /** The topic every event of this service goes to ({@code horenso.escalation-events}). */
    String topic();
}
