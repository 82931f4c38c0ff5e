package jp.horenso.incident.organisation.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jp.horenso.incident.common.security.OrganisationCaller;
import jp.horenso.incident.common.security.Roles;
import jp.horenso.incident.organisation.service.OrganisationProfiles;
import jp.horenso.platform.problem.ProblemException;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The caller's own organisation profile (OrganisationOnboarded): what documents and case numbers show. */
@Path("/api/organisation")
@Produces(MediaType.APPLICATION_JSON)
public class OrganisationResource {

    private final OrganisationProfiles organisations;
    private final OrganisationCaller caller;

    public OrganisationResource(OrganisationProfiles organisations, OrganisationCaller caller) {
        this.organisations = organisations;
        this.caller = caller;
    }

    @GET
    @RolesAllowed({
        Roles.STAFF,
        Roles.SECTION_CHIEF,
        Roles.DEPARTMENT_HEAD,
        Roles.SECURITY_LEAD,
        Roles.CSIRT,
        Roles.CISO,
        Roles.VICE_CISO,
        Roles.AUDITOR,
        Roles.COMMITTEE
    })
    @Operation(
            summary = "The caller's organisation as it was onboarded",
            description = "Every role of an organisation (never the installation administrator). 409 "
                    + "organisation.not-onboarded until escalation-service's OrganisationOnboarded arrived.")
    public OrganisationView show() {
        String code = caller.current().organisationRef().code();
        return OrganisationView.of(organisations
                .profile(code)
                .orElseThrow(() -> new ProblemException(409, "organisation.not-onboarded", code)));
    }
}
