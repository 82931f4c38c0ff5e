package jp.horenso.web.upstream;

import io.quarkus.oidc.token.propagation.common.AccessToken;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * escalation-service's onboarding of an organisation from its bundle (YAML: organisation, units, people,
 * positions, chain, scheme, contacts), with the installation administrator's token. The one place that knows the
 * endpoint: {@code POST /api/organisations?dryRun=true|false}, body {@code application/yaml}; 200/201 with what
 * was (or would be) created, 400/409 problem+json naming line and field.
 */
@RegisterRestClient(configKey = "escalation")
@RegisterProvider(LanguageHeader.class)
@AccessToken
@Path("/api/organisations")
public interface OnboardingApi {

    String YAML = "application/yaml";

    @POST
    @Consumes({YAML, "text/yaml"})
    Response onboard(@QueryParam("dryRun") boolean dryRun, String bundle);
}
