package jp.horenso.web.loginevents;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import jp.horenso.web.common.Formats;
import jp.horenso.web.common.Page;
import jp.horenso.web.common.Roles;
import jp.horenso.web.common.Texts;

/**
 * ログイン・ログアウトの記録 / The log-in and log-out record of the person's own organisation (第58条(4) ログイン及び
 * ログアウトに係る時刻を記録し、参照することができる機能; 第64条 ログ等の保存): who logged in, failed, was locked out
 * or logged out, when, from where and through which client — read from the realm's events (kept 365 days) and
 * downloadable as CSV (UTF-8 with BOM, so that Excel opens it; headers Japanese then English). The auditor and the
 * security lead, each of their own organisation only: a user of another organisation never appears.
 */
@Path("/admin/login-events")
@RolesAllowed({Roles.SECURITY_LEAD, Roles.AUDITOR})
public class LoginEventsPage {

    static final List<String> WHO = List.of(Roles.AUDITOR, Roles.SECURITY_LEAD);
    /** The longest range asked at once: the realm keeps a year. */
    static final int MAX_DAYS = 366;

    static final int DEFAULT_DAYS = 30;
    private static final DateTimeFormatter SHOWN =
            DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss", Locale.ROOT).withZone(Formats.JAPAN);
    /** The CSV's columns: Japanese then English in each header. */
    static final List<String> CSV_HEADERS = List.of(
            "日時（日本時間） / Time (Japan)",
            "種別 / Type",
            "種別名 / Type name",
            "利用者 / User",
            "クライアント / Client",
            "IPアドレス / IP address",
            "エラー / Error",
            "セッション / Session",
            "詳細 / Details");

    @Inject
    Page page;

    @Inject
    KeycloakEvents keycloak;

    @Inject
    @Location("login-events.html")
    Template template;

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance show(@QueryParam("from") String from, @QueryParam("to") String to) {
        Range range = Range.of(from, to);
        TemplateInstance out = page.of(template, "loginEvents.title", WHO)
                .data("from", range.from() == null ? from : range.from().toString())
                .data("to", range.to() == null ? to : range.to().toString())
                .data("invalid", range.invalid());
        if (range.invalid() != null) {
            return out.data("rows", List.of());
        }
        try {
            KeycloakEvents.Result result = keycloak.events(page.organisation(), range.from(), range.to());
            return out.data(
                            "rows",
                            result.events().stream()
                                    .map(e -> row(e, page.lang()))
                                    .toList())
                    .data("truncated", result.truncated())
                    .data("count", result.events().size());
        } catch (KeycloakEvents.KeycloakUnavailableException e) {
            return out.data("rows", List.of()).data("unavailable", true);
        }
    }

    @GET
    @Path("/export.csv")
    @Produces("text/csv")
    public Response export(@QueryParam("from") String from, @QueryParam("to") String to) {
        Range range = Range.of(from, to);
        if (range.invalid() != null) {
            return Response.status(Response.Status.BAD_REQUEST)
                    .type(MediaType.TEXT_PLAIN_TYPE.withCharset("UTF-8"))
                    .entity(Texts.get(Texts.JAPANESE, range.invalid()) + " / "
                            + Texts.get(Locale.ENGLISH, range.invalid()))
                    .build();
        }
        KeycloakEvents.Result result = keycloak.events(page.organisation(), range.from(), range.to());
        StringBuilder csv = new StringBuilder("\uFEFF");
        line(csv, CSV_HEADERS);
        for (LoginEvent e : result.events()) {
            line(
                    csv,
                    List.of(
                            SHOWN.format(e.time()),
                            e.type(),
                            Texts.label(Texts.JAPANESE, "loginEventType", e.type()),
                            nz(e.username()),
                            nz(e.clientId()),
                            nz(e.ipAddress()),
                            nz(e.error()),
                            nz(e.sessionId()),
                            nz(e.details())));
        }
        String name = "login-events-" + page.organisation() + "-" + range.from() + "_" + range.to() + ".csv";
        return Response.ok(csv.toString().getBytes(StandardCharsets.UTF_8), "text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"" + name + "\"")
                .header("Cache-Control", "no-store")
                .build();
    }

    private static Row row(LoginEvent e, String lang) {
        return new Row(
                SHOWN.format(e.time()),
                e.type(),
                Texts.label(lang, "loginEventType", e.type()),
                nz(e.username()),
                nz(e.clientId()),
                nz(e.ipAddress()),
                nz(e.error()),
                nz(e.details()));
    }

    /** A shown row. */
    public record Row(
            String time,
            String type,
            String typeName,
            String username,
            String clientId,
            String ipAddress,
            String error,
            String details) {}

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    /** RFC 4180, and a cell that a spreadsheet would take for a formula starts with a quote. */
    static void line(StringBuilder out, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            String cell = cells.get(i);
            if (!cell.isEmpty() && "=+-@\t\r".indexOf(cell.charAt(0)) >= 0) {
                cell = "'" + cell;
            }
            if (i > 0) {
                out.append(',');
            }
            if (cell.contains(",") || cell.contains("\"") || cell.contains("\n") || cell.contains("\r")) {
                out.append('"').append(cell.replace("\"", "\"\"")).append('"');
            } else {
                out.append(cell);
            }
        }
        out.append("\r\n");
    }

    /** The asked Japan dates (both included): the last 30 days when none are given. */
    record Range(LocalDate from, LocalDate to, String invalid) {

        static Range of(String from, String to) {
            LocalDate today = LocalDate.now(Formats.JAPAN);
            try {
                LocalDate end = to == null || to.isBlank() ? today : LocalDate.parse(to.strip());
                LocalDate start = from == null || from.isBlank()
                        ? end.minusDays(DEFAULT_DAYS - 1)
                        : LocalDate.parse(from.strip());
                if (start.isAfter(end)) {
                    return new Range(start, end, "loginEvents.invalid.order");
                }
                if (ChronoUnit.DAYS.between(start, end) >= MAX_DAYS) {
                    return new Range(start, end, "loginEvents.invalid.tooLong");
                }
                return new Range(start, end, null);
            } catch (DateTimeParseException e) {
                return new Range(null, null, "loginEvents.invalid.date");
            }
        }
    }
}
