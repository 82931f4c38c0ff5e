package jp.horenso.web.http;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The console's HTTP hardening (application.properties, section HTTP hardening). */
@ConfigMapping(prefix = "horenso.web.http")
public interface WebHttpConfig {

    /** Largest request body (a form); a larger one gets 413 problem+json. */
    @WithDefault("1M")
    MemorySize maxBodySize();

    /** Forms allowed a larger body (evidence uploads), by a name of our choosing. */
    Map<String, LargeBody> largeBodies();

    /**
     * Paths a POST may reach without the console's CSRF token: only requests no browser sends with the person's
     * cookies (e.g. a back-channel logout from Keycloak). Empty by default.
     */
    Optional<List<String>> csrfExemptPaths();

    /** The {@code Strict-Transport-Security} value sent on responses served over https. */
    @WithDefault("max-age=31536000; includeSubDomains")
    String strictTransportSecurity();

    /** One form with a larger body limit. */
    interface LargeBody {

        /** A regular expression the whole request path must match (POST requests). */
        String path();

        MemorySize maxSize();
    }
}
