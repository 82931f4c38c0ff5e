package jp.horenso.notification.recipient.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jp.horenso.notification.recipient.service.DeliverySettingsView;
import jp.horenso.notification.recipient.service.RecipientService;
import jp.horenso.platform.security.Caller;
import jp.horenso.platform.security.CallerIdentity;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The security lead's administration of how each person is reached (配信先の設定) over HTTP. */
@Path("/api/recipients/{username}/delivery")
@Produces(MediaType.APPLICATION_JSON)
public class RecipientResource {

    /** Account names as the directory writes them. */
    static final String USERNAME = "[A-Za-z0-9._@-]{1,100}";

    private final RecipientService recipients;
    private final CallerIdentity caller;

    public RecipientResource(RecipientService recipients, CallerIdentity caller) {
        this.recipients = recipients;
        this.caller = caller;
    }

    @GET
    @RolesAllowed({"security-lead", "csirt"})
    @Operation(
            summary = "配信先の設定 / A person's delivery settings",
            description = "Channels in failover order and the digest window; webhook URLs are shown masked "
                    + "(scheme, host, …, last 4 characters), secrets never. Security lead and CSIRT of the person's "
                    + "organisation; a person of another organisation is 404.")
    public DeliverySettingsView show(@PathParam("username") @Pattern(regexp = USERNAME) String username) {
        return recipients.view(caller.current().organisationRef(), username);
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("security-lead")
    @Operation(
            summary = "配信先の設定の変更 / Replace a person's delivery settings",
            description = "Channels are tried in the order given; each one that keeps failing hands over to the next. "
                    + "Every notification also goes to the person's in-app inbox. The CISO's messages are never "
                    + "grouped, whatever the digest window. A webhook sent back with its masked URL (as shown) is "
                    + "unchanged and keeps its secret unless a new one is given. The security lead of the person's "
                    + "organisation; a person of another organisation is 404 and nothing changes. Every change is "
                    + "recorded in the organisation's administrative trail (DELIVERY_SETTINGS_CHANGED).")
    public DeliverySettingsView replace(
            @PathParam("username") @Pattern(regexp = USERNAME) String username, DeliverySettingsRequest request) {
        Caller me = caller.current();
        return recipients.replace(
                me.organisationRef(), username, request == null ? null : request.toCommand(), me.username());
    }
}
