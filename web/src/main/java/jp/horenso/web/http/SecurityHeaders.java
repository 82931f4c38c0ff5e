package jp.horenso.web.http;

import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import org.eclipse.microprofile.config.Config;

/**
 * Puts the security headers on every response of the console — pages, the error pages, the sign-in redirects,
 * static assets, {@code /q/health}. Added just before the headers are written (a Vert.x headers-end hook on the
 * first route of all), so no handler can end a response without them; a header a page set itself is kept.
 *
 * <p>The pages' policy allows what they use: scripts and styles only from the console (the bundled htmx, ECharts and
 * app.js; no inline script, no eval), inline style attributes (ECharts' tooltips), images from the console and data
 * URLs, the event stream and fetches back to the console, forms sent to the console or to the identity provider (a
 * form sent after the session ended is redirected to the sign-in page).
 */
@ApplicationScoped
public class SecurityHeaders {

    static final String PERMISSIONS_POLICY =
            "accelerometer=(), camera=(), geolocation=(), gyroscope=(), microphone=(), payment=(), usb=()";

    private final String contentSecurityPolicy;
    private final String strictTransportSecurity;

    public SecurityHeaders(WebHttpConfig http, Config config) {
        String identityProvider = config.getOptionalValue("quarkus.oidc.auth-server-url", String.class)
                .map(SecurityHeaders::origin)
                .orElse("");
        this.contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
                + "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; "
                + "form-action 'self'" + (identityProvider.isEmpty() ? "" : " " + identityProvider)
                + "; frame-ancestors 'none'";
        this.strictTransportSecurity = http.strictTransportSecurity();
    }

    /** The scheme, host and port of a URL, or empty when it is not one. */
    static String origin(String url) {
        try {
            URI uri = URI.create(url.strip());
            if (uri.getScheme() == null || uri.getHost() == null) {
                return "";
            }
            return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    /** The console pages' Content-Security-Policy. */
    public String contentSecurityPolicy() {
        return contentSecurityPolicy;
    }

    void install(@Observes Router router) {
        router.route().order(RouteConstants.ROUTE_ORDER_HEADERS).handler(this::onRequest);
    }

    private void onRequest(RoutingContext ctx) {
        boolean https = "https".equalsIgnoreCase(ctx.request().scheme());
        String path = ctx.request().path();
        boolean asset = path != null && path.startsWith("/static/");
        ctx.addHeadersEndHandler(ignored -> {
            MultiMap headers = ctx.response().headers();
            setIfAbsent(headers, "X-Content-Type-Options", "nosniff");
            setIfAbsent(headers, "X-Frame-Options", "DENY");
            setIfAbsent(headers, "Referrer-Policy", "no-referrer");
            setIfAbsent(headers, "Content-Security-Policy", contentSecurityPolicy);
            setIfAbsent(headers, "Permissions-Policy", PERMISSIONS_POLICY);
            if (!asset) {
                // Every page shows someone's cases or name: no browser or shared cache keeps it. The bundled
                // assets (no personal data) keep the caching the bundler gives them.
                setIfAbsent(headers, "Cache-Control", "no-store");
            }
            if (https) {
                setIfAbsent(headers, "Strict-Transport-Security", strictTransportSecurity);
            }
        });
        ctx.next();
    }

    private static void setIfAbsent(MultiMap headers, String name, String value) {
        if (!headers.contains(name)) {
            headers.set(name, value);
        }
    }
}
