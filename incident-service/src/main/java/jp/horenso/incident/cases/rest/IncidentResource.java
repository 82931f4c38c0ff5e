package jp.horenso.incident.cases.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.UUID;
import jp.horenso.incident.cases.service.CaseRecordService;
import jp.horenso.incident.cases.service.IncidentQuery;
import jp.horenso.incident.cases.service.IncidentSearchService;
import jp.horenso.incident.cases.service.IncidentService;
import jp.horenso.incident.cases.service.OverrideSeverity;
import jp.horenso.incident.cases.service.RecordCase;
import jp.horenso.incident.cases.service.ReportIncident;
import jp.horenso.incident.common.http.ETags;
import jp.horenso.incident.common.security.OrganisationCaller;
import jp.horenso.incident.common.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Reports and cases over HTTP. */
@Path("/api/incidents")
@Produces(MediaType.APPLICATION_JSON)
public class IncidentResource {

    private static final String[] EVERY_ROLE = {
        Roles.STAFF,
        Roles.SECTION_CHIEF,
        Roles.DEPARTMENT_HEAD,
        Roles.SECURITY_LEAD,
        Roles.CSIRT,
        Roles.CISO,
        Roles.AUDITOR,
        Roles.COMMITTEE
    };

    private final IncidentService incidents;
    private final CaseRecordService records;
    private final IncidentSearchService search;
    private final OrganisationCaller caller;

    public IncidentResource(
            IncidentService incidents,
            CaseRecordService records,
            IncidentSearchService search,
            OrganisationCaller caller) {
        this.incidents = incidents;
        this.records = records;
        this.search = search;
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
            summary = "List and search the cases the caller may see",
            description = "Every role, each within its scope (as for GET /{id}). Filters: state, severity, kind, unit, "
                    + "from/to (reported), legalDueBefore, q (words in title or description; Japanese works: "
                    + "NFKC-normalised substring match), drill; page (from 0), size (1-100), sort. total: how many match; "
                    + "with q at most 1,000, and totalIsLowerBound is true when more matched.")
    public IncidentPage list(@BeanParam IncidentQueryParams params) {
        IncidentQuery query = params.toQuery();
        IncidentSearchService.Page page =
                search.list(caller.current(), query, params.pageNumber(), params.pageSize(), params.sort());
        return new IncidentPage(
                page.items().stream().map(IncidentSummary::of).toList(),
                page.page(),
                page.size(),
                page.total(),
                page.totalIsLowerBound());
    }

    @GET
    @Path("/count")
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
            summary = "How many cases the caller may see match the filters",
            description = "Same filters as the list.")
    public java.util.Map<String, Long> count(@BeanParam IncidentQueryParams params) {
        return java.util.Map.of("count", search.count(caller.current(), params.toQuery()));
    }

    @GET
    @Path("/statistics")
    @RolesAllowed({
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
            summary = "Counts by severity, state and kind within the caller's scope",
            description = "Drills (第48条) are never counted.")
    public IncidentSearchService.Statistics statistics(@BeanParam IncidentQueryParams params) {
        return search.statistics(caller.current(), params.toQuery());
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.STAFF, Roles.SECTION_CHIEF, Roles.DEPARTMENT_HEAD, Roles.SECURITY_LEAD, Roles.CSIRT, Roles.CISO
    })
    @Operation(
            summary = "Report a security incident (第43条1項)",
            description = "Anyone but an auditor may report. The case belongs to the reporter's unit. With an "
                    + "Idempotency-Key header a retried POST returns the case the first one made, never a second case.")
    public Response report(
            @NotNull @Valid IncidentReportRequest request,
            @HeaderParam("Idempotency-Key") String idempotencyKey,
            UriInfo uri) {
        IncidentView view = incidents.report(caller.current(), command(request), idempotencyKey);
        return Response.created(
                        uri.getAbsolutePathBuilder().path(view.id().toString()).build())
                .tag(ETags.of(view.version()))
                .entity(view)
                .build();
    }

    @GET
    @Path("/{id}")
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
            summary = "A case with its timeline",
            description = "Staff see their own reports, section chiefs their section's, department heads their "
                    + "department's; security lead, CSIRT, CISO and auditors see all; the committee the cases reported "
                    + "to it. Others get 404.")
    public Response show(@PathParam("id") UUID id) {
        IncidentView view = incidents.show(caller.current(), id);
        return Response.ok(view).tag(ETags.of(view.version())).build();
    }

    @PUT
    @Path("/{id}/record")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.CSIRT, Roles.SECURITY_LEAD})
    @Operation(
            summary = "Record cause, extent, scope of damage and the rest of the case record (第44条4項)",
            description = "CSIRT and security lead. Replaces the record; needs If-Match with the case's ETag (412 when "
                    + "someone changed it first, 428 without). Severity and legal duties are recomputed.")
    public Response updateRecord(
            @PathParam("id") UUID id,
            @HeaderParam("If-Match") String ifMatch,
            @NotNull @Valid CaseRecordRequest request) {
        records.update(caller.current(), id, ETags.version(ifMatch), command(request));
        return show(id);
    }

    @POST
    @Path("/{id}/severity-override")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.CSIRT)
    @Operation(
            summary = "Override the computed severity with a recorded reason (CSIRT)",
            description = "A null severity returns to the computed one. Needs If-Match.")
    public Response overrideSeverity(
            @PathParam("id") UUID id,
            @HeaderParam("If-Match") String ifMatch,
            @NotNull @Valid SeverityOverrideRequest request) {
        records.overrideSeverity(caller.current(), id, ETags.version(ifMatch), command(request));
        return show(id);
    }

    private static ReportIncident command(IncidentReportRequest r) {
        return new ReportIncident(
                r.title(),
                r.description(),
                r.occurredAt(),
                r.discoveredAt(),
                r.reporterType(),
                r.kind(),
                r.drill(),
                r.unit(),
                r.informant());
    }

    private static RecordCase command(CaseRecordRequest r) {
        return new RecordCase(
                r.kind(),
                r.title(),
                r.description(),
                r.networkZone(),
                r.informationSystems(),
                r.assets(),
                r.personalData(),
                r.threatCategory(),
                r.functionalImpact(),
                r.informationImpact(),
                r.recoverability(),
                r.ongoing(),
                r.cause(),
                r.damageExtent(),
                r.damageScope());
    }

    private static OverrideSeverity command(SeverityOverrideRequest r) {
        return new OverrideSeverity(r.severity(), r.reason());
    }
}
