package jp.horenso.escalation.common.security;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.json.JsonString;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Reads the caller of the current request from the token (or, in tests, the identity's attributes). */
@RequestScoped
public class CallerIdentity {

    private final SecurityIdentity identity;

    public CallerIdentity(SecurityIdentity identity) {
        this.identity = identity;
    }

    public Caller current() {
        return new Caller(identity.getPrincipal().getName(), claim("organisation"), claim("department"),
                claim("unit"), identity.getRoles());
    }

    private String claim(String name) {
        if (identity.getPrincipal() instanceof JsonWebToken token && token.getClaim(name) != null) {
            Object claim = token.getClaim(name);
            // SmallRye JWT hands custom claims out as JSON values; toString() of a JsonString keeps the quotes.
            return claim instanceof JsonString text ? text.getString() : claim.toString();
        }
        // @TestSecurity identities carry claims as attributes; absent everywhere means null.
        Object attribute = identity.getAttribute(name);
        return attribute == null ? null : attribute.toString();
    }
}
