package jp.horenso.systemtests;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 12's proof: two organisations in one installation, sealed from each other. On real Keycloak tokens of both
 * demo organisations (デモ市 {@code demo-city} and デモ市議会 {@code demo-gikai}), every operation of every service —
 * enumerated from each service's live OpenAPI document — and every route of the web console — enumerated from the
 * console's sources — is called as each role of each organisation, as the installation administrator and without a
 * token, with path ids taken from the <em>other</em> organisation's data. Each answer must carry exactly the status of
 * {@link #MATRIX}, no answer a 5xx, and no answer to one organisation's caller (lists, counts, statistics, KPIs,
 * CSV/JSONL exports, documents, pages, SSE streams read for a few seconds) any of the other organisation's case ids,
 * case numbers, usernames, unit codes or texts. Writes with the other organisation's ids change nothing: the owner
 * reads the same afterwards. An operation or route without a row fails the test.
 */
@ExtendWith(SystemUnderTest.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CrossOrganisationMatrixTest {

    /**
     * The exact status each caller gets when it names the other organisation's data. Columns: the role's user of
     * demo-city and of demo-gikai (both must get the same), {@code admin} = horenso-admin (installation-admin, no
     * organisation; called with each organisation's ids), {@code anon} = no token (likewise). A {@code *} after a
     * status: the caller may see that organisation's data there (no leak scan; only the installation administrator
     * reading a named organisation's administrative trail). Path ids: {@link #pathValue}; bodies:
     * {@link #bodyOf}; query: {@link #QUERIES}.
     */
    static final String MATRIX = """
            # operation                                                              staff chief head seclead csirt ciso auditor admin anon
            incident GET    /api/admin-trail                                             403   403   403  403     403   403  403     200*  401
            incident GET    /api/admin-trail/verify                                      403   403   403  403     403   403  403     200*  401
            incident GET    /api/dashboard/cases                                         403   403   403  200     200   200  200     403   401
            incident GET    /api/incidents                                               200   200   200  200     200   200  200     403   401
            incident POST   /api/incidents                                               400   400   400  400     400   400  403     403   401
            incident GET    /api/incidents/count                                         200   200   200  200     200   200  200     403   401
            incident GET    /api/incidents/statistics                                    403   200   200  200     200   200  200     403   401
            incident GET    /api/incidents/{id}                                          404   404   404  404     404   404  404     403   401
            incident POST   /api/incidents/{id}/acknowledgements                         403   404   404  404     404   404  403     403   401
            incident GET    /api/incidents/{id}/audit/export.csv                         403   403   403  404     404   404  404     403   401
            incident GET    /api/incidents/{id}/audit/export.jsonl                       403   403   403  404     404   404  404     403   401
            incident GET    /api/incidents/{id}/audit/verify                             403   403   403  404     404   404  404     403   401
            incident GET    /api/incidents/{id}/chain                                    404   404   404  404     404   404  404     403   401
            incident GET    /api/incidents/{id}/ciso-reports                             403   403   403  404     404   404  404     403   401
            incident POST   /api/incidents/{id}/ciso-reports                             403   403   403  403     404   403  403     403   401
            incident GET    /api/incidents/{id}/ciso-reports/{version}                   403   403   403  404     404   404  404     403   401
            incident POST   /api/incidents/{id}/ciso-reports/{version}/decision          403   403   403  403     403   404  403     403   401
            incident GET    /api/incidents/{id}/ciso-reports/{version}/snapshot          403   403   403  404     404   404  404     403   401
            incident POST   /api/incidents/{id}/close                                    403   403   403  403     404   404  403     403   401
            incident POST   /api/incidents/{id}/committee-report                         403   403   403  403     403   404  403     403   401
            incident GET    /api/incidents/{id}/communications                           404   404   404  404     404   404  404     403   401
            incident POST   /api/incidents/{id}/communications                           403   403   403  404     404   403  403     403   401
            incident GET    /api/incidents/{id}/communications/{communicationId}         404   404   404  404     404   404  404     403   401
            incident GET    /api/incidents/{id}/disclosure                               403   403   403  404     404   404  404     403   401
            incident PUT    /api/incidents/{id}/disclosure/decision                      403   403   403  403     403   404  403     403   401
            incident POST   /api/incidents/{id}/disclosure/drafts                        403   403   403  403     404   403  403     403   401
            incident POST   /api/incidents/{id}/disclosure/drafts/{version}/approval     403   403   403  403     403   404  403     403   401
            incident POST   /api/incidents/{id}/disclosure/publications                  403   403   403  403     404   404  403     403   401
            incident GET    /api/incidents/{id}/documents/ciso-reports/{version}         403   403   403  404     404   404  404     403   401
            incident GET    /api/incidents/{id}/documents/commission-reports/{code}      403   403   403  404     404   404  404     403   401
            incident GET    /api/incidents/{id}/documents/committee-report               403   403   403  404     404   404  404     403   401
            incident GET    /api/incidents/{id}/documents/persons-notice                 403   403   403  404     404   404  404     403   401
            incident POST   /api/incidents/{id}/drill-marking                            403   403   403  404     404   403  403     403   401
            incident GET    /api/incidents/{id}/evidence                                 403   404   404  404     404   404  404     403   401
            incident POST   /api/incidents/{id}/evidence                                 403   403   403  404     404   403  403     403   401
            incident GET    /api/incidents/{id}/evidence/{evidenceId}                    403   404   404  404     404   404  404     403   401
            incident GET    /api/incidents/{id}/evidence/{evidenceId}/content            403   404   404  404     404   404  404     403   401
            incident POST   /api/incidents/{id}/evidence/{evidenceId}/handovers          403   403   403  404     404   403  403     403   401
            incident GET    /api/incidents/{id}/legal-duties/{code}/commission-report-draft 403 403 403  404     404   404  404     403   401
            incident POST   /api/incidents/{id}/legal-duties/{code}/submissions          403   403   403  404     404   403  403     403   401
            incident PUT    /api/incidents/{id}/record                                   403   403   403  404     404   403  403     403   401
            incident GET    /api/incidents/{id}/responses                                404   404   404  404     404   404  404     403   401
            incident POST   /api/incidents/{id}/responses                                403   404   404  404     404   403  403     403   401
            incident GET    /api/incidents/{id}/responses/{actionId}                     404   404   404  404     404   404  404     403   401
            incident PUT    /api/incidents/{id}/responses/{actionId}                     403   404   404  404     404   403  403     403   401
            incident GET    /api/incidents/{id}/review                                   403   403   403  404     404   404  404     403   401
            incident POST   /api/incidents/{id}/severity-override                        403   403   403  403     404   403  403     403   401
            incident POST   /api/incidents/{id}/unit                                     403   403   403  404     404   403  403     403   401
            incident POST   /api/incidents/{id}/withdrawal                               403   403   403  403     404   403  403     403   401
            incident GET    /api/kpis                                                    403   403   403  200     200   200  200     403   401
            incident GET    /api/me/awaiting                                             200   200   200  200     200   200  200     403   401
            incident GET    /api/organisation                                            200   200   200  200     200   200  200     403   401
            incident GET    /api/public/disclosures/{id}                                 404   404   404  404     404   404  404     404   404
            incident GET    /api/public/organisations/{organisation}/disclosures         200   200   200  200     200   200  200     200   200
            incident GET    /api/public/organisations/{organisation}/disclosures/{publicId} 404 404 404  404     404   404  404     404   404
            incident GET    /api/units                                                   200   200   200  200     200   200  200     403   401
            escalation GET  /api/admin-trail                                             403   403   403  403     403   403  403     200*  401
            escalation GET  /api/admin-trail/verify                                      403   403   403  403     403   403  403     200*  401
            escalation GET  /api/chain                                                   403   403   403  200     200   200  200     403   401
            escalation PUT  /api/chain                                                   403   403   403  422     403   403  403     403   401
            escalation POST /api/chain/validation                                        403   403   403  422     403   403  403     403   401
            escalation GET  /api/chain/versions                                          403   403   403  200     200   200  200     403   401
            escalation GET  /api/chain/versions/{version}                                403   403   403  200     200   200  200     403   401
            escalation GET  /api/directory                                               403   403   403  200     200   200  200     403   401
            escalation PUT  /api/directory                                               403   403   403  422     403   403  403     403   401
            escalation GET  /api/directory/absences                                      403   403   403  200     200   200  200     403   401
            escalation POST /api/directory/absences                                      403   403   403  422     403   403  403     403   401
            escalation DELETE /api/directory/absences/{id}                               403   403   403  404     403   403  403     403   401
            escalation GET  /api/directory/export                                        403   403   403  200     403   403  200     403   401
            escalation GET  /api/incidents/{incidentId}/hops                             403   403   403  404     404   404  404     403   401
            escalation POST /api/incidents/{incidentId}/serious                          403   403   404  404     403   403  403     403   401
            escalation GET  /api/organisations                                           403   403   403  403     403   403  403     200*  401
            escalation POST /api/organisations                                           403   403   403  403     403   403  403     409   401
            notification GET  /ack/{token}                                               403   403   403  403     403   403  403     403   403
            notification POST /ack/{token}                                               403   403   403  403     403   403  403     403   403
            notification GET  /api/admin-trail                                           403   403   403  403     403   403  403     200*  401
            notification GET  /api/admin-trail/verify                                    403   403   403  403     403   403  403     200*  401
            notification GET  /api/inbox                                                 200   200   200  200     200   200  200     403   401
            notification POST /api/inbox/{id}/read                                       404   404   404  404     404   404  404     403   401
            notification GET  /api/inbox/stream                                          200   200   200  200     200   200  200     403   401
            notification GET  /api/notifications                                         403   403   403  200     200   200  200     403   401
            notification GET  /api/recipients/{username}/delivery                        403   403   403  404     404   403  403     403   401
            notification PUT  /api/recipients/{username}/delivery                        403   403   403  404     403   403  403     403   401
            web GET  /                                                                   303   303   303  303     303   303  303     303   302
            web GET  /admin                                                              403   403   403  200     403   403  403     403   302
            web POST /admin/chain                                                        403   403   403  200     403   403  403     403   302
            web POST /admin/directory                                                    403   403   403  200     403   403  403     403   302
            web GET  /admin/login-events                                                 403   403   403  200     403   403  200     403   302
            web GET  /admin/login-events/export.csv                                      403   403   403  200     403   403  200     403   302
            web GET  /admin/organisations                                                403   403   403  403     403   403  403     200   302
            web POST /admin/organisations                                                403   403   403  403     403   403  403     200   302
            web GET  /admin/people                                                       403   403   403  200     403   403  403     403   302
            web POST /admin/people/absences                                              403   403   403  200     403   403  403     403   302
            web POST /admin/people/absences/{absenceId}/removal                          403   403   403  200     403   403  403     403   302
            web POST /admin/people/delivery                                              403   403   403  200     403   403  403     403   302
            web GET  /admin/trail                                                        403   403   403  200     403   403  200     200*  302
            web GET  /audit                                                              403   403   403  200     200   200  200     403   302
            web GET  /audit/{id}/export.csv                                              403   403   403  404     404   404  404     403   302
            web GET  /cases/{id}                                                         404   404   404  404     404   404  404     403   302
            web POST /cases/{id}/actions                                                 403   404   404  404     404   403  403     403   302
            web POST /cases/{id}/actions/{actionId}                                      403   404   404  404     404   403  403     403   302
            web POST /cases/{id}/ciso-report                                             403   403   403  403     404   403  403     403   302
            web POST /cases/{id}/close                                                   403   403   403  403     404   404  403     403   302
            web POST /cases/{id}/committee-report                                        403   403   403  403     403   404  403     403   302
            web POST /cases/{id}/communications                                          403   403   403  404     404   403  403     403   302
            web GET  /cases/{id}/documents/{document}                                    403   403   403  404     404   404  404     403   302
            web POST /cases/{id}/drill-marking                                           403   403   403  404     404   403  403     403   302
            web POST /cases/{id}/evidence                                                403   403   403  404     404   403  403     403   302
            web GET  /cases/{id}/evidence/{evidenceId}                                   403   404   404  404     404   404  404     403   302
            web GET  /cases/{id}/live                                                    404   404   404  404     404   404  404     403   302
            web POST /cases/{id}/record                                                  403   403   403  404     404   403  403     403   302
            web GET  /cases/{id}/timeline                                                404   404   404  404     404   404  404     403   302
            web POST /cases/{id}/unit                                                    403   403   403  404     404   403  403     403   302
            web POST /cases/{id}/withdrawal                                              403   403   403  403     404   403  403     403   302
            web GET  /dashboard                                                          403   403   403  200     200   200  403     403   302
            web GET  /dashboard/rows                                                     403   403   403  200     200   200  403     403   302
            web GET  /events                                                             200   200   200  200     200   200  200     200   302
            web GET  /inbox                                                              403   200   200  200     200   200  403     403   302
            web POST /inbox/{incidentId}/acknowledge                                     403   200   200  200     200   200  403     403   302
            web GET  /inbox/list                                                         403   200   200  200     200   200  403     403   302
            web POST /inbox/{incidentId}/serious                                         403   403   200  200     403   403  403     403   302
            web GET  /kpis                                                               403   403   403  200     200   200  403     403   302
            web GET  /lang                                                               303   303   303  303     303   303  303     303   303
            web GET  /report                                                             200   200   200  200     200   200  403     403   302
            web POST /report                                                             200   200   200  200     200   200  403     403   302
            web GET  /report/mine                                                        200   200   200  200     200   200  403     403   302
            web GET  /review                                                             403   403   403  403     403   200  403     403   302
            web POST /review/{id}/disclosure                                             403   403   403  403     403   303  403     403   302
            web POST /review/{id}/drafts/{version}/approval                              403   403   403  403     403   303  403     403   302
            web POST /review/{id}/{version}/decision                                     403   403   403  403     403   303  403     403   302
            web GET  /session/keepalive                                                  204   204   204  204     204   204  204     204   302
            web GET  /session/remaining                                                  200   200   200  200     200   200  200     200   302
            web GET  /signed-out                                                         200   200   200  200     200   200  200     200   200
            """;

    static final List<String> COLUMNS =
            List.of("staff", "chief", "head", "seclead", "csirt", "ciso", "auditor", "admin", "anon");

    /** Query parameters sent with an operation (they name the other organisation's data where they can). */
    static final Map<String, Function<OrgData, String>> QUERIES = Map.ofEntries(
            Map.entry("incident GET /api/admin-trail", d -> "organisation=" + d.org.code),
            Map.entry("incident GET /api/admin-trail/verify", d -> "organisation=" + d.org.code),
            Map.entry("escalation GET /api/admin-trail", d -> "organisation=" + d.org.code),
            Map.entry("escalation GET /api/admin-trail/verify", d -> "organisation=" + d.org.code),
            Map.entry("notification GET /api/admin-trail", d -> "organisation=" + d.org.code),
            Map.entry("notification GET /api/admin-trail/verify", d -> "organisation=" + d.org.code),
            Map.entry("incident GET /api/incidents", d -> "unit=" + d.org.sections.get(0)),
            Map.entry("incident GET /api/dashboard/cases", d -> "q=" + enc(d.org.token)),
            Map.entry("notification GET /api/notifications", d -> "incidentId=" + d.staffCase),
            Map.entry("incident GET /api/incidents/{id}/evidence/{evidenceId}/content", d -> "purpose=matrix"),
            Map.entry("incident GET /api/incidents/{id}/documents/ciso-reports/{version}", d -> "format=html"),
            Map.entry("incident GET /api/incidents/{id}/documents/commission-reports/{code}", d -> "format=html"),
            Map.entry("incident GET /api/incidents/{id}/documents/committee-report", d -> "format=html"),
            Map.entry("incident GET /api/incidents/{id}/documents/persons-notice", d -> "format=html"),
            Map.entry("escalation PUT /api/directory", d -> "dryRun=true"),
            Map.entry("escalation POST /api/organisations", d -> "dryRun=true"),
            Map.entry("web GET /admin/trail", d -> "organisation=" + d.org.code),
            Map.entry("web GET /lang", d -> "to=en"),
            Map.entry("web GET /admin/people", d -> "username=" + d.org.ciso),
            Map.entry("web GET /cases/{id}/documents/{document}", d -> "format=html"));

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();
    /** This run's mark (letters and digits), so that the markers are new in every run on a reused stack. */
    private static final String RUN = Integer.toString(new java.security.SecureRandom().nextInt(Integer.MAX_VALUE), 36)
            .toUpperCase(Locale.ROOT);
    /** In every body a caller sends into the other organisation: must never show up in the owner's data. */
    static final String INTRUSION = "MXINTRUSION" + RUN;

    private static final Duration CHAIN_WAIT = Duration.ofSeconds(90);
    /** How long each stream is read; the other organisation's change is made 1.5 s after they open. */
    private static final Duration STREAM_READ = Duration.ofSeconds(8);

    /** The two demo organisations as HELPERS.md and the demo realm fix them. */
    enum Org {
        CITY(
                "demo-city",
                "DEMO",
                List.of("staff1", "chief1", "head1", "seclead", "csirt1", "ciso", "auditor"),
                // "ciso" and "auditor" are role names too: not usable as markers.
                List.of(
                        "staff1",
                        "staff2",
                        "chief1",
                        "chief2",
                        "head1",
                        "head2",
                        "seclead",
                        "csirt1",
                        "viceciso",
                        "committee1"),
                List.of("general-affairs-section", "information-policy", "welfare-section"),
                List.of(
                        "general-affairs",
                        "general-affairs-section",
                        "information-policy",
                        "welfare",
                        "welfare-section"),
                "chief2"),
        GIKAI(
                "demo-gikai",
                "GIKAI",
                List.of(
                        "gikai-staff1",
                        "gikai-chief1",
                        "gikai-head",
                        "gikai-seclead",
                        "gikai-csirt1",
                        "gikai-chair",
                        "gikai-auditor"),
                List.of(
                        "gikai-staff1",
                        "gikai-chief1",
                        "gikai-chief2",
                        "gikai-head",
                        "gikai-seclead",
                        "gikai-csirt1",
                        "gikai-chair",
                        "gikai-auditor"),
                List.of("gikai-general", "gikai-research"),
                List.of("gikai-secretariat", "gikai-general", "gikai-research"),
                "gikai-chief2");

        final String code;
        final String prefix;
        /** The user of each organisation column, in {@link #COLUMNS} order. */
        final List<String> users;

        final List<String> markerUsernames;
        final List<String> sections;
        final List<String> unitCodes;
        /** Who is made absent in the set-up (a person who is in no demo chain step of this test). */
        final String absentee;

        final String ciso;
        /** Put into every text this organisation's people write in the set-up. */
        final String token;

        Org(
                String code,
                String prefix,
                List<String> users,
                List<String> markerUsernames,
                List<String> sections,
                List<String> unitCodes,
                String absentee) {
            this.code = code;
            this.prefix = prefix;
            this.users = users;
            this.markerUsernames = markerUsernames;
            this.sections = sections;
            this.unitCodes = unitCodes;
            this.absentee = absentee;
            this.ciso = users.get(5);
            this.token = "MX" + prefix + RUN;
        }

        String user(String column) {
            return users.get(COLUMNS.indexOf(column));
        }

        Org other() {
            return this == CITY ? GIKAI : CITY;
        }
    }

    /** What one organisation's set-up created, and the markers that must never reach the other organisation. */
    static final class OrgData {
        final Org org;
        String staffCase;
        String staffNumber;
        String csirtCase;
        String csirtNumber;
        String actionId;
        String evidenceId;
        String communicationId;
        String absenceId;
        String inboxItemId;

        OrgData(Org org) {
            this.org = org;
        }

        /** Every string of this organisation that another organisation's caller must never read. */
        List<String> markers() {
            List<String> markers = new ArrayList<>();
            markers.add(org.token);
            Stream.of(staffCase, staffNumber, csirtCase, csirtNumber, actionId, evidenceId, communicationId)
                    .filter(v -> v != null && !v.startsWith("missing-"))
                    .forEach(markers::add);
            markers.addAll(org.markerUsernames);
            markers.addAll(org.unitCodes);
            return markers;
        }
    }

    /** A caller: a column of the matrix, the user playing it, and its organisation (null: admin, anonymous). */
    record Caller(String column, String username, Org org) {
        List<Org> targets() {
            return org == null ? List.of(Org.CITY, Org.GIKAI) : List.of(org.other());
        }

        String label() {
            return username == null ? "(no token)" : username;
        }
    }

    record Cell(int status, boolean mayShow) {
        static Cell parse(String text) {
            boolean mayShow = text.endsWith("*");
            int status = Integer.parseInt(mayShow ? text.substring(0, text.length() - 1) : text);
            if (status >= 500) {
                throw new IllegalArgumentException("a 5xx is never expected: " + text);
            }
            return new Cell(status, mayShow);
        }
    }

    record Row(String service, String method, String path, Map<String, Cell> cells) {
        String key() {
            return service + " " + method + " " + path;
        }
    }

    record Body(String contentType, byte[] bytes) {
        static Body json(Object value) {
            try {
                return new Body("application/json; charset=UTF-8", JSON.writeValueAsBytes(value));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        static Body form(Map<String, String> fields) {
            String encoded = fields.entrySet().stream()
                    .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                    .collect(Collectors.joining("&"));
            return new Body("application/x-www-form-urlencoded", encoded.getBytes(StandardCharsets.UTF_8));
        }

        static Body multipart(String filename, String content, Map<String, String> fields) {
            String boundary = "mx" + UUID.randomUUID().toString().replace("-", "");
            StringBuilder text = new StringBuilder();
            fields.forEach((name, value) -> text.append("--")
                    .append(boundary)
                    .append("\r\n")
                    .append("Content-Disposition: form-data; name=\"")
                    .append(name)
                    .append("\"\r\n\r\n")
                    .append(value)
                    .append("\r\n"));
            if (filename == null) {
                return text(
                        "multipart/form-data; boundary=" + boundary,
                        text.append("--").append(boundary).append("--\r\n").toString());
            }
            text.append("--")
                    .append(boundary)
                    .append("\r\n")
                    .append("Content-Disposition: form-data; name=\"file\"; filename=\"")
                    .append(filename)
                    .append("\"\r\nContent-Type: text/plain\r\n\r\n")
                    .append(content)
                    .append("\r\n--")
                    .append(boundary)
                    .append("--\r\n");
            return text("multipart/form-data; boundary=" + boundary, text.toString());
        }

        static Body text(String contentType, String text) {
            return new Body(contentType, text.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** One call and what came back. */
    record Outcome(Row row, Caller caller, Org target, String url, int status, String body, String requestText) {}

    private static RunningSystem system;
    private static DemoRealm realm;
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private static final Map<String, String> TOKENS = new HashMap<>();
    private static final Map<Org, OrgData> DATA = new LinkedHashMap<>();
    private static final List<Caller> CALLERS = new ArrayList<>();
    private static final List<String> SETUP_PROBLEMS = Collections.synchronizedList(new ArrayList<>());
    private static final List<Row> ROWS = parse(MATRIX);
    private static final Set<String> STREAMS = new TreeSet<>(Set.of("web GET /events"));
    private static final Map<String, String> BASE_URLS = new LinkedHashMap<>();
    private static final ConcurrentLinkedQueue<Outcome> OUTCOMES = new ConcurrentLinkedQueue<>();
    private static final List<String> AGGREGATE_PROBLEMS = new ArrayList<>();
    private static long startedAt;

    // --- set-up ------------------------------------------------------------------------------------------------

    @BeforeAll
    static void fileReportsInBothOrganisations(RunningSystem running) {
        startedAt = System.nanoTime();
        system = running;
        system.stack();
        realm = new DemoRealm(running.keycloak());
        BASE_URLS.put("incident", system.stack().serviceUrl("incident-service"));
        BASE_URLS.put("escalation", system.stack().serviceUrl("escalation-service"));
        BASE_URLS.put("notification", system.stack().serviceUrl("notification-service"));
        BASE_URLS.put("web", system.consoleUrl());

        for (Org org : Org.values()) {
            DATA.put(org, new OrgData(org));
            for (String column : COLUMNS.subList(0, 7)) {
                CALLERS.add(new Caller(column, org.user(column), org));
            }
        }
        CALLERS.add(new Caller("admin", "horenso-admin", null));
        CALLERS.add(new Caller("anon", null, null));
        for (Caller caller : CALLERS) {
            if (caller.username() != null) {
                TOKENS.put(caller.username(), realm.accessToken(caller.username()));
            }
        }

        // Counts, statistics, dashboard and KPIs of one organisation do not move when the other one reports.
        Map<Org, Map<String, String>> before = measureAggregates();
        fileAndAwait(DATA.get(Org.CITY));
        Map<Org, Map<String, String>> afterCity = measureAggregates();
        compareAggregates(Org.GIKAI, before.get(Org.GIKAI), afterCity.get(Org.GIKAI), "demo-city reported 2 cases");
        expectCount(Org.CITY, before, afterCity, 2);
        fileAndAwait(DATA.get(Org.GIKAI));
        Map<Org, Map<String, String>> afterGikai = measureAggregates();
        compareAggregates(Org.CITY, afterCity.get(Org.CITY), afterGikai.get(Org.CITY), "demo-gikai reported 2 cases");
        expectCount(Org.GIKAI, afterCity, afterGikai, 2);
        for (Org org : Org.values()) {
            populate(DATA.get(org));
        }
        System.out.printf(
                "[matrix] set-up done in %d s; markers: %s%n",
                TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - startedAt),
                DATA.values().stream()
                        .map(d -> d.org.code + "=" + d.markers().size())
                        .toList());
    }

    /** Two reports: one by the organisation's staff member, one by its CSIRT on a section; their chains start. */
    private static void fileAndAwait(OrgData data) {
        Org org = data.org;
        String staff = org.user("staff");
        String csirt = org.user("csirt");
        JsonNode first = expect(
                201,
                "report by " + staff,
                send(
                        "incident",
                        "POST",
                        "/api/incidents",
                        staff,
                        Body.json(report(org.token + " 私物USBの紛失 / lost USB", null))));
        data.staffCase = first.path("id").asText();
        data.staffNumber = first.path("number").asText();
        assertTrue(
                data.staffNumber.startsWith(org.prefix + "-"),
                org.code + "'s case numbers are its own (" + org.prefix + "-YYYY-NNNNNN): " + data.staffNumber);
        Map<String, Object> csirtReport = report(org.token + " 不審な通信 / suspicious traffic", org.sections.get(1));
        csirtReport.put("reporterType", "CSIRT_MONITORING");
        JsonNode second = expect(
                201, "report by " + csirt, send("incident", "POST", "/api/incidents", csirt, Body.json(csirtReport)));
        data.csirtCase = second.path("id").asText();
        data.csirtNumber = second.path("number").asText();

        for (String id : List.of(data.staffCase, data.csirtCase)) {
            await(org.code + "'s chain starts for " + id + " (is the organisation onboarded in the stack? logs: "
                            + system.logsDir() + ")")
                    .atMost(CHAIN_WAIT)
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> {
                        HttpResponse<String> r = send("incident", "GET", "/api/incidents/" + id, csirt, null);
                        return r.statusCode() == 200 && r.body().contains("HOP_OPENED");
                    });
        }
    }

    /** Everything else a path can name: a response action, evidence, a communication, a CISO report, an absence. */
    private static void populate(OrgData data) {
        Org org = data.org;
        String csirt = org.user("csirt");
        String seclead = org.user("seclead");
        String incident = "/api/incidents/" + data.staffCase;
        data.actionId = idOf(
                "response action",
                send(
                        "incident",
                        "POST",
                        incident + "/responses",
                        csirt,
                        Body.json(Map.of(
                                "kind",
                                "CONTAINMENT",
                                "description",
                                org.token + " 端末を隔離 / isolate the PC",
                                "ownerUnit",
                                org.sections.get(0)))),
                "id");
        HttpRequest.Builder upload = request(
                        BASE_URLS.get("incident") + incident + "/evidence?description=" + enc(org.token + " log"),
                        csirt)
                .header("Content-Type", "text/plain")
                .header("Content-Disposition", "attachment; filename=\"" + org.token + ".txt\"")
                .POST(HttpRequest.BodyPublishers.ofString(org.token + " evidence\n"));
        data.evidenceId = idOf("evidence", exchange(upload.build()), "id");
        data.communicationId = idOf(
                "communication",
                send(
                        "incident",
                        "POST",
                        incident + "/communications",
                        csirt,
                        Body.json(Map.of(
                                "kind",
                                "NOTICE_TO_PERSONS",
                                "method",
                                "EMAIL",
                                "persons",
                                1,
                                "communicatedAt",
                                now().minusMinutes(5).toString(),
                                "summary",
                                org.token + " 本人へ連絡 / told the person"))),
                "id");
        HttpResponse<String> cisoReport = send(
                "incident", "POST", incident + "/ciso-reports", csirt, Body.json(Map.of("summary", org.token + " 報告")));
        if (cisoReport.statusCode() != 201) {
            SETUP_PROBLEMS.add(
                    org.code + ": CISO report not submitted: " + cisoReport.statusCode() + " " + cisoReport.body());
        }
        data.absenceId = idOf(
                "absence",
                send(
                        "escalation",
                        "POST",
                        "/api/directory/absences",
                        seclead,
                        Body.json(Map.of(
                                "username",
                                org.absentee,
                                "startsAt",
                                Instant.now()
                                        .plus(Duration.ofDays(30))
                                        .truncatedTo(ChronoUnit.SECONDS)
                                        .toString(),
                                "endsAt",
                                Instant.now()
                                        .plus(Duration.ofDays(31))
                                        .truncatedTo(ChronoUnit.SECONDS)
                                        .toString(),
                                "reason",
                                org.token + " 研修 / training"))),
                "id");
        String chief = org.user("chief");
        try {
            data.inboxItemId = await(chief + "'s in-app inbox has an item")
                    .atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofSeconds(1))
                    .until(
                            () -> {
                                HttpResponse<String> r = send("notification", "GET", "/api/inbox", chief, null);
                                if (r.statusCode() != 200) {
                                    return null;
                                }
                                JsonNode items = JSON.readTree(r.body());
                                JsonNode list = items.isArray() ? items : items.path("items");
                                return list.size() == 0
                                        ? null
                                        : list.get(0).path("id").asText();
                            },
                            id -> id != null);
        } catch (RuntimeException e) {
            SETUP_PROBLEMS.add(org.code + ": no inbox item for " + chief + ": " + e.getMessage());
            data.inboxItemId = "987654321";
        }
    }

    private static String idOf(String what, HttpResponse<String> response, String field) {
        if (response.statusCode() / 100 != 2) {
            SETUP_PROBLEMS.add(what + " not created: " + response.statusCode() + " " + response.body());
            return "missing-" + UUID.randomUUID();
        }
        try {
            return JSON.readTree(response.body()).path(field).asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<Org, Map<String, String>> measureAggregates() {
        Map<Org, Map<String, String>> all = new LinkedHashMap<>();
        for (Org org : Org.values()) {
            String csirt = org.user("csirt");
            Map<String, String> values = new TreeMap<>();
            values.put("count", field(send("incident", "GET", "/api/incidents/count", csirt, null), "count"));
            values.put(
                    "statistics.total",
                    field(send("incident", "GET", "/api/incidents/statistics", csirt, null), "total"));
            HttpResponse<String> dashboard = send("incident", "GET", "/api/dashboard/cases?drill=include", csirt, null);
            values.put("dashboard.total", field(dashboard, "total"));
            values.put("dashboard.drills", field(dashboard, "drills"));
            values.put("kpis.open", openOf(send("incident", "GET", "/api/kpis", csirt, null)));
            values.put(
                    "units", send("incident", "GET", "/api/units", csirt, null).body());
            all.put(org, values);
        }
        return all;
    }

    private static String field(HttpResponse<String> response, String name) {
        if (response.statusCode() != 200) {
            return "status " + response.statusCode();
        }
        try {
            return JSON.readTree(response.body()).path(name).asText();
        } catch (IOException e) {
            return "unreadable";
        }
    }

    private static String openOf(HttpResponse<String> kpis) {
        if (kpis.statusCode() != 200) {
            return "status " + kpis.statusCode();
        }
        try {
            long open = 0;
            for (JsonNode n : JSON.readTree(kpis.body()).path("openBySeverity")) {
                open += n.asLong();
            }
            return Long.toString(open);
        } catch (IOException e) {
            return "unreadable";
        }
    }

    private static void compareAggregates(Org org, Map<String, String> before, Map<String, String> after, String why) {
        for (String key : before.keySet()) {
            if (!before.get(key).equals(after.get(key))) {
                AGGREGATE_PROBLEMS.add(
                        org.code + " " + key + " moved when " + why + ": " + before.get(key) + " → " + after.get(key));
            }
        }
    }

    private static void expectCount(
            Org org, Map<Org, Map<String, String>> before, Map<Org, Map<String, String>> after, int more) {
        String was = before.get(org).get("count");
        String now = after.get(org).get("count");
        try {
            if (Long.parseLong(now) != Long.parseLong(was) + more) {
                AGGREGATE_PROBLEMS.add(
                        org.code + " count " + was + " → " + now + " after its own " + more + " reports");
            }
        } catch (NumberFormatException e) {
            AGGREGATE_PROBLEMS.add(org.code + " count unreadable: " + was + " → " + now);
        }
    }

    // --- the tests ---------------------------------------------------------------------------------------------

    @Test
    @Order(1)
    void everyOperationOfEveryServiceAndEveryConsoleRouteHasARow() {
        Map<String, Set<String>> live = new TreeMap<>();
        for (String service : List.of("incident", "escalation", "notification")) {
            live.put(service, liveOperations(service));
        }
        live.put("web", consoleRoutes(system.repoRoot().resolve("web/src/main/java")));

        Set<String> inMatrix = ROWS.stream().map(Row::key).collect(Collectors.toCollection(TreeSet::new));
        Set<String> everywhere =
                live.values().stream().flatMap(Set::stream).collect(Collectors.toCollection(TreeSet::new));
        List<String> missing =
                everywhere.stream().filter(op -> !inMatrix.contains(op)).toList();
        List<String> stale =
                inMatrix.stream().filter(op -> !everywhere.contains(op)).toList();
        System.out.printf(
                "[matrix] operations: %s%n",
                live.entrySet().stream()
                        .map(e -> e.getKey() + "=" + e.getValue().size())
                        .toList());
        assertTrue(
                missing.isEmpty() && stale.isEmpty(),
                "the matrix must name every operation and route exactly once.\nwithout a row (add one to MATRIX):\n  "
                        + String.join("\n  ", missing) + "\nrows of operations that no longer exist:\n  "
                        + String.join("\n  ", stale));
        assertEquals(inMatrix.size(), ROWS.size(), "no operation twice in the matrix");
    }

    @Test
    @Order(2)
    void noCallerSeesOrChangesTheOtherOrganisationAndEachGetsExactlyItsStatus() throws Exception {
        if (STREAMS.size() == 1) {
            // The OpenAPI documents name the services' streams; read them if the coverage test has not run.
            for (String service : List.of("incident", "escalation", "notification")) {
                liveOperations(service);
            }
        }
        List<Row> streams = ROWS.stream().filter(r -> STREAMS.contains(r.key())).toList();
        List<Row> others = ROWS.stream().filter(r -> !STREAMS.contains(r.key())).toList();

        long t0 = System.nanoTime();
        readStreamsWhileTheOtherOrganisationChanges(streams);
        long streamsTook = System.nanoTime() - t0;

        Map<Org, Map<String, String>> before = fingerprints();
        long t1 = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> calls = new ArrayList<>();
            for (Row row : others) {
                for (Caller caller : CALLERS) {
                    for (Org target : caller.targets()) {
                        calls.add(pool.submit(() -> OUTCOMES.add(call(row, caller, target, false))));
                    }
                }
            }
            for (Future<?> f : calls) {
                f.get(2, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        long matrixTook = System.nanoTime() - t1;
        Map<Org, Map<String, String>> after = fingerprints();

        List<String> wrongStatus = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        List<String> leaks = new ArrayList<>();
        for (Outcome o : OUTCOMES) {
            Cell expected = o.row().cells().get(o.caller().column());
            String who = o.row().key() + " as " + o.caller().label() + " on " + o.target().code + "'s data";
            if (o.status() >= 500) {
                errors.add(who + ": " + o.status() + " " + excerpt(o.body()));
            }
            if (o.status() != expected.status()) {
                wrongStatus.add(
                        who + ": expected " + expected.status() + ", got " + o.status() + " " + excerpt(o.body()));
            }
            leaks.addAll(leaksIn(o, expected));
        }
        List<String> changed = compareFingerprints(before, after);
        List<String> deaf = streamsThatToldTheOwnerNothing();
        List<String> unseen = markersTheOwnerNeverReads();

        int callers = CALLERS.size();
        System.out.println("[matrix] observed (paste over MATRIX once each difference is understood):");
        System.out.println(observedTable());
        System.out.printf(
                "[matrix] %d operations × %d callers (%d roles of 2 organisations, installation admin, no token):"
                        + " %d calls, %d of them on web console routes, %d SSE streams read; streams %d s, calls %d s;"
                        + " wrong statuses %d, 5xx %d, leaks %d, owner data changed %d, aggregates moved %d%n",
                ROWS.size(),
                callers,
                callers - 2,
                OUTCOMES.size(),
                OUTCOMES.stream().filter(o -> o.row().service().equals("web")).count(),
                OUTCOMES.stream().filter(o -> STREAMS.contains(o.row().key())).count(),
                TimeUnit.NANOSECONDS.toSeconds(streamsTook),
                TimeUnit.NANOSECONDS.toSeconds(matrixTook),
                wrongStatus.size(),
                errors.size(),
                leaks.size(),
                changed.size(),
                AGGREGATE_PROBLEMS.size());

        StringBuilder failures = new StringBuilder();
        section(failures, "set-up problems (the matrix ran with placeholder ids there)", SETUP_PROBLEMS);
        section(failures, "5xx answers", errors);
        section(failures, "LEAKS: the other organisation's data in an answer", leaks);
        section(failures, "the owner reads something else after the other organisation's writes", changed);
        section(failures, "counts/statistics/dashboard/KPIs moved with the other organisation", AGGREGATE_PROBLEMS);
        section(failures, "statuses other than the matrix's", wrongStatus);
        section(failures, "the stream check proved nothing: the owner's own stream was silent", deaf);
        section(failures, "markers the owner never reads (a leak of them could not be seen)", unseen);
        if (!failures.isEmpty()) {
            fail(failures.toString());
        }
    }

    @AfterAll
    static void took() {
        if (startedAt != 0) {
            System.out.printf(
                    "[matrix] CrossOrganisationMatrixTest took %d s (set-up included)%n",
                    TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - startedAt));
        }
    }

    // --- streams -----------------------------------------------------------------------------------------------

    /**
     * Opens every stream as every caller, then lets each organisation's CSIRT record something on its case: a stream
     * that tells one organisation's caller of the other organisation's change leaks its case id or text.
     */
    private static void readStreamsWhileTheOtherOrganisationChanges(List<Row> streams) throws Exception {
        ExecutorService pool = Executors.newCachedThreadPool();
        try {
            List<Future<Outcome>> open = new ArrayList<>();
            for (Row row : streams) {
                for (Caller caller : CALLERS) {
                    for (Org target : caller.targets()) {
                        open.add(pool.submit(() -> call(row, caller, target, true)));
                    }
                }
            }
            Thread.sleep(1_500);
            for (OrgData data : DATA.values()) {
                HttpResponse<String> r = send(
                        "incident",
                        "POST",
                        "/api/incidents/" + data.staffCase + "/responses",
                        data.org.user("csirt"),
                        Body.json(Map.of(
                                "kind",
                                "RECOVERY",
                                "description",
                                data.org.token + " 復旧 / recovery",
                                "ownerUnit",
                                data.org.sections.get(0))));
                if (r.statusCode() != 201) {
                    SETUP_PROBLEMS.add(
                            data.org.code + ": stream trigger not recorded: " + r.statusCode() + " " + r.body());
                }
            }
            for (Future<Outcome> f : open) {
                OUTCOMES.add(f.get(1, TimeUnit.MINUTES));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * The control of the stream check: the console's live stream of each organisation's CSIRT member told them of
     * their own case's change (made while the streams were open). Without it, a silent stream would pass as sealed.
     */
    private static List<String> streamsThatToldTheOwnerNothing() {
        List<String> deaf = new ArrayList<>();
        for (Outcome o : OUTCOMES) {
            if (o.row().key().equals("web GET /events")
                    && o.caller().org() != null
                    && o.caller().column().equals("csirt")
                    && !o.body().contains(DATA.get(o.caller().org()).staffCase)) {
                deaf.add(o.caller().label() + "'s /events did not name their own case "
                        + DATA.get(o.caller().org()).staffCase + " within " + STREAM_READ.toSeconds() + " s: "
                        + excerpt(o.body()));
            }
        }
        return deaf;
    }

    /**
     * The control of the leak check: every marker occurs, as a whole word, in what its own organisation reads (its
     * cases, their lists, its directory). A marker nobody reads would make "no leak" meaningless.
     */
    private static List<String> markersTheOwnerNeverReads() {
        List<String> unseen = new ArrayList<>();
        for (OrgData data : DATA.values()) {
            String csirt = data.org.user("csirt");
            String incident = "/api/incidents/" + data.staffCase;
            StringBuilder read = new StringBuilder();
            for (String path : List.of(
                    incident,
                    incident + "/responses",
                    incident + "/evidence",
                    incident + "/communications",
                    "/api/incidents/" + data.csirtCase)) {
                read.append(send("incident", "GET", path, csirt, null).body()).append('\n');
            }
            read.append(send("escalation", "GET", "/api/directory", data.org.user("seclead"), null)
                    .body());
            for (String marker : data.markers()) {
                if (!occurs(read.toString(), marker)) {
                    unseen.add(data.org.code + ": \"" + marker + "\"");
                }
            }
        }
        return unseen;
    }

    // --- calls -------------------------------------------------------------------------------------------------

    private static Outcome call(Row row, Caller caller, Org target, boolean stream) {
        OrgData data = DATA.get(target);
        String path = substitute(row, data);
        Function<OrgData, String> query = QUERIES.get(row.key());
        String url = BASE_URLS.get(row.service()) + path + (query == null ? "" : "?" + query.apply(data));
        Body body = bodyOf(row, data);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
        if (caller.username() != null) {
            request.header("Authorization", "Bearer " + TOKENS.get(caller.username()));
        }
        request.header(
                "Accept",
                stream
                        ? "text/event-stream"
                        : row.service().equals("web") ? "text/html, */*" : "application/json, */*");
        if (row.method().equals("PUT") || row.path().endsWith("/severity-override")) {
            request.header("If-Match", "\"1\"");
        }
        if (row.service().equals("web") && !row.method().equals("GET")) {
            // As a browser sends a console form: the session's CSRF nonce cookie and the page's token (issue 14).
            ConsoleCsrf csrf = consoleCsrf();
            request.header("Cookie", "horenso-csrf=" + csrf.nonce());
            request.header("X-CSRF-Token", csrf.token());
        }
        HttpRequest.BodyPublisher publisher = body == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(body.bytes());
        if (body != null) {
            request.header("Content-Type", body.contentType());
        }
        request.method(row.method(), publisher);
        String requestText = url + "\n" + (body == null ? "" : new String(body.bytes(), StandardCharsets.UTF_8));
        try {
            if (stream) {
                HttpResponse<InputStream> response =
                        HTTP.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
                String text = readFor(response.body(), STREAM_READ);
                return new Outcome(
                        row, caller, target, url, response.statusCode(), headers(response) + text, requestText);
            }
            HttpResponse<byte[]> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Outcome(
                    row,
                    caller,
                    target,
                    url,
                    response.statusCode(),
                    headers(response) + new String(response.body(), StandardCharsets.UTF_8),
                    requestText);
        } catch (IOException e) {
            return new Outcome(row, caller, target, url, 599, "I/O: " + e, requestText);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** What a stream sends within the time given; the connection is closed afterwards. */
    static String readFor(InputStream in, Duration time) {
        StringBuilder text = new StringBuilder();
        Thread closer = new Thread(() -> {
            try {
                Thread.sleep(time.toMillis());
            } catch (InterruptedException e) {
                // closed early: the stream ended by itself
            }
            try {
                in.close();
            } catch (IOException e) {
                // already closed
            }
        });
        closer.setDaemon(true);
        closer.start();
        byte[] buffer = new byte[8192];
        try {
            int n;
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            while ((n = in.read(buffer)) >= 0) {
                bytes.write(buffer, 0, n);
                synchronized (text) {
                    text.setLength(0);
                    text.append(bytes.toString(StandardCharsets.UTF_8));
                }
            }
        } catch (IOException e) {
            // closed by the closer: what arrived so far is the answer
        } finally {
            closer.interrupt();
        }
        synchronized (text) {
            return text.toString();
        }
    }

    private static String headers(HttpResponse<?> response) {
        // Location and Content-Disposition may name things too.
        return response.headers().map().entrySet().stream()
                        .filter(e -> !e.getKey().equalsIgnoreCase("set-cookie"))
                        .map(e -> e.getKey() + ": " + String.join(", ", e.getValue()))
                        .collect(Collectors.joining("\n"))
                + "\n\n";
    }

    private static final Pattern PARAMETER = Pattern.compile("\\{(\\w+)(?:\\s*:[^}]*)?}");

    private static String substitute(Row row, OrgData data) {
        Matcher m = PARAMETER.matcher(row.path());
        StringBuilder path = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(path, Matcher.quoteReplacement(pathValue(row, m.group(1), data)));
        }
        m.appendTail(path);
        return path.toString();
    }

    /** The other organisation's value for a path parameter; a parameter without one fails the test. */
    static String pathValue(Row row, String parameter, OrgData data) {
        String path = row.path();
        return switch (parameter) {
            case "id" ->
                path.startsWith("/api/directory/absences")
                        ? data.absenceId
                        : path.startsWith("/api/inbox") ? data.inboxItemId : data.staffCase;
            case "incidentId" -> data.staffCase;
            case "actionId" -> data.actionId;
            case "evidenceId" -> data.evidenceId;
            case "communicationId" -> data.communicationId;
            case "version" -> "1";
            case "code" -> "PPC_APPI";
            case "username" -> data.org.ciso;
            case "organisation" -> data.org.code;
            case "publicId" -> data.staffCase;
            case "token" -> "MXNOTATOKEN" + RUN;
            case "absenceId" -> data.absenceId;
            case "document" -> "committee-report";
            default ->
                throw new AssertionError("the matrix has no value for path parameter {" + parameter + "} of "
                        + row.key() + ": add one to pathValue()");
        };
    }

    /**
     * The body of a write: valid for the organisation whose data it names (so that only the organisation boundary
     * stops it), carrying {@link #INTRUSION}. Writes that name no id get a body naming the other organisation's unit or
     * person, or one that is refused whole (an empty chain or directory), so that nothing can be written.
     */
    static Body bodyOf(Row row, OrgData data) {
        Org org = data.org;
        String at = now().minusMinutes(1).toString();
        String key = row.service() + " " + row.method() + " " + row.path();
        return switch (key) {
            case "incident POST /api/incidents" -> {
                Map<String, Object> report = report(INTRUSION + " report", org.sections.get(0));
                yield Body.json(report);
            }
            case "incident PUT /api/incidents/{id}/record" ->
                Body.json(Map.of(
                        "kind", "SECURITY_INCIDENT", "title", INTRUSION, "description", INTRUSION, "ongoing", false));
            case "incident POST /api/incidents/{id}/severity-override" ->
                Body.json(Map.of("severity", "CRITICAL", "reason", INTRUSION));
            case "incident POST /api/incidents/{id}/legal-duties/{code}/submissions" ->
                Body.json(Map.of("report", "PROMPT", "submittedAt", at, "reference", INTRUSION));
            case "incident POST /api/incidents/{id}/ciso-reports" -> Body.json(Map.of("summary", INTRUSION));
            case "incident POST /api/incidents/{id}/ciso-reports/{version}/decision" ->
                Body.json(Map.of("decision", "RETURN", "instructions", INTRUSION));
            case "incident POST /api/incidents/{id}/committee-report" ->
                Body.json(Map.of("reportedAt", at, "reference", INTRUSION));
            case "incident POST /api/incidents/{id}/responses" ->
                Body.json(Map.of("kind", "CONTAINMENT", "description", INTRUSION, "ownerUnit", org.sections.get(0)));
            case "incident PUT /api/incidents/{id}/responses/{actionId}" ->
                Body.json(Map.of("description", INTRUSION, "ownerUnit", org.sections.get(0), "status", "IN_PROGRESS"));
            case "incident POST /api/incidents/{id}/acknowledgements" -> Body.json(Map.of("comment", INTRUSION));
            case "incident POST /api/incidents/{id}/communications" ->
                Body.json(Map.of(
                        "kind",
                        "NOTICE_TO_PERSONS",
                        "method",
                        "EMAIL",
                        "persons",
                        1,
                        "communicatedAt",
                        at,
                        "summary",
                        INTRUSION));
            case "incident POST /api/incidents/{id}/evidence" -> Body.text("text/plain", INTRUSION);
            case "incident POST /api/incidents/{id}/evidence/{evidenceId}/handovers" ->
                Body.json(Map.of("to", INTRUSION, "purpose", INTRUSION));
            case "incident PUT /api/incidents/{id}/disclosure/decision" ->
                Body.json(Map.of("method", "NONE", "note", INTRUSION));
            case "incident POST /api/incidents/{id}/disclosure/drafts" ->
                Body.json(Map.of("titleJa", INTRUSION, "bodyJa", INTRUSION, "includeRecurrencePrevention", false));
            case "incident POST /api/incidents/{id}/disclosure/publications" -> Body.json(Map.of("draftVersion", 1));
            case "incident POST /api/incidents/{id}/unit" ->
                Body.json(Map.of("unit", org.sections.get(1), "reason", INTRUSION));
            case "incident POST /api/incidents/{id}/withdrawal" -> Body.json(Map.of("reason", INTRUSION));
            case "incident POST /api/incidents/{id}/drill-marking" ->
                Body.json(Map.of("drill", true, "reason", INTRUSION));
            case "escalation PUT /api/chain", "escalation POST /api/chain/validation" -> Body.json(Map.of());
            case "escalation POST /api/directory/absences" ->
                Body.json(Map.of(
                        "username",
                        org.absentee,
                        "startsAt",
                        Instant.now()
                                .plus(Duration.ofDays(40))
                                .truncatedTo(ChronoUnit.SECONDS)
                                .toString(),
                        "endsAt",
                        Instant.now()
                                .plus(Duration.ofDays(41))
                                .truncatedTo(ChronoUnit.SECONDS)
                                .toString(),
                        "reason",
                        INTRUSION));
            case "escalation PUT /api/directory" -> Body.text("application/yaml", "units: []\npeople: []\n");
            // Onboarding an organisation that exists (the other one) again: refused, nothing stored (and a dry run).
            case "escalation POST /api/organisations" ->
                Body.text("application/yaml", "organisation:\n  code: " + org.code + "\n  caseNumberPrefix: MX\n");
            case "web POST /admin/organisations" ->
                Body.multipart(
                        null,
                        null,
                        Map.of(
                                "content",
                                "organisation:\n  code: " + org.code + "\n  caseNumberPrefix: MX\n",
                                "action",
                                "dryRun"));
            case "escalation POST /api/incidents/{incidentId}/serious" -> Body.json(Map.of("reason", INTRUSION));
            case "notification PUT /api/recipients/{username}/delivery" ->
                Body.json(
                        Map.of("channels", List.of(Map.of("channel", "MAIL", "address", "mx-intrusion@example.org"))));
            case "web POST /report" ->
                Body.form(Map.of(
                        "title",
                        INTRUSION,
                        "description",
                        INTRUSION,
                        "occurredAt",
                        now().minusHours(1)
                                .truncatedTo(ChronoUnit.MINUTES)
                                .toLocalDateTime()
                                .toString(),
                        "discoveredAt",
                        now().minusMinutes(5)
                                .truncatedTo(ChronoUnit.MINUTES)
                                .toLocalDateTime()
                                .toString(),
                        "reporterType",
                        "STAFF",
                        "personalData",
                        "no",
                        "unit",
                        org.sections.get(0),
                        "idempotencyKey",
                        UUID.randomUUID().toString()));
            case "web POST /admin/chain" -> Body.form(Map.of("document", "{}", "version", "1", "action", "validate"));
            case "web POST /admin/directory" ->
                Body.form(Map.of("content", "units: []\npeople: []\n", "format", "yaml", "action", "dryRun"));
            case "web POST /admin/people/absences" ->
                Body.form(Map.of(
                        "username",
                        org.absentee,
                        "startsAt",
                        now().plusDays(40)
                                .truncatedTo(ChronoUnit.MINUTES)
                                .toLocalDateTime()
                                .toString(),
                        "endsAt",
                        now().plusDays(41)
                                .truncatedTo(ChronoUnit.MINUTES)
                                .toLocalDateTime()
                                .toString(),
                        "reason",
                        INTRUSION));
            case "web POST /admin/people/delivery" ->
                Body.form(Map.of(
                        "username",
                        org.ciso,
                        "channel",
                        "MAIL",
                        "address",
                        "mx-intrusion@example.org",
                        "digestWindow",
                        ""));
            case "web POST /cases/{id}/record" ->
                Body.form(Map.of("etag", "\"1\"", "title", INTRUSION, "description", INTRUSION, "ongoing", "false"));
            case "web POST /cases/{id}/actions" ->
                Body.form(Map.of("kind", "CONTAINMENT", "description", INTRUSION, "ownerUnit", org.sections.get(0)));
            case "web POST /cases/{id}/actions/{actionId}" ->
                Body.form(Map.of(
                        "status",
                        "IN_PROGRESS",
                        "description",
                        INTRUSION,
                        "ownerUnit",
                        org.sections.get(0),
                        "version",
                        "1"));
            case "web POST /cases/{id}/ciso-report" -> Body.form(Map.of("summary", INTRUSION));
            case "web POST /cases/{id}/committee-report" ->
                Body.form(Map.of(
                        "reportedAt",
                        now().toLocalDateTime().truncatedTo(ChronoUnit.MINUTES).toString(),
                        "reference",
                        INTRUSION));
            case "web POST /cases/{id}/communications" ->
                Body.form(Map.of(
                        "kind",
                        "NOTICE_TO_PERSONS",
                        "method",
                        "EMAIL",
                        "persons",
                        "1",
                        "summary",
                        INTRUSION,
                        "communicatedAt",
                        now().toLocalDateTime().truncatedTo(ChronoUnit.MINUTES).toString()));
            case "web POST /cases/{id}/unit" -> Body.form(Map.of("unit", org.sections.get(1), "reason", INTRUSION));
            case "web POST /cases/{id}/withdrawal" -> Body.form(Map.of("reason", INTRUSION));
            case "web POST /cases/{id}/drill-marking" -> Body.form(Map.of("drill", "true", "reason", INTRUSION));
            case "web POST /cases/{id}/evidence" ->
                Body.multipart(INTRUSION + ".txt", INTRUSION, Map.of("description", INTRUSION));
            case "web POST /inbox/{incidentId}/acknowledge" -> Body.form(Map.of("comment", INTRUSION));
            case "web POST /inbox/{incidentId}/serious" -> Body.form(Map.of("reason", INTRUSION));
            case "web POST /review/{id}/{version}/decision" ->
                Body.form(Map.of("decision", "RETURN", "instructions", INTRUSION));
            case "web POST /review/{id}/disclosure" -> Body.form(Map.of("method", "NONE", "note", INTRUSION));
            // A write of the console without fields is still a form; a service's write without a body gets none.
            default -> row.service().equals("web") && !row.method().equals("GET") ? Body.form(Map.of()) : null;
        };
    }

    // --- leaks -------------------------------------------------------------------------------------------------

    private static final Map<String, Pattern> MARKER_PATTERNS = new java.util.concurrent.ConcurrentHashMap<>();

    /** The other organisation's markers in an answer, except those the caller sent itself (echoing them leaks nothing). */
    private static List<String> leaksIn(Outcome o, Cell expected) {
        if (expected.mayShow()) {
            return List.of();
        }
        List<Org> foreign = o.caller().org() == null
                ? List.of(Org.values())
                : List.of(o.caller().org().other());
        List<String> found = new ArrayList<>();
        for (Org org : foreign) {
            for (String marker : DATA.get(org).markers()) {
                if (occurs(o.requestText(), marker)) {
                    continue;
                }
                if (occurs(o.body(), marker)) {
                    found.add(o.row().key() + " as " + o.caller().label() + " (status " + o.status() + ") shows "
                            + org.code + "'s \"" + marker + "\": " + around(o.body(), marker));
                }
            }
        }
        return found;
    }

    static boolean occurs(String text, String marker) {
        return MARKER_PATTERNS
                .computeIfAbsent(
                        marker, m -> Pattern.compile("(?<![A-Za-z0-9_-])" + Pattern.quote(m) + "(?![A-Za-z0-9_-])"))
                .matcher(text)
                .find();
    }

    private static String around(String text, String marker) {
        Matcher m = MARKER_PATTERNS.get(marker).matcher(text);
        if (!m.find()) {
            return "";
        }
        int from = Math.max(0, m.start() - 120);
        int to = Math.min(text.length(), m.end() + 120);
        return "…" + text.substring(from, to).replace('\n', ' ') + "…";
    }

    // --- the owner's view before and after ---------------------------------------------------------------------

    /** What each organisation's own people read of their data; volatile views only in the parts writes would touch. */
    private static Map<Org, Map<String, String>> fingerprints() {
        Map<Org, Map<String, String>> all = new LinkedHashMap<>();
        for (OrgData data : DATA.values()) {
            Org org = data.org;
            String csirt = org.user("csirt");
            String seclead = org.user("seclead");
            Map<String, String> f = new TreeMap<>();
            for (String id : List.of(data.staffCase, data.csirtCase)) {
                String incident = "/api/incidents/" + id;
                HttpResponse<String> shown = send("incident", "GET", incident, csirt, null);
                f.put(incident + " (state, severity, unit, drill, kind, title, record)", caseFields(shown));
                f.put(incident + " timeline (by the other organisation)", intrusionsIn(shown.body(), org));
                for (String part : List.of(
                        "/responses", "/evidence", "/communications", "/ciso-reports", "/disclosure", "/review")) {
                    f.put(incident + part, statusAndBody(send("incident", "GET", incident + part, csirt, null)));
                }
                f.put(
                        "escalation " + incident + "/hops (by the other organisation)",
                        intrusionsIn(
                                send("escalation", "GET", incident + "/hops", csirt, null)
                                        .body(),
                                org));
                f.put(
                        "notification inbox of " + org.user("chief") + " (by the other organisation)",
                        intrusionsIn(
                                send("notification", "GET", "/api/inbox", org.user("chief"), null)
                                        .body(),
                                org));
            }
            f.put(
                    "/api/directory/absences",
                    statusAndBody(send("escalation", "GET", "/api/directory/absences", seclead, null)));
            f.put(
                    "/api/chain/versions",
                    statusAndBody(send("escalation", "GET", "/api/chain/versions", seclead, null)));
            f.put("/api/directory", statusAndBody(send("escalation", "GET", "/api/directory", seclead, null)));
            f.put(
                    "/api/recipients/" + org.ciso + "/delivery",
                    statusAndBody(
                            send("notification", "GET", "/api/recipients/" + org.ciso + "/delivery", seclead, null)));
            for (String service : List.of("incident", "escalation", "notification")) {
                f.put(
                        service + " /api/admin-trail",
                        statusAndBody(send(service, "GET", "/api/admin-trail", seclead, null)));
            }
            all.put(org, f);
        }
        return all;
    }

    private static String caseFields(HttpResponse<String> shown) {
        if (shown.statusCode() != 200) {
            return "status " + shown.statusCode();
        }
        try {
            JsonNode c = JSON.readTree(shown.body());
            return "state=" + c.path("state").asText() + ", severity="
                    + c.path("severity").path("level").asText()
                    + ", unit=" + c.path("unit").asText() + ", department="
                    + c.path("department").asText()
                    + ", drill=" + c.path("drill").asText() + ", kind="
                    + c.path("kind").asText() + ", title="
                    + c.path("title").asText() + ", description="
                    + c.path("description").asText() + ", record="
                    + c.path("record");
        } catch (IOException e) {
            return "unreadable";
        }
    }

    /** The intruder's traces in the owner's data: the intrusion text and the other organisation's markers. */
    private static String intrusionsIn(String body, Org owner) {
        List<String> found = new ArrayList<>();
        if (body.contains(INTRUSION)) {
            found.add(INTRUSION);
        }
        Org other = owner.other();
        Stream.concat(other.markerUsernames.stream(), Stream.of(other.token, "horenso-admin"))
                .filter(m -> occurs(body, m))
                .forEach(found::add);
        return found.isEmpty() ? "none" : found.toString();
    }

    private static String statusAndBody(HttpResponse<String> response) {
        return response.statusCode() + " " + response.body();
    }

    private static List<String> compareFingerprints(
            Map<Org, Map<String, String>> before, Map<Org, Map<String, String>> after) {
        List<String> changed = new ArrayList<>();
        for (Org org : Org.values()) {
            for (Map.Entry<String, String> e : after.get(org).entrySet()) {
                String was = before.get(org).get(e.getKey());
                if (e.getKey().contains("(by the other organisation)") && !"none".equals(e.getValue())) {
                    changed.add(org.code + " " + e.getKey() + ": " + e.getValue());
                } else if (!e.getValue().equals(was)) {
                    changed.add(org.code + " " + e.getKey() + ":\n    before " + excerpt(was) + "\n    after  "
                            + excerpt(e.getValue()));
                }
            }
        }
        return changed;
    }

    // --- enumeration -------------------------------------------------------------------------------------------

    /** The operations of a service's live OpenAPI document; server-sent-event operations are noted as streams. */
    private static Set<String> liveOperations(String service) {
        HttpResponse<String> response =
                exchange(HttpRequest.newBuilder(URI.create(BASE_URLS.get(service) + "/q/openapi?format=json"))
                        .header("Accept", "application/json")
                        .timeout(Duration.ofSeconds(30))
                        .GET()
                        .build());
        assertEquals(
                200,
                response.statusCode(),
                service + "'s OpenAPI document (the system tests enable it with QUARKUS_SMALLRYE_OPENAPI_ENABLE): "
                        + excerpt(response.body()));
        Set<String> operations = new TreeSet<>();
        try {
            JsonNode paths = JSON.readTree(response.body()).path("paths");
            paths.fields()
                    .forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
                        String method = op.getKey().toUpperCase(Locale.ROOT);
                        if (!Set.of("GET", "POST", "PUT", "DELETE", "PATCH").contains(method)) {
                            return;
                        }
                        String key = service + " " + method + " " + path.getKey();
                        operations.add(key);
                        if (op.getValue().toString().contains("text/event-stream")) {
                            synchronized (STREAMS) {
                                STREAMS.add(key);
                            }
                        }
                    }));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return operations;
    }

    private static final Pattern VERB = Pattern.compile("@(GET|POST|PUT|DELETE|PATCH)\\b");
    private static final Pattern PATH = Pattern.compile("@Path\\(\"([^\"]*)\"\\)");
    private static final Pattern SIGNATURE_END = Pattern.compile("\\)\\s*(?:throws[^{;]*)?\\{");
    private static final Pattern TYPE = Pattern.compile("\\b(class|interface|record|enum)\\s+\\w+");

    /**
     * The web console's routes, read from its JAX-RS resource classes (a class with {@code @Path}; the REST-client
     * interfaces to the services are not routes). The packaged console has no OpenAPI document of its own.
     */
    static Set<String> consoleRoutes(Path sources) {
        Set<String> routes = new TreeSet<>();
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String source =
                        Files.readString(file).replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\n]*", "");
                Matcher type = TYPE.matcher(source);
                if (!type.find() || !type.group(1).equals("class")) {
                    continue;
                }
                Matcher classPath = PATH.matcher(source.substring(0, type.start()));
                String base = null;
                while (classPath.find()) {
                    base = classPath.group(1);
                }
                if (base == null) {
                    continue;
                }
                String body = source.substring(type.end());
                Matcher verb = VERB.matcher(body);
                while (verb.find()) {
                    int start =
                            Math.max(body.lastIndexOf(';', verb.start()), body.lastIndexOf("}\n", verb.start())) + 1;
                    Matcher end = SIGNATURE_END.matcher(body);
                    int stop = end.find(verb.end()) ? end.start() : body.length();
                    Matcher own = PATH.matcher(body.substring(start, stop));
                    String path = own.find() ? base + "/" + own.group(1) : base;
                    path = ("/" + path).replaceAll("/+", "/").replaceAll("\\{(\\w+)\\s*:[^}]*}", "{$1}");
                    if (path.length() > 1 && path.endsWith("/")) {
                        path = path.substring(0, path.length() - 1);
                    }
                    routes.add("web " + verb.group(1) + " " + path);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertTrue(routes.size() > 10, "the console's routes were found in " + sources + ": " + routes);
        return routes;
    }

    // --- the table ---------------------------------------------------------------------------------------------

    static List<Row> parse(String matrix) {
        List<Row> rows = new ArrayList<>();
        for (String line : matrix.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            String[] parts = trimmed.split("\\s+");
            if (parts.length != 3 + COLUMNS.size()) {
                throw new IllegalArgumentException(
                        "a matrix row needs service, method, path and " + COLUMNS.size() + " statuses: " + line);
            }
            Map<String, Cell> cells = new LinkedHashMap<>();
            for (int i = 0; i < COLUMNS.size(); i++) {
                cells.put(COLUMNS.get(i), Cell.parse(parts[3 + i]));
            }
            rows.add(new Row(parts[0], parts[1], parts[2], cells));
        }
        return rows;
    }

    /** The observed statuses in MATRIX's layout; "city|gikai" where the two organisations' users differ. */
    private static String observedTable() {
        Map<String, Map<String, Set<String>>> seen = new LinkedHashMap<>();
        for (Outcome o : OUTCOMES) {
            seen.computeIfAbsent(o.row().key(), k -> new LinkedHashMap<>())
                    .computeIfAbsent(o.caller().column(), k -> new LinkedHashSet<>())
                    .add((o.caller().org() == null
                                    ? o.target().code
                                    : o.caller().org().code) + ":" + o.status());
        }
        StringBuilder table = new StringBuilder(String.format("%-86s", "# operation"));
        COLUMNS.forEach(column -> table.append(String.format(" %-5s", column)));
        table.append('\n');
        for (Row row : ROWS) {
            table.append(String.format(
                    "%-86s", row.service() + " " + String.format("%-6s", row.method()) + " " + row.path()));
            for (String column : COLUMNS) {
                Set<String> statuses = seen.getOrDefault(row.key(), Map.of()).getOrDefault(column, Set.of());
                Set<String> distinct = statuses.stream()
                        .map(s -> s.substring(s.indexOf(':') + 1))
                        .collect(Collectors.toCollection(LinkedHashSet::new));
                String cell = distinct.size() == 1
                        ? distinct.iterator().next() + (row.cells().get(column).mayShow() ? "*" : "")
                        : statuses.stream()
                                .sorted()
                                .map(s -> s.substring(s.indexOf(':') + 1))
                                .collect(Collectors.joining("|"));
                table.append(String.format(" %-5s", cell.isEmpty() ? "?" : cell));
            }
            table.append('\n');
        }
        return table.toString();
    }

    // --- helpers -----------------------------------------------------------------------------------------------

    private static Map<String, Object> report(String title, String unit) {
        OffsetDateTime now = now();
        Map<String, Object> body = new HashMap<>();
        body.put("title", title);
        body.put("description", title + " — システムテスト / system tests");
        body.put("occurredAt", now.minusHours(2).toString());
        body.put("discoveredAt", now.minusMinutes(10).toString());
        body.put("reporterType", "STAFF");
        if (unit != null) {
            body.put("unit", unit);
        }
        return body;
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);
    }

    /** A console session's CSRF nonce (its cookie) and the token its pages carry; the token is not tied to a person. */
    private record ConsoleCsrf(String nonce, String token) {}

    private static volatile ConsoleCsrf consoleCsrf;

    /** The nonce and token of one console session, read from a page as a browser gets them (once per run). */
    private static synchronized ConsoleCsrf consoleCsrf() {
        if (consoleCsrf == null) {
            try {
                HttpResponse<String> page = HTTP.send(
                        HttpRequest.newBuilder(URI.create(BASE_URLS.get("web") + "/report"))
                                .timeout(Duration.ofSeconds(30))
                                .header("Authorization", "Bearer " + TOKENS.get("staff1"))
                                .header("Accept", "text/html")
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                String nonce = page.headers().allValues("Set-Cookie").stream()
                        .filter(c -> c.startsWith("horenso-csrf="))
                        .map(c -> c.substring("horenso-csrf=".length()).split(";", 2)[0])
                        .findFirst()
                        .orElseThrow(
                                () -> new AssertionError("no CSRF cookie on the console's page: " + page.headers()));
                Matcher token =
                        Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page.body());
                if (!token.find()) {
                    throw new AssertionError("no CSRF token in the console's form: " + page.body());
                }
                consoleCsrf = new ConsoleCsrf(nonce, token.group(1));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return consoleCsrf;
    }

    private static HttpRequest.Builder request(String url, String username) {
        return HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + TOKENS.get(username))
                .header("Accept", "application/json");
    }

    private static HttpResponse<String> send(String service, String method, String path, String username, Body body) {
        HttpRequest.Builder request = request(BASE_URLS.get(service) + path, username);
        if (body != null) {
            request.header("Content-Type", body.contentType());
        }
        request.method(
                method,
                body == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body.bytes()));
        return exchange(request.build());
    }

    private static HttpResponse<String> exchange(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode expect(int status, String what, HttpResponse<String> response) {
        assertEquals(
                status, response.statusCode(), what + ": " + response.body() + " (logs: " + system.logsDir() + ")");
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String excerpt(String text) {
        if (text == null) {
            return "null";
        }
        String flat = text.replace('\n', ' ');
        return flat.length() > 400 ? flat.substring(0, 400) + "…" : flat;
    }

    private static void section(StringBuilder out, String title, Collection<String> lines) {
        if (!lines.isEmpty()) {
            out.append("\n== ").append(title).append(" (").append(lines.size()).append(")\n  ");
            out.append(String.join("\n  ", lines.stream().limit(200).toList()));
            if (lines.size() > 200) {
                out.append("\n  … and ").append(lines.size() - 200).append(" more");
            }
            out.append('\n');
        }
    }
}
