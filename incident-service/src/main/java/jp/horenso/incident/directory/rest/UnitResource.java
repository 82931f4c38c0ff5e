package jp.horenso.incident.directory.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jp.horenso.incident.common.security.OrganisationCaller;
import jp.horenso.incident.common.security.Roles;
import jp.horenso.incident.directory.service.UnitDirectory;
import jp.horenso.platform.security.Caller;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The organisation's departments and sections, for the unit a report concerns (第44条2項). */
@Path("/api/units")
@Produces(MediaType.APPLICATION_JSON)
public class UnitResource {

    private final UnitDirectory directory;
    private final OrganisationCaller caller;

    public UnitResource(UnitDirectory directory, OrganisationCaller caller) {
        this.directory = directory;
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
            summary = "The caller organisation's departments and sections",
            description =
                    "Every role of the realm (any signed-in member). From the directory escalation-service publishes (DirectoryPublished); "
                            + "publishedAt is null and the list empty until one arrived.")
    public UnitsView list() {
        Caller c = caller.current();
        String organisation = c.organisationRef().code();
        return new UnitsView(
                organisation,
                directory.directory(organisation).map(d -> d.publishedAt()).orElse(null),
                directory.units(organisation).stream().map(UnitView::of).toList());
    }
}
