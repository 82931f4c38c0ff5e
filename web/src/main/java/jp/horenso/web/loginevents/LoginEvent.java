package jp.horenso.web.loginevents;

import java.time.Instant;

/**
 * One event of the realm's log (Keycloak's user events): a log-in, a failed log-in, a log-out, a lock-out …
 *
 * @param username the person's user name (from the realm's user list; Keycloak's events carry only the id)
 * @param error Keycloak's error code of a failed event (e.g. {@code invalid_user_credentials},
 *     {@code user_temporarily_disabled}), else null
 */
public record LoginEvent(
        Instant time,
        String type,
        String username,
        String clientId,
        String ipAddress,
        String error,
        String sessionId,
        String details) {}
