package jp.horenso.web.cases;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import jp.horenso.web.common.Me;
import jp.horenso.web.common.Page;
import jp.horenso.web.common.Roles;
import jp.horenso.web.common.Upstream;
import jp.horenso.web.common.UpstreamException;
import jp.horenso.web.upstream.IncidentApi;
import jp.horenso.web.upstream.NotificationApi;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/**
 * 事案ワークスペース: the whole case — timeline, the 第44条4項 record (edited with If-Match; a conflict is explained,
 * not a 500), response actions, the chain with every hop and deadline, the delivery log, legal duties, evidence,
 * documents and the report to the CISO. Everyone who may see the case; incident-service decides which cases
 * (others get its 404), and each section shows only to the roles its service serves.
 */
@Path("/cases/{id}")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed({Roles.STAFF, Roles.SECTION_CHIEF, Roles.DEPARTMENT_HEAD, Roles.SECURITY_LEAD, Roles.CSIRT, Roles.CISO,
    Roles.VICE_CISO, Roles.AUDITOR, Roles.COMMITTEE})
public class CasePage {

    static final List<String> WHO = List.of(Roles.STAFF, Roles.SECTION_CHIEF, Roles.DEPARTMENT_HEAD,
            Roles.SECURITY_LEAD, Roles.CSIRT, Roles.CISO, Roles.VICE_CISO, Roles.AUDITOR, Roles.COMMITTEE);
    /** The documents the console streams through: only these paths below the case. */
    static final Pattern DOCUMENTS = Pattern.compile("^(ciso-reports/\\d{1,6}|committee-report"
            + "|commission-reports/[A-Za-z0-9_-]{1,40}|persons-notice)$");

    @Inject
    Page page;
    @Inject
    @RestClient
    IncidentApi incidents;
    @Inject
    @RestClient
    NotificationApi notifications;
    @Inject
    @Location("case.html")
    Template workspace;

    @GET
    public TemplateInstance show(@PathParam("id") UUID id, @QueryParam("done") String done) {
        return render(workspace, id, done, null, Map.of());
    }

    /** The live parts alone (state, chain, actions, timeline), for the live refresh. */
    @GET
    @Path("/live")
    public TemplateInstance live(@PathParam("id") UUID id) {
        return render(workspace.getFragment("live"), id, null, null, Map.of());
    }

    /** The timeline alone, for the live refresh. */
    @GET
    @Path("/timeline")
    public TemplateInstance timeline(@PathParam("id") UUID id) {
        return render(workspace.getFragment("timeline"), id, null, null, Map.of());
    }

    TemplateInstance render(Template template, UUID id, String doneKey, String conflictKey,
            Map<String, String> errors) {
        Me me = page.me();
        Response shown = incidents.show(id);
        String etag = shown.getHeaderString("ETag");
        Map<String, Object> incident = Upstream.object(shown);
        boolean csirtSide = me.any(List.of(Roles.CSIRT, Roles.SECURITY_LEAD, Roles.CISO, Roles.VICE_CISO,
                Roles.AUDITOR));
        boolean seesEvidence = me.any(List.of(Roles.SECTION_CHIEF, Roles.DEPARTMENT_HEAD, Roles.SECURITY_LEAD,
                Roles.CSIRT, Roles.CISO, Roles.AUDITOR));
        Map<String, Object> data = new HashMap<>();
        data.put("chain", optional(() -> Upstream.list(incidents.chain(id))));
        data.put("actions", optional(() -> Upstream.list(incidents.responses(id))));
        data.put("deliveries", csirtSide ? optional(() -> Upstream.list(notifications.deliveries(id))) : null);
        data.put("evidence", seesEvidence ? optional(() -> Upstream.list(incidents.evidence(id))) : null);
        data.put("reports", csirtSide || me.has(Roles.COMMITTEE)
                ? optional(() -> Upstream.list(incidents.cisoReports(id))) : null);
        data.put("review", csirtSide ? optional(() -> Upstream.object(incidents.review(id))) : null);
        data.put("disclosure", csirtSide ? optional(() -> Upstream.object(incidents.disclosure(id))) : null);
        TemplateInstance instance = page.of(template, "case.title", WHO).data("incident", incident)
                .data("etag", etag == null ? "" : etag).data("doneKey", doneKey).data("conflictKey", conflictKey)
                .data("errors", errors)
                .data("actionKinds", List.of("CONTAINMENT", "RECOVERY", "RECURRENCE_PREVENTION"))
                .data("actionStatuses", List.of("PLANNED", "IN_PROGRESS", "DONE", "CANCELLED"))
                .data("newActionStatuses", List.of("PLANNED", "IN_PROGRESS", "DONE"))
                .data("disclosureMethods", List.of("NONE", "PERIODIC_BULK_RELEASE", "INDIVIDUAL_PRESS_RELEASE",
                        "PRESS_CONFERENCE"));
        data.forEach(instance::data);
        return instance;
    }

    private Response html(UUID id, String doneKey, String conflictKey, Map<String, String> errors) {
        String html = render(workspace, id, doneKey, conflictKey, errors).render();
        return Response.ok(html, MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).build();
    }

    private static <T> T optional(Supplier<T> call) {
        try {
            return call.get();
        } catch (UpstreamException e) {
            if (e.status() >= 500) {
                throw e;
            }
            return null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** 第44条4項: the record, sent whole (fields this form does not show are kept as they were). CSIRT, security lead. */
    @POST
    @Path("/record")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed({Roles.CSIRT, Roles.SECURITY_LEAD})
    public Response updateRecord(@PathParam("id") UUID id, @RestForm String etag, @RestForm String title,
            @RestForm String description, @RestForm String cause, @RestForm String damageExtent,
            @RestForm String damageScope, @RestForm String ongoing) {
        Map<String, Object> current = Upstream.object(incidents.show(id));
        @SuppressWarnings("unchecked")
        Map<String, Object> record = current.get("record") instanceof Map<?, ?> r
                ? new LinkedHashMap<>((Map<String, Object>) r) : new LinkedHashMap<>();
        record.remove("classificationScheme");
        Map<String, Object> body = new LinkedHashMap<>(record);
        body.put("kind", current.get("kind"));
        body.put("title", title);
        body.put("description", description);
        body.put("cause", blankToNull(cause));
        body.put("damageExtent", blankToNull(damageExtent));
        body.put("damageScope", blankToNull(damageScope));
        body.put("ongoing", "on".equals(ongoing) || "true".equals(ongoing));
        try {
            Upstream.ok(incidents.updateRecord(id, etag, Upstream.json(body)));
            return done(id, "case.record.saved");
        } catch (UpstreamException e) {
            if (e.status() == 412) {
                // Someone saved first: show their version and say so; nothing of theirs is overwritten.
                return html(id, null, "case.record.conflict", Map.of());
            }
            if (e.status() == 400 || e.status() == 422 || e.status() == 428) {
                return html(id, null, null, e.fieldErrors().isEmpty()
                        ? Map.of("record", e.detail()) : e.fieldErrors());
            }
            throw e;
        }
    }

    /** 第44条3–4項: a containment, recovery or recurrence-prevention step. CSIRT, security lead, chiefs, heads. */
    @POST
    @Path("/actions")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed({Roles.CSIRT, Roles.SECURITY_LEAD, Roles.SECTION_CHIEF, Roles.DEPARTMENT_HEAD})
    public Response recordAction(@PathParam("id") UUID id, @RestForm String kind, @RestForm String description,
            @RestForm String ownerUnit, @RestForm String ownerPerson, @RestForm String dueDate,
            @RestForm String status) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("kind", kind);
        body.put("description", description);
        body.put("ownerUnit", blankToNull(ownerUnit));
        body.put("ownerPerson", blankToNull(ownerPerson));
        body.put("dueDate", blankToNull(dueDate));
        body.put("status", blankToNull(status));
        try {
            Upstream.ok(incidents.recordResponse(id, Upstream.json(body)));
            return done(id, "case.action.saved");
        } catch (UpstreamException e) {
            if (e.status() == 400 || e.status() == 422) {
                Map<String, String> errors = new HashMap<>();
                e.fieldErrors().forEach((k, v) -> errors.put("action." + k, v));
                errors.putIfAbsent("action", e.detail());
                return html(id, null, null, errors);
            }
            throw e;
        }
    }

    /** Moves an action on (planned → in progress → done, or cancelled), with its ETag. */
    @POST
    @Path("/actions/{actionId}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed({Roles.CSIRT, Roles.SECURITY_LEAD, Roles.SECTION_CHIEF, Roles.DEPARTMENT_HEAD})
    public Response updateAction(@PathParam("id") UUID id, @PathParam("actionId") UUID actionId,
            @RestForm String version, @RestForm String description, @RestForm String ownerUnit,
            @RestForm String ownerPerson, @RestForm String dueDate, @RestForm String status) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("description", description);
        body.put("ownerUnit", blankToNull(ownerUnit));
        body.put("ownerPerson", blankToNull(ownerPerson));
        body.put("dueDate", blankToNull(dueDate));
        body.put("status", status);
        try {
            Upstream.ok(incidents.updateResponse(id, actionId, "\"" + version + "\"", Upstream.json(body)));
            return done(id, "case.action.saved");
        } catch (UpstreamException e) {
            if (e.status() == 412) {
                return html(id, null, "case.action.conflict", Map.of());
            }
            if (e.status() == 400 || e.status() == 422 || e.status() == 409) {
                return html(id, null, null, Map.of(actionId.toString(), e.detail()));
            }
            throw e;
        }
    }

    /** 第44条4項: the CSIRT reports its record to the CISO. CSIRT only. */
    @POST
    @Path("/ciso-report")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed(Roles.CSIRT)
    public Response reportToCiso(@PathParam("id") UUID id, @RestForm String summary) {
        Map<String, Object> body = new HashMap<>();
        body.put("summary", blankToNull(summary));
        try {
            Upstream.ok(incidents.submitCisoReport(id, Upstream.json(body)));
            return done(id, "case.cisoReport.sent");
        } catch (UpstreamException e) {
            if (e.status() >= 500) {
                throw e;
            }
            return html(id, null, null, Map.of("cisoReport", e.detail()));
        }
    }

    /** 証拠保全 (第107条): a file kept with its SHA-256. CSIRT, security lead. */
    @POST
    @Path("/evidence")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @RolesAllowed({Roles.CSIRT, Roles.SECURITY_LEAD})
    public Response uploadEvidence(@PathParam("id") UUID id, @RestForm("file") FileUpload file,
            @RestForm String description) {
        if (file == null || file.size() == 0) {
            return html(id, null, null, Map.of("evidence", "—"));
        }
        try {
            byte[] content = Files.readAllBytes(file.uploadedFile());
            String name = URLEncoder.encode(file.fileName(), StandardCharsets.UTF_8).replace("+", "%20");
            String type = file.contentType() == null ? "application/octet-stream" : file.contentType();
            Upstream.ok(incidents.uploadEvidence(id, type, "attachment; filename*=UTF-8''" + name,
                    blankToNull(description), content));
            return done(id, "case.evidence.saved");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (UpstreamException e) {
            if (e.status() >= 500) {
                throw e;
            }
            return html(id, null, null, Map.of("evidence", e.detail()));
        }
    }

    /** A piece of evidence, streamed from incident-service (which records the download on the custody chain). */
    @GET
    @Path("/evidence/{evidenceId}")
    @Produces(MediaType.WILDCARD)
    @RolesAllowed({Roles.SECTION_CHIEF, Roles.DEPARTMENT_HEAD, Roles.SECURITY_LEAD, Roles.CSIRT, Roles.CISO,
        Roles.AUDITOR})
    public Response evidence(@PathParam("id") UUID id, @PathParam("evidenceId") UUID evidenceId) {
        return pass(incidents.evidenceContent(id, evidenceId, "web console"));
    }

    /** A document of the case (PDF and the like), streamed through. Roles as incident-service decides. */
    @GET
    @Path("/documents/{document: .+}")
    @Produces(MediaType.WILDCARD)
    public Response document(@PathParam("id") UUID id, @PathParam("document") String document,
            @QueryParam("format") String format) {
        if (!DOCUMENTS.matcher(document).matches()) {
            throw new UpstreamException(404, Map.of(), null);
        }
        return pass(incidents.document(id, document, "html".equals(format) ? "html" : "pdf", page.lang()));
    }

    static Response pass(Response upstream) {
        if (upstream.getStatus() >= 400) {
            Upstream.ok(upstream);
        }
        try (upstream) {
            byte[] bytes = upstream.readEntity(byte[].class);
            Response.ResponseBuilder out = Response.ok(bytes, upstream.getMediaType());
            for (String header : List.of("Content-Disposition", "Repr-Digest", "X-Content-Type-Options")) {
                if (upstream.getHeaderString(header) != null) {
                    out.header(header, upstream.getHeaderString(header));
                }
            }
            return out.header("Cache-Control", "no-store").build();
        }
    }

    private Response done(UUID id, String key) {
        return Response.seeOther(URI.create("/cases/" + id + "?done=" + key)).build();
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
