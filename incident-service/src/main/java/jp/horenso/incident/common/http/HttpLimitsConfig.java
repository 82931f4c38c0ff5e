package jp.horenso.incident.common.http;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;

/** Limits of the JSON API (application.properties, section HTTP and JSON). */
@ConfigMapping(prefix = "horenso.http")
public interface HttpLimitsConfig {

    /** Largest request body of the JSON API, e.g. {@code 1M}; larger bodies get 413 problem+json. */
    MemorySize maxBodySize();
}
