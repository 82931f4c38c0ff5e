package jp.horenso.web.common;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.identity.SecurityIdentity;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Claims of the access token the console calls the services with (what they see), already verified by Quarkus
 * OIDC when the identity was built. After a browser sign-in the injected {@link JsonWebToken} is the ID token;
 * the organisation, roles and unit that matter are the access token's, so they are read from it here.
 */
public final class AccessTokens {

    /** The claim naming the person's organisation ({@code demo-city}); absent for the installation administrator. */
    public static final String ORGANISATION = "organisation";

    /** The audience the services require of an access token (the realm's {@code horenso-api} mapper adds it). */
    public static final String AUDIENCE = "horenso-api";

    private AccessTokens() {}

    /** Whether the access token names {@code audience} in its {@code aud} (a string or a list). */
    public static boolean hasAudience(SecurityIdentity identity, JsonWebToken token, String audience) {
        String raw = raw(identity, token);
        if (raw == null) {
            return false;
        }
        JsonNode aud = payload(raw).path("aud");
        if (aud.isTextual()) {
            return audience.equals(aud.asText());
        }
        for (JsonNode a : aud) {
            if (audience.equals(a.asText())) {
                return true;
            }
        }
        return false;
    }

    private static JsonNode payload(String rawJwt) {
        try {
            String[] parts = rawJwt.split("\\.");
            if (parts.length < 2) {
                return Upstream.mapper().createObjectNode();
            }
            return Upstream.mapper()
                    .readTree(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
        } catch (Exception e) {
            return Upstream.mapper().createObjectNode();
        }
    }

    /** The raw access token of this identity, or the bearer token itself; null when anonymous. */
    public static String raw(SecurityIdentity identity, JsonWebToken token) {
        AccessTokenCredential credential =
                identity == null ? null : identity.getCredential(AccessTokenCredential.class);
        if (credential != null) {
            return credential.getToken();
        }
        return token == null ? null : token.getRawToken();
    }

    /** A string claim of the access token; null when absent or blank. */
    public static String claim(SecurityIdentity identity, JsonWebToken token, String claim) {
        String raw = raw(identity, token);
        String value = raw == null ? null : claim(raw, claim);
        if (value == null && token != null) {
            Object v = token.getClaim(claim);
            value = v == null ? null : v.toString().replace("\"", "");
        }
        return value == null || value.isBlank() ? null : value;
    }

    /** A string claim of a JWT already verified elsewhere (its payload only is read). */
    public static String claim(String rawJwt, String claim) {
        JsonNode value = payload(rawJwt).get(claim);
        return value == null || !value.isTextual() || value.asText().isBlank() ? null : value.asText();
    }
}
