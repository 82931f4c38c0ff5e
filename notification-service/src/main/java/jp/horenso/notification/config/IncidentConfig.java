package jp.horenso.notification.config;

import io.smallrye.config.ConfigMapping;

/** Where incident-service is reachable for people, so messages can link to the case ({@code horenso.incident.*}). */
@ConfigMapping(prefix = "horenso.incident")
public interface IncidentConfig {

    /** Base URL of incident-service, e.g. {@code http://localhost:8081} (env {@code HORENSO_INCIDENT_BASE_URL}). */
    String baseUrl();
}
