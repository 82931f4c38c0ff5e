package jp.horenso.web.onboarding;

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
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jp.horenso.web.common.Page;
import jp.horenso.web.common.Roles;
import jp.horenso.web.common.Upstream;
import jp.horenso.web.common.UpstreamException;
import jp.horenso.web.upstream.OnboardingApi;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/**
 * 組織の登録 / Onboarding an organisation from its bundle (YAML): always a dry run first, showing what would be
 * created or every problem with its line and field; only then "create", which sends the very same bundle again.
 * Installation administrator only (who belongs to no organisation and sees no cases).
 */
@Path("/admin/organisations")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed(Roles.INSTALLATION_ADMIN)
public class OnboardingPage {

    static final List<String> WHO = List.of(Roles.INSTALLATION_ADMIN);
    /** The largest bundle accepted (a directory of a few thousand people fits easily). */
    static final int MAX_BYTES = 2 * 1024 * 1024;

    @Inject
    Page page;

    @Inject
    @RestClient
    OnboardingApi onboarding;

    @Inject
    @Location("onboarding.html")
    Template template;

    @GET
    public TemplateInstance show() {
        return render("", null, null, List.of(), null);
    }

    /**
     * The bundle from the file chosen, else from the text area. {@code action=dryRun} only checks; {@code create}
     * is offered after a clean dry run and creates the organisation.
     */
    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public TemplateInstance submit(
            @RestForm String content, @RestForm("bundle") FileUpload file, @RestForm String action) {
        String bundle = content == null ? "" : content;
        if (file != null && file.size() > 0) {
            if (file.size() > MAX_BYTES) {
                return render(bundle, null, null, List.of(), "onboarding.tooLarge");
            }
            try {
                bundle = Files.readString(file.uploadedFile(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return render(bundle, null, null, List.of(), "onboarding.unreadable");
            }
        }
        if (bundle.isBlank()) {
            return render(bundle, null, null, List.of(), "onboarding.empty");
        }
        boolean dryRun = !"create".equals(action);
        try {
            Map<String, Object> result = Upstream.object(onboarding.onboard(dryRun, bundle));
            return render(bundle, dryRun ? "dryRun" : "created", summary(result), List.of(), null)
                    .data("result", result);
        } catch (UpstreamException e) {
            if (e.status() >= 500) {
                throw e;
            }
            return render(bundle, null, null, problems(e), null)
                    .data("problemTitle", e.detail())
                    .data("problemStatus", e.status());
        }
    }

    private TemplateInstance render(
            String bundle, String outcome, List<Map<String, Object>> summary, List<Problem> problems, String noteKey) {
        return page.of(template, "onboarding.title", WHO)
                .data("bundle", bundle)
                .data("outcome", outcome)
                .data("summary", summary == null ? List.of() : summary)
                .data("problems", problems)
                .data("noteKey", noteKey);
    }

    /**
     * What was (or would be) created, one row per part of the answer: a list shows its size and its first items, a
     * number itself, text as it is.
     */
    static List<Map<String, Object>> summary(Map<String, Object> result) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Map.Entry<String, Object> e : result.entrySet()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("key", e.getKey());
            Object v = e.getValue();
            if (v instanceof List<?> list) {
                row.put("count", list.size());
                row.put(
                        "items",
                        list.stream().limit(50).map(OnboardingPage::label).toList());
            } else if (v instanceof Map<?, ?> map) {
                row.put("value", label(map));
            } else {
                row.put("value", v == null ? "" : v.toString());
            }
            rows.add(row);
        }
        return rows;
    }

    private static String label(Object item) {
        if (item instanceof Map<?, ?> m) {
            for (String k : List.of("code", "username", "position", "key", "name")) {
                Object v = m.get(k);
                if (v instanceof Map<?, ?> names && names.get("ja") != null) {
                    return names.get("ja") + (names.get("en") == null ? "" : " / " + names.get("en"));
                }
                if (v != null) {
                    return v.toString();
                }
            }
            if (m.get("ja") != null) {
                return m.get("ja") + (m.get("en") == null ? "" : " / " + m.get("en"));
            }
            return Upstream.json(m);
        }
        return String.valueOf(item);
    }

    /** Every problem the service listed, with its line and field, in the order given. */
    static List<Problem> problems(UpstreamException e) {
        List<Problem> out = new ArrayList<>();
        if (e.problem().get("errors") instanceof List<?> list) {
            for (Object o : list) {
                if (o instanceof Map<?, ?> m) {
                    out.add(new Problem(
                            m.get("line") == null ? null : m.get("line").toString(),
                            m.get("field") == null ? null : m.get("field").toString(),
                            String.valueOf(m.get("message"))));
                }
            }
        }
        if (out.isEmpty()) {
            out.add(new Problem(null, null, e.detail()));
        }
        return out;
    }

    /** One problem of a bundle: where (line, field) and what. */
    public record Problem(String line, String field, String message) {}
}
