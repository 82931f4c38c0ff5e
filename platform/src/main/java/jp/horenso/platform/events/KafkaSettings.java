package jp.horenso.platform.events;

import java.util.HashMap;
import java.util.Map;
import org.eclipse.microprofile.config.Config;

/** The Kafka client settings every SmallRye channel gets ({@code kafka.*} without the prefix), for the platform's own clients. */
public final class KafkaSettings {

    private KafkaSettings() {}

    public static Map<String, Object> of(Config config) {
        Map<String, Object> kafka = new HashMap<>();
        for (String name : config.getPropertyNames()) {
            if (name.startsWith("kafka.")) {
                config.getOptionalValue(name, String.class).ifPresent(value -> kafka.put(name.substring(6), value));
            }
        }
        return kafka;
    }
}
