package jp.horenso.incident.common.security;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** The {@link Caller} of the current request, read from the verified access token. */
@RequestScoped
public class CurrentCaller {

    private final SecurityIdentity identity;
    private final JsonWebToken token;

    public CurrentCaller(SecurityIdentity identity, JsonWebToken token) {
        this.identity = identity;
        this.token = token;
    }

    public Caller get() {
        String username = token.getClaim("preferred_username");
        return new Caller(username != null ? username : identity.getPrincipal().getName(), identity.getRoles(),
                claim("organisation"), claim("department"), claim("unit"));
    }

    private String claim(String name) {
        Object value = token.getClaim(name);
        if (value == null) {
            return null;
        }
        String text = value.toString();
        // A JSON string claim may arrive with its quotes.
        if (text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"")) {
            text = text.substring(1, text.length() - 1);
        }
        return text.isBlank() ? null : text;
    }
}
