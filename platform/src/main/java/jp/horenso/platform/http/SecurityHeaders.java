package jp.horenso.platform.http;

import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Puts the security headers on every response of the service — resources, problems, 401/403/404 answered by
 * Quarkus, 413 answered before JAX-RS, {@code /q/health}. They are added just before the headers are written (a
 * Vert.x headers-end hook on the first route of all), so no handler can end a response without them; a header a
 * resource set itself (the CSP of a rendered document, the cache rule of a download) is kept.
 */
@ApplicationScoped
public class SecurityHeaders {

    /** Quarkus' own browser tools (dev and test only; disabled in prod) need scripts and styles of their own. */
    private static final String TOOLS_POLICY = "default-src 'self'; script-src 'self' 'unsafe-inline'; "
            + "style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'";

    static final String PERMISSIONS_POLICY =
            "accelerometer=(), camera=(), geolocation=(), gyroscope=(), microphone=(), payment=(), usb=()";

    private final String contentSecurityPolicy;
    private final String strictTransportSecurity;

    public SecurityHeaders(HttpConfig config) {
        this.contentSecurityPolicy = config.contentSecurityPolicy();
        this.strictTransportSecurity = config.strictTransportSecurity();
    }

    void install(@Observes Router router) {
        router.route().order(RouteConstants.ROUTE_ORDER_HEADERS).handler(this::onRequest);
    }

    private void onRequest(RoutingContext ctx) {
        String path = ctx.request().path();
        boolean tools = path != null && (path.startsWith("/q/swagger-ui") || path.startsWith("/q/dev"));
        boolean https = "https".equalsIgnoreCase(ctx.request().scheme());
        ctx.addHeadersEndHandler(ignored -> {
            MultiMap headers = ctx.response().headers();
            setIfAbsent(headers, "X-Content-Type-Options", "nosniff");
            setIfAbsent(headers, "X-Frame-Options", "DENY");
            setIfAbsent(headers, "Referrer-Policy", "no-referrer");
            setIfAbsent(headers, "Content-Security-Policy", tools ? TOOLS_POLICY : contentSecurityPolicy);
            setIfAbsent(headers, "Permissions-Policy", PERMISSIONS_POLICY);
            // Case data is personal: no shared or browser cache keeps an answer unless its resource said so.
            setIfAbsent(headers, "Cache-Control", "no-store");
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
