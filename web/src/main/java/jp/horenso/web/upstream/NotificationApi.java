package jp.horenso.web.upstream;

import io.quarkus.oidc.token.propagation.common.AccessToken;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** notification-service, with the signed-in person's token. */
@RegisterRestClient(configKey = "notification")
@RegisterProvider(LanguageHeader.class)
@AccessToken
@Path("/api")
public interface NotificationApi extends AdminTrailApi {

    /** The delivery log of a case. */
    @GET
    @Path("/notifications")
    Response deliveries(@QueryParam("incidentId") UUID incidentId);

    /** A person's delivery settings (channels in failover order, digest window); secrets never shown. */
    @GET
    @Path("/recipients/{username}/delivery")
    Response delivery(@PathParam("username") String username);

    @PUT
    @Path("/recipients/{username}/delivery")
    @Consumes(MediaType.APPLICATION_JSON)
    Response replaceDelivery(@PathParam("username") String username, String body);
}
