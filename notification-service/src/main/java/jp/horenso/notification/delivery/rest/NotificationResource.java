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
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The delivery log over HTTP. */
@Path("/api/notifications")
@Produces(MediaType.APPLICATION_JSON)
public class NotificationResource {

    private final DeliveryLogService log;

    public NotificationResource(DeliveryLogService log) {
        this.log = log;
    }

    @GET
    @RolesAllowed({"csirt", "security-lead", "ciso", "auditor"})
    @Operation(
            summary = "配信記録 / Delivery log of a case",
            description = "Every notification about the case with its recipient, kind, status and attempts.")
    public List<DeliveryLogEntry> deliveryLog(@QueryParam("incidentId") UUID incidentId) {
        // Checked here rather than by @NotNull: the platform's violation mapper names a query parameter "body".
        if (incidentId == null) {
            throw ProblemException.invalidFields(
                    List.of(FieldProblem.of("incidentId", "notifications.incident-required")));
        }
        return log.forIncident(incidentId);
    }
}
