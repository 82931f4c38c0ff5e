package jp.horenso.notification.inbox.rest;

import io.smallrye.mutiny.Multi;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import jp.horenso.notification.inbox.service.InboxItemView;
import jp.horenso.notification.inbox.service.InboxService;
import jp.horenso.notification.inbox.service.InboxStream;
import jp.horenso.platform.problem.Message;
import jp.horenso.platform.problem.ProblemException;
import jp.horenso.platform.security.Caller;
import jp.horenso.platform.security.CallerIdentity;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestStreamElementType;

/** The logged-in person's in-app inbox over HTTP; every logged-in person has one and sees only their own. */
@Path("/api/inbox")
public class InboxResource {

    private final InboxService inbox;
    private final InboxStream stream;
    private final CallerIdentity caller;

    public InboxResource(InboxService inbox, InboxStream stream, CallerIdentity caller) {
        this.inbox = inbox;
        this.stream = stream;
        this.caller = caller;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed("**")
    @Operation(summary = "受信箱 / My inbox", description = "The caller's notifications, newest first (at most 200).")
    public List<InboxItemView> list(
            // true or false only: JAX-RS would read any other text ("yes", "2") as false (issue 14's fuzzing).
            @QueryParam("unread") @Pattern(regexp = "true|false") String unreadOnly) {
        Caller me = me();
        return inbox.list(me.organisationRef(), me.username(), Boolean.parseBoolean(unreadOnly));
    }

    @POST
    @Path("/{id}/read")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed("**")
    @Operation(summary = "既読にする / Mark an item read", description = "404 for an item that is not the caller's.")
    public InboxItemView markRead(@PathParam("id") long id) {
        Caller me = me();
        return inbox.markRead(me.organisationRef(), me.username(), id);
    }

    @GET
    @Path("/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @RolesAllowed("**")
    @Operation(
            summary = "受信箱の更新 / Live inbox (Server-Sent Events)",
            description = "Each new item of the caller as one JSON event, for dashboards.")
    public Multi<InboxItemView> live() {
        Caller me = me();
        return stream.forUser(me.organisationRef(), me.username());
    }

    /**
     * The person whose inbox it is. A token without an organisation is refused (403) by the platform; the
     * installation administrator belongs to none and has no inbox (403).
     */
    private Caller me() {
        Caller me = caller.current();
        if (me.organisation() == null) {
            throw ProblemException.forbidden(Message.key("caller.installation-admin"));
        }
        return me;
    }
}
