package jp.horenso.web.session;

import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/**
 * What the page's idle timer asks (第58条(3)): how long is left ({@code /session/remaining}, not counted as
 * activity, so several open tabs agree), and "I am still here" ({@code /session/keepalive}, counted as activity).
 */
@Path("/session")
@Authenticated
public class SessionResource {

    @Inject
    IdleLogoff idle;

    @Inject
    IdleConfig config;

    @GET
    @Path("remaining")
    @Produces(MediaType.APPLICATION_JSON)
    public Response remaining(@Context ContainerRequestContext request) {
        return Response.ok(Map.of(
                        "seconds", idle.secondsLeft(request),
                        "timeoutSeconds", config.timeout().toSeconds(),
                        "warningSeconds", config.warning().toSeconds()))
                .header("Cache-Control", "no-store")
                .build();
    }

    @GET
    @Path("keepalive")
    public Response keepAlive() {
        return Response.noContent().header("Cache-Control", "no-store").build();
    }
}
