package jp.horenso.incident.cases.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithParentName;

/** Which organisation this deployment serves: {@code horenso.organisation} (application.properties, Service). */
@ConfigMapping(prefix = "horenso.organisation")
public interface OrganisationConfig {

    /** The organisation code of a caller whose token carries none, e.g. {@code kanuma-city}. */
    @WithParentName
    String code();
}
