package jp.horenso.platform.http;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Map;

/** The HTTP hardening every service applies the same way ({@link SecurityHeaders}, {@link RequestBodyLimits}). */
@ConfigMapping(prefix = "horenso.http")
public interface HttpConfig {

    /** Largest request body, e.g. {@code 1M}; a larger one is refused with 413 problem+json before it is used. */
    @WithDefault("1M")
    MemorySize maxBodySize();

    /**
     * Routes allowed a larger body than {@link #maxBodySize()} (e.g. evidence uploads), by a name of the service's
     * choosing: {@code horenso.http.large-bodies.evidence.path=^/api/incidents/[^/]+/evidence/?$}.
     */
    Map<String, LargeBody> largeBodies();

    /** The {@code Content-Security-Policy} of every response that does not set its own. */
    @WithDefault("default-src 'none'; frame-ancestors 'none'")
    String contentSecurityPolicy();

    /** The {@code Strict-Transport-Security} value sent on responses served over https. */
    @WithDefault("max-age=31536000; includeSubDomains")
    String strictTransportSecurity();

    /** One route with a larger body limit. */
    interface LargeBody {

        /** The request method, e.g. {@code POST}. */
        @WithDefault("POST")
        String method();

        /** A regular expression the whole request path must match. */
        String path();

        /** The route's limit. */
        MemorySize maxSize();

        /** The key (service bundle or platform bundle) of the 413 problem's detail; its argument is the limit. */
        @WithDefault("body.too-large")
        String problem();
    }
}
