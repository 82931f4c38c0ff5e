package jp.horenso.notification.events;

import io.smallrye.config.ConfigMapping;

/** Where the events this service writes go ({@code horenso.events.*}); the topic is named in application.properties only. */
@ConfigMapping(prefix = "horenso.events")
public interface EventsConfig {

    /** The topic of every event this service writes ({@code horenso.notification-events}). */
    String topic();
}
