package jp.horenso.web.session;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * 第58条(3): the console logs a person off after {@link IdleConfig#timeout()} without a request of theirs. Every page,
 * fragment and action of a browser session renews the signed activity cookie ({@link ActivityCookie}); the live
 * stream ({@code /events}) and the page's own "how long is left" question ({@code /session/remaining}) do not, as
 * they are not the person's doing. A request after the time-out is sent to {@code /logout}, which ends the console
 * session and the Keycloak session (RP-initiated log-out), so the next page asks for the password again. Callers with
 * {@code Authorization: Bearer} (the CLI, tests) have no browser session and are not concerned.
 */
@Singleton
public class IdleLogoff {

    /** Requests that are not the person's activity: they neither renew nor (for the stream) end the session. */
    static final Set<String> NOT_ACTIVITY = Set.of("/events", "/session/remaining");
    /** Requests that never end a session here: the log-out itself, the page after it, the language switch. */
    private static final Set<String> OPEN = Set.of("/lang", "/signed-out", "/logout");

    private static final String RENEW = IdleLogoff.class.getName() + ".renew";

    /** Looked up at the first request: the filter is created while the application starts, before its config. */
    @Inject
    Provider<IdleConfig> configs;

    @Inject
    SecurityIdentity identity;

    @Inject
    JsonWebToken token;

    private final Clock clock = Clock.systemUTC();
    private volatile IdleConfig config;
    private volatile ActivityCookie cookies;

    private void init() {
        if (cookies == null) {
            config = configs.get();
            cookies = new ActivityCookie(config.signingSecret());
        }
    }

    @ServerRequestFilter
    public Response checkIdle(ContainerRequestContext request) {
        String sid = browserSession(request);
        if (sid == null) {
            return null;
        }
        String path = path(request);
        if (OPEN.contains(path)) {
            return null;
        }
        init();
        Optional<Instant> last = cookies.lastActivity(cookie(request), sid);
        if (!"/session/remaining".equals(path)
                && ActivityCookie.secondsLeft(last, clock.instant(), config.timeout()) <= 0) {
            // htmx follows no redirect to another origin: it is told to load the log-out as a whole page.
            Response.ResponseBuilder logOff = request.getHeaderString("HX-Request") != null
                    ? Response.noContent().header("HX-Redirect", "/logout")
                    : Response.seeOther(URI.create("/logout"));
            return logOff.header(HttpHeaders.SET_COOKIE, expired(request))
                    .header("Cache-Control", "no-store")
                    .build();
        }
        if (!NOT_ACTIVITY.contains(path)) {
            request.setProperty(RENEW, sid);
        }
        return null;
    }

    @ServerResponseFilter
    public void renew(ContainerRequestContext request, ContainerResponseContext response) {
        Object sid = request.getProperty(RENEW);
        if (sid != null) {
            init();
            response.getHeaders()
                    .add(HttpHeaders.SET_COOKIE, cookie(request, cookies.value(sid.toString(), clock.instant()), -1));
        }
    }

    /** Seconds left before the idle log-off of the calling browser session (the whole time-out when unknown). */
    public long secondsLeft(ContainerRequestContext request) {
        init();
        String sid = browserSession(request);
        return sid == null
                ? config.timeout().toSeconds()
                : ActivityCookie.secondsLeft(
                        cookies.lastActivity(cookie(request), sid), clock.instant(), config.timeout());
    }

    /** The sign-in session of a browser (code flow), or null for an anonymous or bearer caller. */
    private String browserSession(ContainerRequestContext request) {
        if (identity == null || identity.isAnonymous()) {
            return null;
        }
        String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        try {
            Object sid = token == null ? null : token.getClaim("sid");
            if (sid != null) {
                return sid.toString().replace("\"", "");
            }
            return token == null ? null : token.getSubject() + "@" + token.getIssuedAtTime();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String path(ContainerRequestContext request) {
        return "/" + request.getUriInfo().getPath().replaceFirst("^/", "");
    }

    private static String cookie(ContainerRequestContext request) {
        Cookie c = request.getCookies().get(ActivityCookie.NAME);
        return c == null ? null : c.getValue();
    }

    private static String expired(ContainerRequestContext request) {
        return cookie(request, "", 0);
    }

    private static String cookie(ContainerRequestContext request, String value, int maxAge) {
        boolean https =
                "https".equalsIgnoreCase(request.getUriInfo().getRequestUri().getScheme())
                        || "https".equalsIgnoreCase(request.getHeaderString("X-Forwarded-Proto"));
        return ActivityCookie.NAME + "=" + value + "; Path=/; HttpOnly; SameSite=Lax"
                + (maxAge >= 0 ? "; Max-Age=" + maxAge : "")
                + (https ? "; Secure" : "");
    }
}
