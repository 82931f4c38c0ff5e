package jp.horenso.web.common;

import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Set;
import jp.horenso.web.upstream.IncidentApi;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * What every page shows around its content: who is signed in, the language switch, who may use the page. A page
 * resource renders its template through {@link #of(Template, String, List)}.
 */
@RequestScoped
public class Page {

    @Inject
    SecurityIdentity identity;

    @Inject
    JsonWebToken accessToken;

    @Inject
    Lang lang;

    @Inject
    OrganisationNames organisationNames;

    @Inject
    @RestClient
    IncidentApi incidents;

    @Context
    UriInfo uri;

    public Me me() {
        return me(true);
    }

    /** @param askServices whether an organisation name not known yet may be asked of incident-service */
    private Me me(boolean askServices) {
        String username = identity.isAnonymous() ? "" : identity.getPrincipal().getName();
        String name = claim("name");
        String unit = claim("unit");
        Set<String> roles = identity.getRoles();
        String organisation = organisation();
        return new Me(
                username,
                name == null || name.isBlank() ? username : name,
                roles,
                unit,
                organisation,
                organisationName(organisation, askServices));
    }

    /** The organisation of the access token the services are called with; null when it names none. */
    public String organisation() {
        return identity == null || identity.isAnonymous()
                ? null
                : AccessTokens.claim(identity, accessToken, AccessTokens.ORGANISATION);
    }

    /**
     * The organisation's name in the page's language, as onboarded ({@link OrganisationNames}); an organisation
     * onboarded at runtime is named without a redeploy.
     */
    private String organisationName(String organisation, boolean askServices) {
        if (organisation == null) {
            return null;
        }
        return organisationNames.name(organisation, lang.locale(), askServices ? incidents::organisation : null);
    }

    private String claim(String claim) {
        try {
            // The ID token after a browser sign-in, the access token for a bearer caller.
            Object v = accessToken == null ? null : accessToken.getClaim(claim);
            return v == null ? null : v.toString().replace("\"", "");
        } catch (RuntimeException e) {
            return null;
        }
    }

    /**
     * A page: its template with the common data.
     *
     * @param titleKey the text key of the page title
     * @param roles who may use the page, shown on it
     */
    public TemplateInstance of(Template template, String titleKey, List<String> roles) {
        return page(template, titleKey, roles, true);
    }

    /**
     * A refusal or error page: like {@link #of} but it asks no service anything, not even the organisation's name
     * (a refused request reaches no service).
     */
    public TemplateInstance refusal(Template template, String titleKey) {
        return page(template, titleKey, List.of(), false);
    }

    private TemplateInstance page(Template template, String titleKey, List<String> roles, boolean askServices) {
        String path = uri == null
                ? "/"
                : uri.getRequestUri().getRawPath()
                        + (uri.getRequestUri().getRawQuery() == null
                                ? ""
                                : "?" + uri.getRequestUri().getRawQuery());
        return template.instance()
                .setLocale(lang.locale())
                .data("me", me(askServices))
                .data("lang", lang.code())
                .data("path", path)
                .data("back", java.net.URLEncoder.encode(path, java.nio.charset.StandardCharsets.UTF_8))
                .data("severities", List.of("CRITICAL", "HIGH", "MEDIUM", "LOW"))
                .data("titleKey", titleKey)
                .data("pageRoles", roles);
    }

    public String lang() {
        return lang.code();
    }
}
