package jp.horenso.web.report;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import jp.horenso.web.common.Formats;
import jp.horenso.web.common.Page;
import jp.horenso.web.common.Roles;
import jp.horenso.web.common.Texts;
import jp.horenso.web.common.Upstream;
import jp.horenso.web.common.UpstreamException;
import jp.horenso.web.upstream.IncidentApi;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * 職員の報告 (第43条1項): the report form a non-specialist completes in two minutes, the confirmation with the case
 * number, and "my reports" with where each stands in the chain. Everyone who may report (not auditors).
 */
@Path("/report")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed({Roles.STAFF, Roles.SECTION_CHIEF, Roles.DEPARTMENT_HEAD, Roles.SECURITY_LEAD, Roles.CSIRT, Roles.CISO})
public class ReportPage {

    static final List<String> WHO = List.of(
            Roles.STAFF, Roles.SECTION_CHIEF, Roles.DEPARTMENT_HEAD, Roles.SECURITY_LEAD, Roles.CSIRT, Roles.CISO);

    @Inject
    Page page;

    @Inject
    @RestClient
    IncidentApi incidents;

    @Inject
    @Location("report/form.html")
    Template form;

    @Inject
    @Location("report/done.html")
    Template done;

    @Inject
    @Location("report/mine.html")
    Template mine;

    @GET
    public TemplateInstance form() {
        ReportForm blank = new ReportForm();
        blank.reporterType = "STAFF";
        blank.personalData = "no";
        blank.idempotencyKey = UUID.randomUUID().toString();
        return render(blank, Map.of(), null);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public TemplateInstance file(@BeanParam ReportForm input) {
        try {
            Map<String, Object> created =
                    Upstream.object(incidents.report(Upstream.json(body(input)), input.idempotencyKey));
            return page.of(done, "report.done.title", WHO).data("incident", created);
        } catch (UpstreamException e) {
            if (e.status() == 400 || e.status() == 422 || e.status() == 409) {
                return render(input, e.fieldErrors(), e.detail());
            }
            if (e.status() == 429) {
                // The person filed too many reports in a short time (incident-service's limit): the form again, as
                // typed, with the service's explanation of when to send it again; answered 429 like the service.
                throw new WebApplicationException(Response.status(429)
                        .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                        .entity(render(input, e.fieldErrors(), e.detail()).render())
                        .build());
            }
            throw e;
        }
    }

    @GET
    @Path("/mine")
    public TemplateInstance mine() {
        Map<String, Object> result = Upstream.object(incidents.list(null, null, "-reportedAt", 0, 20));
        List<Map<String, Object>> items = new ArrayList<>();
        Object raw = result.get("items");
        if (raw instanceof List<?> list) {
            for (Object o : list) {
                @SuppressWarnings("unchecked")
                Map<String, Object> item = new LinkedHashMap<>((Map<String, Object>) o);
                item.put(
                        "position",
                        ChainPosition.of(
                                incidents, UUID.fromString(item.get("id").toString())));
                items.add(item);
            }
        }
        return page.of(mine, "report.mine.title", WHO).data("items", items);
    }

    private TemplateInstance render(ReportForm input, Map<String, String> errors, String problem) {
        List<Map<String, Object>> units = units();
        return page.of(form, "report.title", WHO)
                .data("form", input)
                .data("errors", errors)
                .data("problem", problem)
                .data("units", units);
    }

    /** The sections of the directory ({units:[…]} or a plain list); none when the directory cannot be read. */
    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> units() {
        try {
            Object answer =
                    Upstream.read(incidents.units(), new com.fasterxml.jackson.core.type.TypeReference<Object>() {});
            Object list = answer instanceof Map<?, ?> m ? m.get("units") : answer;
            if (list instanceof List<?> l) {
                return ((List<Map<String, Object>>) l)
                        .stream()
                                .filter(u -> !"DEPARTMENT".equals(u.get("kind")))
                                .toList();
            }
        } catch (RuntimeException e) {
            // the form works without: the report goes to the reporter's own unit
        }
        return List.of();
    }

    /** The report as incident-service takes it; what the form asks beyond its fields goes into the text. */
    Map<String, Object> body(ReportForm in) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", in.title);
        StringBuilder description = new StringBuilder(in.description == null ? "" : in.description.strip());
        String lang = page.lang();
        if (in.system != null && !in.system.isBlank()) {
            description
                    .append("\n\n")
                    .append(Texts.get(lang, "report.system"))
                    .append(": ")
                    .append(in.system.strip());
        }
        if ("yes".equals(in.personalData)) {
            description
                    .append("\n")
                    .append(Texts.get(lang, "report.personalData"))
                    .append(": ")
                    .append(Texts.get(lang, "report.personalData.yes"));
            if (in.persons != null && !in.persons.isBlank()) {
                description
                        .append(" (")
                        .append(Texts.format(lang, "report.persons.about", in.persons.strip()))
                        .append(")");
            }
        } else if ("unknown".equals(in.personalData)) {
            description
                    .append("\n")
                    .append(Texts.get(lang, "report.personalData"))
                    .append(": ")
                    .append(Texts.get(lang, "report.personalData.unknown"));
        }
        body.put("description", description.toString());
        body.put("occurredAt", Formats.fromInput(in.occurredAt));
        body.put("discoveredAt", Formats.fromInput(in.discoveredAt));
        body.put("reporterType", in.reporterType == null ? "STAFF" : in.reporterType);
        if (in.unit != null && !in.unit.isBlank()) {
            body.put("unit", in.unit);
        }
        if (!"STAFF".equals(in.reporterType)) {
            Map<String, Object> informant = new LinkedHashMap<>();
            informant.put("name", blankToNull(in.informantName));
            informant.put("organisation", blankToNull(in.informantOrganisation));
            informant.put("contact", blankToNull(in.informantContact));
            informant.put("channel", blankToNull(in.informantChannel));
            body.put("informant", informant);
        }
        return body;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
