package jp.horenso.web.admin;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jp.horenso.web.common.Page;
import jp.horenso.web.common.Roles;
import jp.horenso.web.common.Upstream;
import jp.horenso.web.common.UpstreamException;
import jp.horenso.web.upstream.EscalationApi;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.resteasy.reactive.RestForm;

/**
 * 情報政策課長の管理画面: the reporting chain (validated before it is saved; a version conflict is explained) and
 * the directory import with a dry run listing every error by line. Security lead only.
 */
@Path("/admin")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed(Roles.SECURITY_LEAD)
public class AdminPage {

    static final List<String> WHO = List.of(Roles.SECURITY_LEAD);

    @Inject
    Page page;

    @Inject
    @RestClient
    EscalationApi escalation;

    @Inject
    @Location("admin.html")
    Template admin;

    @GET
    public TemplateInstance show() {
        return render(null, null, null, null, List.of(), null, List.of(), null);
    }

    /** Validates the chain; saves it only when valid and when "save" was pressed. */
    @POST
    @Path("/chain")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public TemplateInstance chain(@RestForm String document, @RestForm String version, @RestForm String action) {
        try {
            Upstream.mapper().readTree(document == null ? "" : document);
        } catch (Exception e) {
            return render(
                    document, version, null, "admin.chain.notJson", List.of(e.getMessage()), null, List.of(), null);
        }
        try {
            Upstream.ok(escalation.validateChain(document));
        } catch (UpstreamException e) {
            if (e.status() >= 500) {
                throw e;
            }
            return render(document, version, null, e.detail(), errors(e), null, List.of(), null);
        }
        if (!"save".equals(action)) {
            return render(document, version, "admin.chain.valid", null, List.of(), null, List.of(), null);
        }
        try {
            Upstream.ok(escalation.writeChain(
                    version == null || version.isBlank() ? null : "\"" + version + "\"", document));
            return render(null, null, "admin.chain.saved", null, List.of(), null, List.of(), null);
        } catch (UpstreamException e) {
            if (e.status() == 412) {
                return render(document, version, null, "admin.chain.conflict", List.of(), null, List.of(), null);
            }
            if (e.status() >= 500) {
                throw e;
            }
            return render(document, version, null, e.detail(), errors(e), null, List.of(), null);
        }
    }

    /** Imports the directory, or only checks it (dry run). */
    @POST
    @Path("/directory")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public TemplateInstance directory(@RestForm String content, @RestForm String format, @RestForm String action) {
        String type = "yaml".equals(format) ? "application/yaml" : "text/csv";
        boolean dryRun = !"import".equals(action);
        try {
            Map<String, Object> result =
                    Upstream.object(escalation.importDirectory(type, dryRun, content == null ? "" : content));
            return render(
                    null,
                    null,
                    null,
                    null,
                    List.of(),
                    dryRun ? "admin.directory.dryRunOk" : "admin.directory.imported",
                    List.of(),
                    Map.of(
                            "content",
                            content,
                            "format",
                            format == null ? "csv" : format,
                            "result",
                            Upstream.json(result)));
        } catch (UpstreamException e) {
            if (e.status() >= 500) {
                throw e;
            }
            return render(
                    null,
                    null,
                    null,
                    null,
                    List.of(),
                    null,
                    errors(e),
                    Map.of(
                            "content",
                            content == null ? "" : content,
                            "format",
                            format == null ? "csv" : format,
                            "detail",
                            e.detail()));
        }
    }

    private TemplateInstance render(
            String document,
            String version,
            String chainDoneKey,
            String chainProblem,
            List<String> chainErrors,
            String directoryDoneKey,
            List<String> directoryErrors,
            Map<String, Object> directory) {
        String shown = document;
        String shownVersion = version;
        if (shown == null) {
            try (Response r = escalation.chain()) {
                String etag = r.getHeaderString("ETag");
                Map<String, Object> current = Upstream.object(r);
                JsonNode doc = Upstream.mapper().valueToTree(current.get("document"));
                shown = Upstream.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(doc);
                Object v = current.get("version");
                shownVersion = v != null ? v.toString() : etag == null ? "" : etag.replace("\"", "");
            } catch (UpstreamException e) {
                if (e.status() >= 500) {
                    throw e;
                }
                shown = "";
            } catch (Exception e) {
                shown = "";
            }
        }
        return page.of(admin, "admin.title", WHO)
                .data("document", shown)
                .data("version", shownVersion)
                .data("chainDoneKey", chainDoneKey)
                .data("chainProblem", chainProblem)
                .data("chainErrors", chainErrors)
                .data("directoryDoneKey", directoryDoneKey)
                .data("directoryErrors", directoryErrors)
                .data("directory", directory == null ? Map.of("content", "", "format", "csv") : directory);
    }

    /** Every error the service listed, with its place (field, or line of the file). */
    static List<String> errors(UpstreamException e) {
        List<String> out = new ArrayList<>();
        if (e.problem().get("errors") instanceof List<?> list) {
            for (Object o : list) {
                if (o instanceof Map<?, ?> m) {
                    Object where = m.get("line") != null ? m.get("line") : m.get("field");
                    out.add((where == null ? "" : where + ": ") + m.get("message"));
                }
            }
        }
        if (out.isEmpty()) {
            out.add(e.detail());
        }
        return out;
    }
}
