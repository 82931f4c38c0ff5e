package jp.horenso.web.http;

import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.Config;

/**
 * The console's CSRF tokens: a signed double-submit token bound to the browser session. The first page of a browser
 * session gets a random nonce in an HttpOnly, SameSite=Strict session cookie ({@code __Host-} prefixed over https,
 * so no other site or subdomain can set it); every form carries {@code HMAC(key, nonce)} in the hidden field
 * {@value #FIELD} (the Qute tag {@code {#csrf /}}) and htmx sends it in the header {@value #HEADER} ({@code
 * hx-headers} on {@code <body>}). {@link RequestGuard} checks every POST, PUT, PATCH and DELETE. The key is derived
 * from the session-encryption secret every replica of the console already shares, so any replica checks any token.
 *
 * <p>Templates use it as {@code {inject:csrf.token}}.
 */
@ApplicationScoped
@Named("csrf")
public class CsrfTokens {

    /** The hidden form field. */
    public static final String FIELD = "_csrf";
    /** The request header (htmx). */
    public static final String HEADER = "X-CSRF-Token";
    /** The nonce cookie over plain http (dev, tests); over https it is {@value #SECURE_COOKIE}. */
    public static final String COOKIE = "horenso-csrf";

    public static final String SECURE_COOKIE = "__Host-horenso-csrf";

    private static final String SECRET = "quarkus.oidc.token-state-manager.encryption-secret";
    private static final String NONCE_OF_REQUEST = "horenso.csrf.nonce";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] key;
    private final CurrentVertxRequest current;

    public CsrfTokens(Config config, CurrentVertxRequest current) {
        this.key = hmac(config.getValue(SECRET, String.class).getBytes(StandardCharsets.UTF_8), "horenso-web-csrf-v1");
        this.current = current;
    }

    /** The token of the current browser session; the session's nonce cookie is made with the first one. */
    public String token() {
        RoutingContext ctx = current.getCurrent();
        String nonce = nonceOf(ctx);
        if (nonce == null) {
            nonce = ctx.get(NONCE_OF_REQUEST);
        }
        if (nonce == null) {
            byte[] random = new byte[32];
            RANDOM.nextBytes(random);
            nonce = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            ctx.put(NONCE_OF_REQUEST, nonce);
            boolean https = "https".equalsIgnoreCase(ctx.request().scheme());
            ctx.response()
                    .addCookie(Cookie.cookie(https ? SECURE_COOKIE : COOKIE, nonce)
                            .setPath("/")
                            .setHttpOnly(true)
                            .setSecure(https)
                            .setSameSite(CookieSameSite.STRICT));
        }
        return tokenFor(nonce);
    }

    /** The {@code hx-headers} of {@code <body>}: htmx sends the token with every request it makes. */
    public String htmxHeaders() {
        return "{\"" + HEADER + "\":\"" + token() + "\"}";
    }

    /** The token that goes with a nonce. */
    public String tokenFor(String nonce) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(hmac(key, nonce));
    }

    /** Whether {@code token} is the one of the request's session nonce (compared in constant time). */
    boolean matches(RoutingContext ctx, String token) {
        String nonce = nonceOf(ctx);
        return nonce != null
                && token != null
                && MessageDigest.isEqual(
                        tokenFor(nonce).getBytes(StandardCharsets.US_ASCII),
                        token.strip().getBytes(StandardCharsets.US_ASCII));
    }

    /** The session's nonce, from the cookie that fits the scheme (the secure one only over https). */
    static String nonceOf(RoutingContext ctx) {
        boolean https = "https".equalsIgnoreCase(ctx.request().scheme());
        Cookie cookie = ctx.request().getCookie(https ? SECURE_COOKIE : COOKIE);
        return cookie == null || cookie.getValue().isBlank() ? null : cookie.getValue();
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
