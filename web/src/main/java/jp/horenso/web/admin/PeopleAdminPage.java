package jp.horenso.web.admin;

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
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import jp.horenso.web.common.Formats;
import jp.horenso.web.common.Page;
import jp.horenso.web.common.Roles;
import jp.horenso.web.common.Texts;
import jp.horenso.web.common.Upstream;
import jp.horenso.web.common.UpstreamException;
import jp.horenso.web.upstream.EscalationApi;
import jp.horenso.web.upstream.NotificationApi;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.resteasy.reactive.RestForm;

/**
 * 不在・代理と配信先の設定: absences (while a person is away, their hops go to the deputy; escalation-service) and each
 * person's delivery settings — channels in failover order and the digest window (notification-service). Security
 * lead only.
 */
@Path("/admin/people")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed(Roles.SECURITY_LEAD)
public class PeopleAdminPage {

    static final List<String> WHO = List.of(Roles.SECURITY_LEAD);
    /** Account names as the directory writes them (notification-service refuses others). */
    static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._@-]{1,100}");

    static final int CHANNEL_ROWS = 3;

    @Inject
    Page page;

    @Inject
    @RestClient
    EscalationApi escalation;

    @Inject
    @RestClient
    NotificationApi notifications;

    @Inject
    @Location("admin-people.html")
    Template people;

    @GET
    public TemplateInstance show(@QueryParam("username") String username, @QueryParam("done") String done) {
        return render(username, done, Map.of(), null, null);
    }

    /** Records an absence; the times are typed in Japan time. */
    @POST
    @Path("/absences")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response addAbsence(
            @RestForm String username, @RestForm String startsAt, @RestForm String endsAt, @RestForm String reason) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("username", blankToNull(username));
        body.put("startsAt", instant(startsAt));
        body.put("endsAt", instant(endsAt));
        body.put("reason", blankToNull(reason));
        try {
            Upstream.ok(escalation.addAbsence(Upstream.json(body)));
            return Response.seeOther(URI.create("/admin/people?done=admin.absence.saved"))
                    .build();
        } catch (UpstreamException e) {
            if (e.status() >= 500) {
                throw e;
            }
            Map<String, String> typed = new HashMap<>();
            typed.put("username", username == null ? "" : username);
            typed.put("startsAt", startsAt == null ? "" : startsAt);
            typed.put("endsAt", endsAt == null ? "" : endsAt);
            typed.put("reason", reason == null ? "" : reason);
            return html(render(null, null, errors("absence", e), typed, null));
        }
    }

    /** Removes an absence (the person came back early). */
    @POST
    @Path("/absences/{absenceId}/removal")
    public Response removeAbsence(@PathParam("absenceId") long absenceId) {
        try {
            Upstream.ok(escalation.removeAbsence(absenceId));
            return Response.seeOther(URI.create("/admin/people?done=admin.absence.removed"))
                    .build();
        } catch (UpstreamException e) {
            if (e.status() >= 500) {
                throw e;
            }
            return html(render(null, null, Map.of("absence", e.detail()), null, null));
        }
    }

    /**
     * Replaces a person's delivery settings: the channels in the order given (empty rows left out), the digest
     * window. Webhook URLs come back masked and secrets are never shown: a masked URL sent back unchanged, with the
     * secret left blank, keeps the stored URL and secret (notification-service decides).
     */
    @POST
    @Path("/delivery")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response replaceDelivery(
            @RestForm String username,
            @RestForm String digestWindow,
            @RestForm List<String> channel,
            @RestForm List<String> format,
            @RestForm List<String> address,
            @RestForm List<String> secret) {
        if (username == null || !USERNAME.matcher(username.strip()).matches()) {
            return html(render(
                    null,
                    null,
                    Map.of("delivery.username", Texts.get(page.lang(), "admin.delivery.badUsername")),
                    null,
                    null));
        }
        String who = username.strip();
        List<Map<String, Object>> rows = new ArrayList<>();
        List<Map<String, Object>> channels = new ArrayList<>();
        for (int i = 0; i < CHANNEL_ROWS; i++) {
            String c = at(channel, i);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("channel", c == null ? "" : c);
            row.put("format", at(format, i) == null ? "" : at(format, i));
            row.put("address", at(address, i) == null ? "" : at(address, i));
            rows.add(row);
            if (c != null) {
                Map<String, Object> setting = new LinkedHashMap<>();
                setting.put("channel", c);
                setting.put("format", "WEBHOOK".equals(c) ? at(format, i) : null);
                setting.put("address", at(address, i));
                setting.put("secret", "WEBHOOK".equals(c) ? at(secret, i) : null);
                channels.add(setting);
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("channels", channels);
        body.put("digestWindow", blankToNull(digestWindow));
        try {
            Upstream.ok(notifications.replaceDelivery(who, Upstream.json(body)));
            return Response.seeOther(URI.create("/admin/people?username="
                            + URLEncoder.encode(who, StandardCharsets.UTF_8) + "&done=admin.delivery.saved#delivery"))
                    .build();
        } catch (UpstreamException e) {
            if (e.status() >= 500) {
                throw e;
            }
            Map<String, String> errors = errors("delivery", e);
            for (int i = 0; i < rows.size(); i++) {
                for (String field : List.of("channel", "format", "address", "secret")) {
                    String message = errors.get("delivery.channels[" + i + "]." + field);
                    if (message != null) {
                        rows.get(i).put(field + "Error", message);
                    }
                }
            }
            Map<String, Object> typed = new LinkedHashMap<>();
            typed.put("username", who);
            typed.put("digestWindow", digestWindow == null ? "" : digestWindow);
            typed.put("rows", rows);
            return html(render(who, null, errors, null, typed));
        }
    }

    private TemplateInstance render(
            String username,
            String doneKey,
            Map<String, String> errors,
            Map<String, String> absenceForm,
            Map<String, Object> deliveryForm) {
        List<Map<String, Object>> absences = optional(() -> Upstream.list(escalation.absences()));
        Map<String, Object> delivery = deliveryForm;
        if (delivery == null
                && username != null
                && USERNAME.matcher(username.strip()).matches()) {
            Map<String, Object> current = optional(() -> Upstream.object(notifications.delivery(username.strip())));
            if (current != null) {
                delivery = new LinkedHashMap<>(current);
                delivery.put("rows", rows(current.get("channels")));
                delivery.put("digestWindow", current.get("digestWindow") == null ? "" : current.get("digestWindow"));
            }
        }
        return page.of(people, "admin.people.title", WHO)
                .data("doneKey", doneKey)
                .data("errors", errors)
                .data("absences", absences)
                .data("absenceForm", absenceForm == null ? Map.of() : absenceForm)
                .data("username", username == null ? "" : username)
                .data("delivery", delivery)
                .data("channels", List.of("MAIL", "WEBHOOK"))
                .data("formats", List.of("GENERIC", "TEAMS", "SLACK", "MATTERMOST"));
    }

    /** The configured channels as the form's rows, padded to {@link #CHANNEL_ROWS}. */
    static List<Map<String, Object>> rows(Object channels) {
        List<Map<String, Object>> rows = new ArrayList<>();
        if (channels instanceof List<?> list) {
            for (Object o : list) {
                if (o instanceof Map<?, ?> c && rows.size() < CHANNEL_ROWS) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("channel", String.valueOf(c.get("channel")));
                    row.put(
                            "format",
                            c.get("format") == null ? "" : c.get("format").toString());
                    row.put(
                            "address",
                            c.get("address") == null ? "" : c.get("address").toString());
                    row.put("secretSet", Boolean.TRUE.equals(c.get("secretSet")));
                    rows.add(row);
                }
            }
        }
        while (rows.size() < CHANNEL_ROWS) {
            rows.add(Map.of("channel", "", "format", "", "address", ""));
        }
        return rows;
    }

    /** The problem's detail under {@code key}, each field's message under {@code key.field}. */
    static Map<String, String> errors(String key, UpstreamException e) {
        Map<String, String> errors = new HashMap<>();
        e.fieldErrors().forEach((k, v) -> errors.put(key + "." + k, v));
        errors.put(key, e.detail());
        return errors;
    }

    private static <T> T optional(java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (UpstreamException e) {
            if (e.status() >= 500) {
                throw e;
            }
            return null;
        }
    }

    private static Response html(TemplateInstance instance) {
        return Response.ok(instance.render(), MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .build();
    }

    private static String at(List<String> values, int i) {
        return values == null || values.size() <= i ? null : blankToNull(values.get(i));
    }

    /** A datetime-local value typed in Japan time, as an instant (escalation-service takes UTC instants). */
    static String instant(String local) {
        if (local == null || local.isBlank()) {
            return null;
        }
        try {
            return LocalDateTime.parse(local).atZone(Formats.JAPAN).toInstant().toString();
        } catch (DateTimeParseException e) {
            return local;
        }
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
