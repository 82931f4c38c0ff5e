package jp.horenso.web.common;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Every signed-in request comes with an access token meant for the Horenso services (audience {@code horenso-api};
 * otherwise 401) and belongs to an organisation: a token without the {@code organisation} claim (and without
 * the {@code installation-admin} role, who belongs to none) gets a 403 page saying so in Japanese and English
 * instead of any page, fragment or event stream. The services refuse such a token too
 * ({@code caller.without-organisation}); the console says it before asking them.
 */
public class OrganisationGate {

    /** What anyone may reach: the language switch and the page after log-out. */
    private static final Set<String> OPEN = Set.of("/lang", "/signed-out", "/logout");

    @Inject
    SecurityIdentity identity;

    @Inject
    JsonWebToken token;

    @ServerRequestFilter
    public void requireOrganisation(ContainerRequestContext request) {
        if (identity == null || identity.isAnonymous()) {
            return;
        }
        String path = "/" + request.getUriInfo().getPath().replaceFirst("^/", "");
        if (OPEN.contains(path)) {
            return;
        }
        if (!AccessTokens.hasAudience(identity, token, AccessTokens.AUDIENCE)) {
            throw new AuthenticationFailedException("access token without audience " + AccessTokens.AUDIENCE);
        }
        if (identity.hasRole(Roles.INSTALLATION_ADMIN)) {
            return;
        }
        if (AccessTokens.claim(identity, token, AccessTokens.ORGANISATION) == null) {
            throw new WithoutOrganisationException();
        }
    }

    /** A signed-in person whose token names no organisation. */
    public static class WithoutOrganisationException extends RuntimeException {
        public WithoutOrganisationException() {
            super("token without organisation");
        }
    }
}
