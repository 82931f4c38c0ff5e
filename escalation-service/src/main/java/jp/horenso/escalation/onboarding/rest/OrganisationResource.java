package jp.horenso.escalation.onboarding.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import jp.horenso.escalation.directory.exchange.YamlDirectoryFormat;
import jp.horenso.escalation.onboarding.service.OnboardCommand;
import jp.horenso.escalation.onboarding.service.OnboardingResult;
import jp.horenso.escalation.onboarding.service.OnboardingService;
import jp.horenso.escalation.onboarding.service.OrganisationQueries;
import jp.horenso.platform.security.Caller;
import jp.horenso.platform.security.CallerIdentity;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The organisations of the installation: the installation administrator onboards a new one from a bundle (the
 * YAML of a seed file) and lists them — and sees nothing of their cases.
 */
@Path("/api/organisations")
@Produces(MediaType.APPLICATION_JSON)
public class OrganisationResource {

    private final OnboardingService onboarding;
    private final OrganisationQueries organisations;
    private final CallerIdentity callers;

    public OrganisationResource(
            OnboardingService onboarding, OrganisationQueries organisations, CallerIdentity callers) {
        this.onboarding = onboarding;
        this.organisations = organisations;
        this.callers = callers;
    }

    @POST
    @Consumes({YamlDirectoryFormat.MEDIA_TYPE, "application/x-yaml", "text/yaml"})
    @RolesAllowed(Caller.INSTALLATION_ADMIN)
    @Operation(
            summary = "組織の登録 / Onboard an organisation",
            description = "The bundle is the YAML of a seed file (organisation with caseNumberPrefix, contact,"
                    + " publicContacts, classificationScheme; units; people; positions; deputies; chain). 201 with"
                    + " what was created; `dryRun=true` stores nothing and answers 200 with what would be created;"
                    + " 400 problem+json naming every problem's field and line; 409 when the organisation exists.")
    public Response onboard(String bundle, @QueryParam("dryRun") boolean dryRun) {
        OnboardingResult result = onboarding.onboard(
                new OnboardCommand(bundle, dryRun, callers.current().username()));
        if (dryRun) {
            return Response.ok(result).build();
        }
        return Response.created(URI.create("/api/organisations/" + result.organisation()))
                .entity(result)
                .build();
    }

    @GET
    @RolesAllowed(Caller.INSTALLATION_ADMIN)
    @Operation(summary = "組織の一覧 / The installation's organisations")
    public List<OrganisationQueries.OrganisationView> list() {
        callers.current();
        return organisations.all();
    }
}
