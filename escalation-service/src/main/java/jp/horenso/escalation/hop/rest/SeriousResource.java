package jp.horenso.escalation.hop.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import jp.horenso.escalation.common.security.OrganisationCaller;
import jp.horenso.escalation.directory.Position;
import jp.horenso.escalation.hop.service.SeriousMarkingService;

/** 重大 (第43条3項): a department head or the security lead judges a case serious; the CISO is told. */
@Path("/api/incidents/{incidentId}/serious")
@Produces(MediaType.APPLICATION_JSON)
public class SeriousResource {

    private final SeriousMarkingService marking;
    private final OrganisationCaller caller;

    public SeriousResource(SeriousMarkingService marking, OrganisationCaller caller) {
        this.marking = marking;
        this.caller = caller;
    }

    /** Why the case is serious. */
    public record Request(@Size(max = 2000) String reason) {}

    /** The marking, and the hops it opened now (empty when the case was marked before). */
    public record Marked(
            UUID incidentId, Instant markedSeriousAt, String markedSeriousBy, String reason, List<Opened> opened) {}

    /** A hop opened by the marking. */
    public record Opened(UUID hopId, Position step, String recipient, Instant ackDeadline) {}

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({"department-head", "security-lead"})
    public Marked mark(@PathParam("incidentId") UUID incidentId, @Valid Request request) {
        SeriousMarkingService.Marking done =
                marking.mark(caller.current(), incidentId, request == null ? null : request.reason());
        return new Marked(
                incidentId,
                done.run().markedSeriousAt(),
                done.run().markedSeriousBy(),
                done.run().markedSeriousReason(),
                done.opened().stream()
                        .map(h -> new Opened(h.hopId(), h.step(), h.recipient().username(), h.ackDeadline()))
                        .toList());
    }
}
