package jp.horenso.incident.document.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import jp.horenso.incident.common.security.OrganisationCaller;
import jp.horenso.incident.common.security.Roles;
import jp.horenso.incident.document.DocumentFormat;
import jp.horenso.incident.document.service.DocumentService;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * A case's documents as PDF ({@code ?format=pdf}, the default) or HTML ({@code ?format=html}), in Japanese
 * ({@code ?lang=ja}, the default) or English ({@code ?lang=en}). Each names the SHA-256 of its source, also sent as
 * the {@code Horenso-Source-SHA256} header; each download is written on the case's timeline.
 */
@Path("/api/incidents/{id}/documents")
public class DocumentResource {

    /** The response header naming the SHA-256 of the snapshot or record the document was generated from. */
    public static final String SOURCE_SHA256 = "Horenso-Source-SHA256";

    private final DocumentService documents;
    private final OrganisationCaller caller;

    public DocumentResource(DocumentService documents, OrganisationCaller caller) {
        this.documents = documents;
        this.caller = caller;
    }

    @GET
    @Path("/ciso-reports/{version}")
    @RolesAllowed({Roles.CSIRT, Roles.SECURITY_LEAD, Roles.CISO, Roles.AUDITOR, Roles.COMMITTEE})
    @Operation(
            summary = "The CSIRT's report to the CISO (第44条4項) as a document, from its frozen snapshot",
            description = "CSIRT, security lead, CISO, auditor; the committee for cases reported to it (as for the "
                    + "report itself). A returned report shows 差戻し and the CISO's instructions.")
    public Response cisoReport(
            @PathParam("id") UUID id,
            @PathParam("version") @Min(1) @Max(100_000) int version,
            @QueryParam("format") String format,
            @QueryParam("lang") String lang) {
        return send(documents.cisoReport(
                caller.current(), id, version, DocumentFormat.language(lang), DocumentFormat.parse(format)));
    }

    @GET
    @Path("/committee-report")
    @RolesAllowed({Roles.CSIRT, Roles.SECURITY_LEAD, Roles.CISO, Roles.AUDITOR, Roles.COMMITTEE})
    @Operation(
            summary = "The report to the information-security committee (第44条6項), from the accepted report",
            description = "CSIRT, security lead, CISO, auditor; the committee for cases reported to it. 409 while the "
                    + "CISO has accepted no report of the case.")
    public Response committeeReport(
            @PathParam("id") UUID id, @QueryParam("format") String format, @QueryParam("lang") String lang) {
        return send(documents.committeeReport(
                caller.current(), id, DocumentFormat.language(lang), DocumentFormat.parse(format)));
    }

    @GET
    @Path("/commission-reports/{code}")
    @RolesAllowed({Roles.CSIRT, Roles.SECURITY_LEAD, Roles.CISO, Roles.AUDITOR})
    @Operation(
            summary = "The draft report to the Personal Information Protection Commission (R1, nine items)",
            description = "CSIRT, security lead, CISO, auditor (as for the JSON draft). Item 7 comes from the "
                    + "disclosure record.")
    public Response commissionReport(
            @PathParam("id") UUID id,
            @PathParam("code") String code,
            @QueryParam("format") String format,
            @QueryParam("lang") String lang) {
        return send(documents.commissionReport(
                caller.current(), id, code, DocumentFormat.language(lang), DocumentFormat.parse(format)));
    }

    @GET
    @Path("/persons-notice")
    @RolesAllowed({Roles.CSIRT, Roles.SECURITY_LEAD, Roles.CISO, Roles.AUDITOR})
    @Operation(
            summary = "The draft letter to the persons concerned (本人通知, 法68条2項)",
            description = "CSIRT, security lead, CISO, auditor (the readers of the commission draft, whose items it "
                    + "repeats). 409 when the case holds no personal data.")
    public Response personsNotice(
            @PathParam("id") UUID id, @QueryParam("format") String format, @QueryParam("lang") String lang) {
        return send(documents.personsNotice(
                caller.current(), id, DocumentFormat.language(lang), DocumentFormat.parse(format)));
    }

    private static Response send(DocumentService.Rendered d) {
        String name = URLEncoder.encode(d.fileName(), StandardCharsets.UTF_8).replace("+", "%20");
        Response.ResponseBuilder ok = Response.ok(d.content());
        if (d.format() == DocumentFormat.HTML) {
            // A document opened in a browser from the API's origin runs nothing and loads nothing.
            ok.header(
                    "Content-Security-Policy",
                    "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; "
                            + "form-action 'none'; frame-ancestors 'none'");
        }
        return ok.type(d.format().mediaType())
                .header(SOURCE_SHA256, d.sourceSha256())
                .header("Content-Disposition", "inline; filename=\"" + d.fileName() + "\"; filename*=UTF-8''" + name)
                .header("Cache-Control", "no-store")
                .build();
    }
}
