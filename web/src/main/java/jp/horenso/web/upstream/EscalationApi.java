package jp.horenso.web.upstream;

import io.quarkus.oidc.token.propagation.common.AccessToken;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** escalation-service, with the signed-in person's token. */
@RegisterRestClient(configKey = "escalation")
@RegisterProvider(LanguageHeader.class)
@AccessToken
@Path("/api")
public interface EscalationApi {

    /** 重大 (第43条3項) with its reason. */
    @POST
    @Path("/incidents/{id}/serious")
    @Consumes(MediaType.APPLICATION_JSON)
    Response markSerious(@PathParam("id") UUID id, String body);
}
