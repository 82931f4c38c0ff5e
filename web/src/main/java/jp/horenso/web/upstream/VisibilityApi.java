package jp.horenso.web.upstream;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * incident-service asked, outside any page request, whether a person may see a case: used before a live event goes
 * to their browser. The token is the one their event stream was opened with.
 */
@RegisterRestClient(configKey = "incident")
@Path("/api")
public interface VisibilityApi {

    @GET
    @Path("/incidents/{id}")
    Response show(@HeaderParam("Authorization") String bearer, @PathParam("id") UUID id);
}
