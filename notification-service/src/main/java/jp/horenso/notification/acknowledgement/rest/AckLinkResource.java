package jp.horenso.notification.acknowledgement.rest;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jp.horenso.notification.acknowledgement.service.AckLinkOutcome;
import jp.horenso.notification.acknowledgement.service.AckLinkService;
import jp.horenso.platform.security.Caller;
import jp.horenso.platform.security.CallerIdentity;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The one-click acknowledgement link over HTTP. Both methods are {@code @PermitAll} by design: the signed,
 * single-use, expiring link bound to its recipient is the proof, so a person can acknowledge from a phone's
 * mail app without logging in. If the caller is logged in as someone else, the link is refused.
 */
@Path("/ack/{token}")
@Produces(MediaType.TEXT_HTML)
public class AckLinkResource {

    @CheckedTemplate(basePath = "ack")
    static class Templates {

        static native TemplateInstance page(AckPage page);
    }

    private final AckLinkService links;
    private final SecurityIdentity identity;
    private final CallerIdentity callers;

    public AckLinkResource(AckLinkService links, SecurityIdentity identity, CallerIdentity callers) {
        this.links = links;
        this.identity = identity;
        this.callers = callers;
    }

    @GET
    @PermitAll
    @Operation(
            summary = "受領リンクの確認画面 / Acknowledgement link: confirmation page",
            description = "Shows a page with a button; records nothing (mail scanners open links by themselves).")
    public Response show(@PathParam("token") String token) {
        AckLinkOutcome outcome = links.check(token, caller());
        return page(outcome.isAccepted() ? AckPage.confirm(outcome) : AckPage.refused(outcome));
    }

    @POST
    @PermitAll
    @Operation(
            summary = "受領リンクによる受領 / Acknowledge with the link",
            description = "Records the acknowledgement once and publishes AcknowledgementLinkUsed; forged, expired, "
                    + "used or someone else's links are refused with a page saying why (403, 410, 409, 403).")
    public Response acknowledge(@PathParam("token") String token, @HeaderParam("User-Agent") String userAgent) {
        AckLinkOutcome outcome = links.use(token, caller(), userAgent);
        return page(outcome.isAccepted() ? AckPage.done(outcome) : AckPage.refused(outcome));
    }

    /**
     * The logged-in person, or null when the link alone is the proof. A token without an organisation is refused
     * (403) like everywhere; the installation administrator is nobody's recipient, so their link is refused.
     */
    private Caller caller() {
        return identity.isAnonymous() ? null : callers.current();
    }

    private static Response page(AckPage page) {
        return Response.status(page.status())
                .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .entity(Templates.page(page).render())
                // The token is in the URL: keep it out of caches, referrers, search engines and frames.
                .header("Cache-Control", "no-store")
                .header("Referrer-Policy", "no-referrer")
                .header("X-Robots-Tag", "noindex, nofollow")
                .header("X-Frame-Options", "DENY")
                .header(
                        "Content-Security-Policy",
                        "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'")
                .build();
    }
}
