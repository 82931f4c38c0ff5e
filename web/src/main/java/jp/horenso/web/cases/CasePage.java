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
import jp.horenso.web.common.Formats;
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
public class CasePage {

    static final List<String> WHO = List.of(
            Roles.STAFF,
            Roles.SECTION_CHIEF,
            Roles.DEPARTMENT_HEAD,
            Roles.SECURITY_LEAD,
            Roles.CSIRT,
            Roles.CISO,
            Roles.VICE_CISO,
            Roles.AUDITOR,
            Roles.COMMITTEE);
    /** The documents the console streams through: only these paths below the case. */
    static final Pattern DOCUMENTS = Pattern.compile(
            "^(ciso-reports/\\d{1,6}|committee-report" + "|commission-reports/[A-Za-z0-9_-]{1,40}|persons-notice)$");

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

    TemplateInstance render(
            Template template, UUID id, String doneKey, String conflictKey, Map<String, String> errors) {
        Me me = page.me();
        Response shown = incidents.show(id);
        String etag = shown.getHeaderString("ETag");
        Map<String, Object> incident = Upstream.object(shown);
        boolean csirtSide =
                me.any(List.of(Roles.CSIRT, Roles.SECURITY_LEAD, Roles.CISO, Roles.VICE_CISO, Roles.AUDITOR));
        boolean seesEvidence = me.any(List.of(
                Roles.SECTION_CHIEF,
                Roles.DEPARTMENT_HEAD,
                Roles.SECURITY_LEAD,
                Roles.CSIRT,
                Roles.CISO,
                Roles.AUDITOR));
        Map<String, Object> data = new HashMap<>();
        data.put("chain", optional(() -> Upstream.list(incidents.chain(id))));
        data.put("actions", optional(() -> Upstream.list(incidents.responses(id))));
        data.put("deliveries", csirtSide ? optional(() -> Upstream.list(notifications.deliveries(id))) : null);
        data.put("evidence", seesEvidence ? optional(() -> Upstream.list(incidents.evidence(id))) : null);
        data.put(
                "reports",
                csirtSide || me.has(Roles.COMMITTEE) ? optional(() -> Upstream.list(incidents.cisoReports(id))) : null);
        data.put("review", csirtSide ? optional(() -> Upstream.object(incidents.review(id))) : null);
        data.put("disclosure", csirtSide ? optional(() -> Upstream.object(incidents.disclosure(id))) : null);
        data.put("communications", optional(() -> Upstream.list(incidents.communications(id))));
        data.put("units", me.canEditRecord() ? sections() : List.of());
        TemplateInstance instance = page.of(template, "case.title", WHO)
                .data("incident", incident)
                .data("etag", etag == null ? "" : etag)
                .data("doneKey", doneKey)
                .data("conflictKey", conflictKey)
                .data("errors", errors)
                .data("actionKinds", List.of("CONTAINMENT", "RECOVERY", "RECURRENCE_PREVENTION"))
                .data("actionStatuses", List.of("PLANNED", "IN_PROGRESS", "DONE", "CANCELLED"))
                .data("newActionStatuses", List.of("PLANNED", "IN_PROGRESS", "DONE"))
                .data(
                        "disclosureMethods",
                        List.of("NONE", "PERIODIC_BULK_RELEASE", "INDIVIDUAL_PRESS_RELEASE", "PRESS_CONFERENCE"))
                .data(
                        "communicationKinds",
                        List.of("NOTICE_TO_PERSONS", "INFORMATION_TO_CITIZENS", "REPORT_TO_OUTSIDE_BODY"))
                .data(
                        "outsideBodies",
                        List.of("PREFECTURE", "MIC", "PPC", "POLICE", "NISC", "J_LIS", "IPA", "JPCERT_CC", "OTHER"))
                .data(
                        "communicationMethods",
                        List.of(
                                "LETTER",
                                "EMAIL",
                                "PHONE",
                                "IN_PERSON",
                                "FAX",
                                "ONLINE_FORM",
                                "WEBSITE",
                                "SNS",
                                "NEWSLETTER",
                                "OTHER"));
        data.forEach(instance::data);
        return instance;
    }

    /** The sections a case may move to, from the directory ({organisation, publishedAt, units:[…]}). */
    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> sections() {
        Map<String, Object> directory = optional(() -> Upstream.object(incidents.units()));
        if (directory != null && directory.get("units") instanceof List<?> list) {
            return ((List<Map<String, Object>>) list)
                    .stream().filter(u -> !"DEPARTMENT".equals(u.get("kind"))).toList();
        }
        return List.of();
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
    public Response updateRecord(
            @PathParam("id") UUID id,
            @RestForm String etag,
            @RestForm String title,
            @RestForm String description,
            @RestForm String cause,
            @RestForm String damageExtent,
            @RestForm String damageScope,
            @RestForm String ongoing) {
        Map<String, Object> current = Upstream.object(incidents.show(id));
        @SuppressWarnings("unchecked")
        Map<String, Object> record = current.get("record") instanceof Map<?, ?> r
                ? new LinkedHashMap<>((Map<String, Object>) r)
                : new LinkedHashMap<>();
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
                return html(id, null, null, e.fieldErrors().isEmpty() ? Map.of("record", e.detail()) : e.fieldErrors());
            }
            throw e;
        }
    }

    /** 第44条3–4項: a containment, recovery or recurrence-prevention step. CSIRT, security lead, chiefs, heads. */
    @POST
    @Path("/actions")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed({Roles.CSIRT, Roles.SECURITY_LEAD, Roles.SECTION_CHIEF, Roles.DEPARTMENT_HEAD})
    public Response recordAction(
            @PathParam("id") UUID id,
            @RestForm String kind,
            @RestForm String description,
            @RestForm String ownerUnit,
            @RestForm String ownerPerson,
            @RestForm String dueDate,
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
    public Response updateAction(
            @PathParam("id") UUID id,
            @PathParam("actionId") UUID actionId,
            @RestForm String version,
            @RestForm String description,
            @RestForm String ownerUnit,
            @RestForm String ownerPerson,
            @RestForm String dueDate,
            @RestForm String status) {
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
    public Response uploadEvidence(
            @PathParam("id") UUID id, @RestForm("file") FileUpload file, @RestForm String description) {
        if (file == null || file.size() == 0) {
            return html(id, null, null, Map.of("evidence", "—"));
        }
        try {
            byte[] content = Files.readAllBytes(file.uploadedFile());
            String name =
                    URLEncoder.encode(file.fileName(), StandardCharsets.UTF_8).replace("+", "%20");
            String type = file.contentType() == null ? "application/octet-stream" : file.contentType();
            Upstream.ok(incidents.uploadEvidence(
                    id, type, "attachment; filename*=UTF-8''" + name, blankToNull(description), content));
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
    @RolesAllowed({
        Roles.SECTION_CHIEF,
        Roles.DEPARTMENT_HEAD,
        Roles.SECURITY_LEAD,
        Roles.CSIRT,
        Roles.CISO,
        Roles.AUDITOR
    })
    public Response evidence(@PathParam("id") UUID id, @PathParam("evidenceId") UUID evidenceId) {
        return pass(incidents.evidenceContent(id, evidenceId, "web console"));
    }

    /** A document of the case (PDF and the like), streamed through. Roles as incident-service decides. */
    @GET
    @Path("/documents/{document: .+}")
    @Produces(MediaType.WILDCARD)
    public Response document(
            @PathParam("id") UUID id, @PathParam("document") String document, @QueryParam("format") String format) {
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

    /** 第44条6項: the CISO records the report to the information-security committee. CISO only. */
    @POST
    @Path("/committee-report")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed(Roles.CISO)
    public Response reportToCommittee(
            @PathParam("id") UUID id, @RestForm String reportedAt, @RestForm String reference) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("reportedAt", Formats.fromInput(reportedAt));
        body.put("reference", blankToNull(reference));
        return decide(
                id, () -> incidents.reportToCommittee(id, Upstream.json(body)), "case.committee.recorded", "committee");
    }

    /** Closes the case; incident-service answers 409 saying what closing still needs. CSIRT, CISO. */
    @POST
    @Path("/close")
    @RolesAllowed({Roles.CSIRT, Roles.CISO})
    public Response close(@PathParam("id") UUID id) {
        return decide(id, () -> incidents.close(id), "case.closed", "close");
    }

    /** 第44条3項: a notice to persons, information to citizens or a report to an outside body. CSIRT, security lead. */
    @POST
    @Path("/communications")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed({Roles.CSIRT, Roles.SECURITY_LEAD})
    public Response recordCommunication(
            @PathParam("id") UUID id,
            @RestForm String kind,
            @RestForm String recipient,
            @RestForm String recipientName,
            @RestForm String persons,
            @RestForm String method,
            @RestForm String communicatedAt,
            @RestForm String reference,
            @RestForm String summary) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("kind", blankToNull(kind));
        // Only the fields of the kind go out: incident-service refuses a field that does not belong to it.
        boolean outside = "REPORT_TO_OUTSIDE_BODY".equals(kind);
        body.put("recipient", outside ? blankToNull(recipient) : null);
        body.put("recipientName", outside && "OTHER".equals(recipient) ? blankToNull(recipientName) : null);
        body.put("persons", "NOTICE_TO_PERSONS".equals(kind) ? number(persons) : null);
        body.put("method", outside ? null : blankToNull(method));
        body.put("communicatedAt", Formats.fromInput(communicatedAt));
        body.put("reference", blankToNull(reference));
        body.put("summary", blankToNull(summary));
        return decide(
                id,
                () -> incidents.recordCommunication(id, Upstream.json(body)),
                "case.communication.saved",
                "communication");
    }

    /** 第44条2項: moves the case to the section it concerns, with the reason. CSIRT, security lead. */
    @POST
    @Path("/unit")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed({Roles.CSIRT, Roles.SECURITY_LEAD})
    public Response changeUnit(@PathParam("id") UUID id, @RestForm String unit, @RestForm String reason) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("unit", blankToNull(unit));
        body.put("reason", blankToNull(reason));
        return decide(id, () -> incidents.changeUnit(id, Upstream.json(body)), "case.unit.changed", "unitChange");
    }

    /** Withdraws a report filed by mistake, with the reason; the chain stops. CSIRT only. */
    @POST
    @Path("/withdrawal")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed(Roles.CSIRT)
    public Response withdraw(@PathParam("id") UUID id, @RestForm String reason) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("reason", blankToNull(reason));
        return decide(id, () -> incidents.withdraw(id, Upstream.json(body)), "case.withdrawn", "withdrawal");
    }

    /** 第48条: marks the case as a drill or corrects it (only the CSIRT may undo, as incident-service rules). */
    @POST
    @Path("/drill-marking")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed({Roles.CSIRT, Roles.SECURITY_LEAD})
    public Response markDrill(@PathParam("id") UUID id, @RestForm String drill, @RestForm String reason) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("drill", "true".equals(drill));
        body.put("reason", blankToNull(reason));
        return decide(id, () -> incidents.markDrill(id, Upstream.json(body)), "case.drill.marked", "drillMarking");
    }

    /**
     * Sends a decision; when the service refuses it (400/403/409/422) the page shows its problem in the person's
     * language: the detail under {@code key}, each field's message under {@code key.field}.
     */
    private Response decide(UUID id, Supplier<Response> call, String doneKey, String key) {
        try {
            Upstream.ok(call.get());
            return done(id, doneKey);
        } catch (UpstreamException e) {
            if (e.status() != 400 && e.status() != 403 && e.status() != 409 && e.status() != 422) {
                throw e;
            }
            Map<String, String> errors = new HashMap<>();
            e.fieldErrors().forEach((k, v) -> errors.put(key + "." + k, v));
            errors.put(key, e.detail());
            return html(id, null, null, errors);
        }
    }

    static Object number(String s) {
        if (s == null || s.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(s.strip());
        } catch (NumberFormatException e) {
            return s.strip();
        }
    }

    private Response done(UUID id, String key) {
        return Response.seeOther(URI.create("/cases/" + id + "?done=" + key)).build();
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
