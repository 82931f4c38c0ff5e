package jp.horenso.notification.delivery.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.UUID;
import jp.horenso.notification.delivery.service.DeliveryLogEntry;
import jp.horenso.notification.delivery.service.DeliveryLogService;
import jp.horenso.platform.problem.FieldProblem;
import jp.horenso.platform.problem.ProblemException;
import jp.horenso.platform.security.CallerIdentity;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The delivery log over HTTP. */
@Path("/api/notifications")
@Produces(MediaType.APPLICATION_JSON)
public class NotificationResource {

    private final DeliveryLogService log;
    private final CallerIdentity caller;

    public NotificationResource(DeliveryLogService log, CallerIdentity caller) {
        this.log = log;
        this.caller = caller;
    }

    /**
     * Who reads a case's delivery log (with its SMTP and webhook error texts): the CSIRT, the security lead, the CISO,
     * the vice-CISO and auditors — of the case's organisation. Staff, chiefs and heads never do.
     */
    @GET
    @RolesAllowed({"csirt", "security-lead", "ciso", "vice-ciso", "auditor"})
    @Operation(
            summary = "配信記録 / Delivery log of a case",
            description = "Every notification about the case with its recipient, kind, status and attempts. CSIRT, "
                    + "security lead, CISO, vice-CISO and auditor of the caller's organisation; a case of another "
                    + "organisation answers an empty list, like a case without notices.")
    public List<DeliveryLogEntry> deliveryLog(@QueryParam("incidentId") UUID incidentId) {
        // Checked here rather than by @NotNull: the platform's violation mapper names a query parameter "body".
        if (incidentId == null) {
            throw ProblemException.invalidFields(
                    List.of(FieldProblem.of("incidentId", "notifications.incident-required")));
        }
        return log.forIncident(caller.current().organisationRef(), incidentId);
    }
}
