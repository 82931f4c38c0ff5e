package jp.horenso.platform.admintrail;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import jp.horenso.platform.events.CloudEvents;
import jp.horenso.platform.problem.FieldProblem;
import jp.horenso.platform.problem.Message;
import jp.horenso.platform.problem.ProblemException;
import jp.horenso.platform.security.Caller;
import jp.horenso.platform.security.CallerIdentity;
import jp.horenso.platform.security.Organisation;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The administrative trail of the caller's organisation, in every service (each keeps the changes it owns). The
 * security lead and auditors read their own organisation's; the installation administrator names one.
 */
@Path("/api/admin-trail")
@RolesAllowed({AdminTrailResource.SECURITY_LEAD, AdminTrailResource.AUDITOR, Caller.INSTALLATION_ADMIN})
@Produces(MediaType.APPLICATION_JSON)
public class AdminTrailResource {

    static final String SECURITY_LEAD = "security-lead";
    static final String AUDITOR = "auditor";

    private final AdminTrail trail;
    private final CallerIdentity callers;

    public AdminTrailResource(AdminTrail trail, CallerIdentity callers) {
        this.trail = trail;
        this.callers = callers;
    }

    @GET
    @Operation(
            summary = "管理操作の記録 / The organisation's administrative trail",
            description = "Newest first; `before` pages back by sequence number. Security lead, auditor (their own"
                    + " organisation), installation administrator (`organisation` required).")
    public List<AdminTrailEntry> entries(
            @QueryParam("organisation") String organisation,
            @QueryParam("before") Long before,
            @QueryParam("limit") Integer limit) {
        return trail.entries(organisationFor(organisation), before, limit == null ? 100 : limit);
    }

    @GET
    @Path("/verify")
    @Operation(
            summary = "管理操作の記録の検証 / Verify the administrative trail's hash chain",
            description = "Recomputes every entry's hash and holds the chain against the organisation's head;"
                    + " `intact` is false and `findings` say what when an entry was changed or deleted.")
    public AdminTrailVerification verify(@QueryParam("organisation") String organisation) {
        return trail.verify(organisationFor(organisation));
    }

    private Organisation organisationFor(String requested) {
        Caller caller = callers.current();
        if (caller.organisation() != null) {
            if (requested != null && !requested.equals(caller.organisation())) {
                throw ProblemException.forbidden(Message.key("caller.other-organisation"));
            }
            return caller.organisationRef();
        }
        if (requested == null
                || !CloudEvents.ORGANISATION_CODE.matcher(requested).matches()) {
            throw ProblemException.invalidFields(
                    List.of(FieldProblem.of("organisation", "admin-trail.organisation-required")));
        }
        return Organisation.of(requested);
    }
}
