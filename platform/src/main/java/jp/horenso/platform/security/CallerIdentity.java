package jp.horenso.platform.security;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.json.JsonString;
import jp.horenso.platform.problem.Message;
import jp.horenso.platform.problem.ProblemException;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** The {@link Caller} of the current request, read from the verified access token. */
@RequestScoped
public class CallerIdentity {

    private final SecurityIdentity identity;

    public CallerIdentity(SecurityIdentity identity) {
        this.identity = identity;
    }

    /**
     * The caller of this request.
     *
     * @throws ProblemException 403 when the token names no organisation and does not carry the installation
     *     administrator's role: every other role acts only inside its own organisation
     */
    public Caller current() {
        Caller caller = read();
        if (caller.organisation() == null && !caller.isInstallationAdmin()) {
            throw ProblemException.forbidden(Message.key("caller.without-organisation"));
        }
        return caller;
    }

    private Caller read() {
        String username = claim("preferred_username");
        return new Caller(
                username != null ? username : identity.getPrincipal().getName(),
                claim("organisation"),
                claim("department"),
                claim("unit"),
                identity.getRoles());
    }

    private String claim(String name) {
        if (identity.getPrincipal() instanceof JsonWebToken token && token.getClaim(name) != null) {
            Object claim = token.getClaim(name);
            // Custom claims arrive as JSON values; toString() of a JsonString keeps the quotes.
            String text = claim instanceof JsonString json ? json.getString() : claim.toString();
            return text.isBlank() ? null : text;
        }
        // Identities built without a token (narrow unit tests) carry claims as attributes.
        Object attribute = identity.getAttribute(name);
        return attribute == null ? null : attribute.toString();
    }
}
