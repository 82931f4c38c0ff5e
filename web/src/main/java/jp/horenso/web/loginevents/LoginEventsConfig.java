package jp.horenso.web.loginevents;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Where the console reads the realm's log-in and log-out events (第58条(4), 第64条): Keycloak's admin REST API, as the
 * confidential client {@code horenso-audit-reader} whose service account holds only {@code view-events} and
 * {@code view-users} of {@code realm-management} (read-only; it can change nothing).
 */
@ConfigMapping(prefix = "horenso.web.login-events")
public interface LoginEventsConfig {

    /** The realm's address, e.g. {@code https://id.example.lg.jp/realms/horenso} (the console's OIDC server). */
    String realmUrl();

    @WithDefault("horenso-audit-reader")
    String clientId();

    /** {@code HORENSO_AUDIT_READER_SECRET}: from the vault in production. */
    String clientSecret();

    /** At most this many events are read from Keycloak for one question (newest first). */
    @WithDefault("20000")
    int maxScanned();

    /** At most this many of the organisation's events are shown or exported at once. */
    @WithDefault("5000")
    int maxShown();
}
