package jp.horenso.publicsite.config;

import io.smallrye.config.ConfigMapping;
import java.time.Duration;
import java.util.Map;

/** Settings of the public site: where incident-service is, where the site is reached, and whom it serves. */
@ConfigMapping(prefix = "horenso.public-site")
public interface PublicSiteConfig {

    /** Base URL of incident-service, whose public endpoint the site reads (HORENSO_INCIDENT_SERVICE_URL). */
    String incidentServiceUrl();

    /** How long to wait for incident-service before showing the "not available" page. */
    Duration upstreamTimeout();

    /** The public address of this site, for the absolute links of the Atom feed (HORENSO_PUBLIC_SITE_BASE_URL). */
    String baseUrl();

    /** The organisations this site serves, by code, with their names; any other code answers 404. */
    Map<String, Organisation> organisations();

    /** An organisation's name in both languages. */
    interface Organisation {
        String ja();

        String en();
    }
}
