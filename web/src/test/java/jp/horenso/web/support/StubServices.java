package jp.horenso.web.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A small in-test HTTP server standing in for incident-service, escalation-service and notification-service:
 * answers shaped like theirs (problem+json in the asked language, ETags, 404 outside the caller's scope), and keeps
 * every request it received so that a test can check what the console sent and with whose token
 * ({@code GET /_requests}, {@code DELETE /_requests}).
 */
public class StubServices implements QuarkusTestResourceLifecycleManager {

    public static final String CASE_ID = "0b9a3a8e-8f5e-4a54-9a43-3c1f1f4b8d01";
    /** A case nobody in the tests may see: incident-service answers 404. */
    public static final String HIDDEN_ID = "0b9a3a8e-8f5e-4a54-9a43-3c1f1f4b8d99";

    public static final String ACTION_ID = "5f0c7d0e-0d1e-4f7b-8d4e-0a6b1a2c3d4e";
    public static final String NUMBER = "INC-2026-000123";
    /** A report title the stubbed incident-service refuses with 429 (the per-person filing limit). */
    public static final String TOO_MANY = "429: too many reports";

    private static final ObjectMapper JSON = new ObjectMapper();
    private HttpServer server;
    private final List<Map<String, Object>> requests = new CopyOnWriteArrayList<>();

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(8));
        server.start();
        return Map.of(
                "horenso.test.upstream-url",
                "http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String method = ex.getRequestMethod();
            String path = ex.getRequestURI().getPath();
            String query = ex.getRequestURI().getRawQuery();
            byte[] body = ex.getRequestBody().readAllBytes();
            if (path.equals("/_requests")) {
                if ("DELETE".equals(method)) {
                    requests.clear();
                    send(ex, 204, null, "");
                } else {
                    send(ex, 200, "application/json", JSON.writeValueAsString(requests));
                }
                return;
            }
            if (path.startsWith("/keycloak/")) {
                requests.add(Map.of("method", method, "path", path));
                keycloak(ex, method, path, new String(body, StandardCharsets.UTF_8));
                return;
            }
            String auth = ex.getRequestHeaders().getFirst("Authorization");
            String user = username(auth);
            String lang = String.valueOf(ex.getRequestHeaders().getFirst("Accept-Language"));
            Map<String, Object> seen = new LinkedHashMap<>();
            seen.put("method", method);
            seen.put("path", path);
            seen.put("query", query);
            seen.put("user", user);
            seen.put("authorization", auth);
            seen.put("acceptLanguage", lang);
            seen.put("ifMatch", ex.getRequestHeaders().getFirst("If-Match"));
            seen.put("idempotencyKey", ex.getRequestHeaders().getFirst("Idempotency-Key"));
            seen.put("contentType", ex.getRequestHeaders().getFirst("Content-Type"));
            seen.put("body", new String(body, StandardCharsets.UTF_8));
            requests.add(seen);
            if (user == null) {
                send(ex, 401, "application/problem+json", "{\"status\":401,\"title\":\"Unauthorized\"}");
                return;
            }
            route(ex, method, path, user, lang.startsWith("en"), body);
        } catch (RuntimeException e) {
            e.printStackTrace();
            send(ex, 500, "text/plain", String.valueOf(e));
        }
    }

    /** The service-account token of the audit reader the stand-in hands out (and then requires). */
    public static final String AUDIT_READER_TOKEN = "stub-audit-reader-token";

    /**
     * Keycloak's token endpoint and admin REST API, as far as the log-in record uses them. The user search ignores
     * {@code q} on purpose: the console must check each user's organisation attribute itself.
     */
    private void keycloak(HttpExchange ex, String method, String path, String form) throws IOException {
        long now = System.currentTimeMillis();
        if ("POST".equals(method) && path.equals("/keycloak/realms/horenso/protocol/openid-connect/token")) {
            if (form.contains("grant_type=client_credentials")
                    && form.contains("client_id=horenso-audit-reader")
                    && form.contains("client_secret=horenso-audit-reader-local-demo-secret")) {
                send(
                        ex,
                        200,
                        "application/json",
                        "{\"access_token\":\"" + AUDIT_READER_TOKEN + "\",\"expires_in\":300}");
            } else {
                send(ex, 401, "application/json", "{\"error\":\"unauthorized_client\"}");
            }
            return;
        }
        if (!("Bearer " + AUDIT_READER_TOKEN).equals(ex.getRequestHeaders().getFirst("Authorization"))) {
            send(ex, 401, "application/json", "{\"error\":\"HTTP 401 Unauthorized\"}");
            return;
        }
        if (path.equals("/keycloak/admin/realms/horenso/users")) {
            send(ex, 200, "application/json", """
                    [{"id":"u-staff1","username":"staff1","attributes":{"organisation":["demo-city"]}},
                     {"id":"u-gikai-staff1","username":"gikai-staff1","attributes":{"organisation":["demo-gikai"]}},
                     {"id":"u-horenso-admin","username":"horenso-admin","attributes":{}},
                     {"id":"u-near","username":"near-miss","attributes":{"organisation":["demo-city-x"]}}]""");
            return;
        }
        if (path.equals("/keycloak/admin/realms/horenso/events")) {
            String query = String.valueOf(ex.getRequestURI().getRawQuery());
            if (!query.contains("first=0")) {
                send(ex, 200, "application/json", "[]");
                return;
            }
            List<Map<String, Object>> events = new ArrayList<>();
            events.add(event(now - 1_000, "LOGOUT", "u-staff1", "horenso-web", null, Map.of()));
            events.add(event(
                    now - 2_000, "LOGIN", "u-gikai-staff1", "horenso-web", null, Map.of("username", "gikai-staff1")));
            events.add(event(
                    now - 3_000,
                    "LOGIN",
                    "u-staff1",
                    "horenso-web",
                    null,
                    Map.of("username", "staff1", "auth_method", "openid-connect", "redirect_uri", "=1+1")));
            events.add(event(
                    now - 4_000,
                    "LOGIN_ERROR",
                    "u-staff1",
                    "horenso-web",
                    "invalid_user_credentials",
                    Map.of("username", "staff1")));
            events.add(event(
                    now - 5_000, "LOGIN_ERROR", null, "horenso-web", "user_not_found", Map.of("username", "nobody")));
            events.add(event(now - 6_000, "LOGIN", "u-near", "horenso-web", null, Map.of("username", "near-miss")));
            events.add(event(
                    now - 40L * 24 * 3600 * 1000,
                    "LOGIN",
                    "u-staff1",
                    "horenso-web",
                    null,
                    Map.of("username", "staff1", "note", "forty-days-ago")));
            send(ex, 200, "application/json", JSON.writeValueAsString(events));
            return;
        }
        send(ex, 404, "application/json", "{\"error\":\"not found\"}");
    }

    private static Map<String, Object> event(
            long time, String type, String userId, String client, String error, Map<String, String> details) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("time", time);
        e.put("type", type);
        e.put("realmId", "horenso");
        e.put("clientId", client);
        e.put("userId", userId);
        e.put("sessionId", userId == null ? null : "s-" + userId);
        e.put("ipAddress", "192.0.2.10");
        e.put("error", error);
        e.put("details", details);
        return e;
    }

    private void route(HttpExchange ex, String method, String path, String user, boolean en, byte[] body)
            throws IOException {
        String now = OffsetDateTime.now(ZoneOffset.UTC).toString();
        String soon = OffsetDateTime.now(ZoneOffset.UTC).plusMinutes(25).toString();
        String past = OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(10).toString();
        String base = "/incident/api/incidents/" + CASE_ID;
        if (path.startsWith("/incident/api/incidents/" + HIDDEN_ID)) {
            problem(ex, 404, en ? "Not found" : "見つかりません", null, null);
        } else if (path.equals("/incident/api/organisation") && "kyoiku-csirt1".equals(user)) {
            // An organisation onboarded at runtime: its name exists only in incident-service's profile.
            json(
                    ex,
                    200,
                    Map.of(
                            "code",
                            "demo-kyoiku",
                            "name",
                            Map.of("ja", "デモ市教育委員会", "en", "Demo City Board of Education"),
                            "caseNumberPrefix",
                            "KYOIKU"));
        } else if (path.equals("/incident/api/units")) {
            json(
                    ex,
                    200,
                    Map.of(
                            "organisation",
                            "demo-city",
                            "units",
                            List.of(
                                    Map.of(
                                            "code",
                                            "general-affairs",
                                            "kind",
                                            "DEPARTMENT",
                                            "name",
                                            Map.of("ja", "総務部", "en", "General Affairs")),
                                    Map.of(
                                            "code",
                                            "general-affairs-section",
                                            "kind",
                                            "SECTION",
                                            "parent",
                                            "general-affairs",
                                            "name",
                                            Map.of("ja", "総務課", "en", "General Affairs Section")),
                                    Map.of(
                                            "code",
                                            "welfare-section",
                                            "kind",
                                            "SECTION",
                                            "parent",
                                            "welfare",
                                            "name",
                                            Map.of("ja", "福祉課", "en", "Welfare Section")))));
        } else if (path.equals("/incident/api/incidents") && "POST".equals(method)) {
            JsonNode report = JSON.readTree(body);
            if (report.path("title").asText("").isBlank()) {
                problem(
                        ex,
                        400,
                        en ? "Invalid request" : "入力内容に誤りがあります",
                        "title",
                        en ? "Enter a title" : "件名を入力してください");
            } else if (report.path("title").asText("").equals(TOO_MANY)) {
                // incident-service's per-person filing limit (issue 14).
                Map<String, Object> p = new LinkedHashMap<>();
                p.put("type", "https://horenso.example.jp/problems/filing.rate-limited");
                p.put("title", en ? "Too many requests" : "リクエストが多すぎます");
                p.put("status", 429);
                p.put(
                        "detail",
                        en
                                ? "Too many reports: one person may file 30 per 60 seconds. Please send again in 42 seconds. Nothing was stored."
                                : "届出が多すぎます。一人 60 秒間に 30 件までです。42 秒後にもう一度送信してください。何も保存していません。");
                ex.getResponseHeaders().add("Retry-After", "42");
                send(ex, 429, "application/problem+json", JSON.writeValueAsString(p));
            } else {
                json(
                        ex,
                        201,
                        Map.of(
                                "id",
                                CASE_ID,
                                "number",
                                NUMBER,
                                "title",
                                report.path("title").asText(),
                                "state",
                                "REPORTED",
                                "version",
                                1));
            }
        } else if (path.equals("/incident/api/incidents")) {
            json(ex, 200, Map.of("items", List.of(summary(now)), "page", 0, "size", 20, "total", 1));
        } else if (path.equals(base) && "GET".equals(method)) {
            ex.getResponseHeaders().add("ETag", "\"3\"");
            json(ex, 200, incident(now));
        } else if (path.equals(base + "/record") && "PUT".equals(method)) {
            String ifMatch = ex.getRequestHeaders().getFirst("If-Match");
            if (!"\"3\"".equals(ifMatch)) {
                problem(ex, 412, en ? "Changed by someone else" : "他の人が先に更新しました", null, null);
            } else {
                ex.getResponseHeaders().add("ETag", "\"4\"");
                json(ex, 200, incident(now));
            }
        } else if (path.equals("/incident/api/me/awaiting")) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("incidentId", CASE_ID);
            item.put("number", NUMBER);
            item.put("title", "USBメモリの紛失");
            item.put("severity", "HIGH");
            item.put("drill", false);
            item.put("hopId", "h1");
            item.put("step", "chief1".equals(user) ? "SECTION_CHIEF" : "DEPARTMENT_HEAD");
            item.put("trigger", "chief1".equals(user) ? "REPORT" : "ACKNOWLEDGED");
            item.put("openedAt", now);
            item.put("ackDeadline", soon);
            item.put("overdue", false);
            json(ex, 200, "chief1".equals(user) || "head1".equals(user) ? List.of(item) : List.of());
        } else if (path.equals(base + "/acknowledgements")) {
            json(ex, 201, Map.of("incidentId", CASE_ID, "acknowledgedBy", user, "at", now));
        } else if (path.equals("/incident/api/dashboard/cases")) {
            if (!List.of("csirt1", "seclead", "ciso").contains(user)) {
                problem(ex, 403, "Forbidden", null, null);
                return;
            }
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("incidentId", CASE_ID);
            item.put("number", NUMBER);
            item.put("title", "USBメモリの紛失");
            item.put("unit", "general-affairs-section");
            item.put("severity", "HIGH");
            item.put("status", "REPORTED");
            item.put("drill", false);
            item.put("reportedAt", now);
            item.put(
                    "chainPosition",
                    Map.of(
                            "step",
                            "SECTION_CHIEF",
                            "recipient",
                            Map.of("username", "chief1", "name", "総務 課長"),
                            "ackDeadline",
                            past,
                            "overdue",
                            true));
            item.put("openHops", 1);
            item.put("nextLegalDeadline", Map.of("code", "R1", "report", "PROMPT", "dueAt", soon, "overdue", false));
            item.put("responsePhase", "CONTAINMENT");
            // a common word: incident-service counted only the first 10,001 matches (issue 13)
            boolean common = String.valueOf(ex.getRequestURI().getRawQuery()).contains("q=%E3%83%A1%E3%83%BC%E3%83%AB");
            json(
                    ex,
                    200,
                    Map.of(
                            "items",
                            List.of(item),
                            "total",
                            common ? 1_000 : 1,
                            "drills",
                            2,
                            "totalIsLowerBound",
                            common));
        } else if (path.equals("/incident/api/kpis")) {
            json(
                    ex,
                    200,
                    Map.of(
                            "months",
                            List.of(Map.of(
                                    "month",
                                    "2026-12",
                                    "ackTime",
                                    Map.of(
                                            "SECTION_CHIEF",
                                            Map.of("medianSeconds", 600, "p90Seconds", 1500, "count", 4)),
                                    "timeToContain",
                                    Map.of("medianSeconds", 7200, "p90Seconds", 36000, "count", 3),
                                    "timeToClose",
                                    Map.of("medianSeconds", 86400, "p90Seconds", 172800, "count", 2))),
                            "openBySeverity",
                            Map.of("HIGH", 1, "LOW", 3),
                            "overdueHops",
                            1,
                            "overdueLegalClocks",
                            0));
        } else if (path.equals(base + "/chain")) {
            json(
                    ex,
                    200,
                    List.of(Map.of(
                            "hopId",
                            "h1",
                            "step",
                            "SECTION_CHIEF",
                            "recipient",
                            Map.of("username", "chief1", "name", "総務 課長"),
                            "trigger",
                            "REPORT",
                            "openedAt",
                            now,
                            "ackDeadline",
                            past,
                            "state",
                            "OPEN",
                            "overdue",
                            true)));
        } else if (path.equals(base + "/responses") && "POST".equals(method)) {
            JsonNode action = JSON.readTree(body);
            if (action.path("description").asText("").isBlank()) {
                problem(
                        ex,
                        400,
                        en ? "Invalid request" : "入力内容に誤りがあります",
                        "description",
                        en ? "Describe the action" : "内容を入力してください");
            } else {
                json(ex, 201, Map.of("id", ACTION_ID));
            }
        } else if (path.equals(base + "/responses")) {
            json(
                    ex,
                    200,
                    List.of(Map.of(
                            "id",
                            ACTION_ID,
                            "kind",
                            "CONTAINMENT",
                            "description",
                            "LANケーブルを抜いた",
                            "ownerUnit",
                            "general-affairs-section",
                            "dueDate",
                            "2026-12-07",
                            "overdue",
                            false,
                            "status",
                            "IN_PROGRESS",
                            "version",
                            2)));
        } else if (path.equals(base + "/responses/" + ACTION_ID) && "PUT".equals(method)) {
            if (!"\"2\"".equals(ex.getRequestHeaders().getFirst("If-Match"))) {
                problem(ex, 412, "Precondition failed", null, null);
            } else {
                json(ex, 200, Map.of("id", ACTION_ID));
            }
        } else if (path.equals(base + "/evidence") && "GET".equals(method)) {
            json(
                    ex,
                    200,
                    List.of(Map.of(
                            "id",
                            "e0000000-0000-0000-0000-000000000001",
                            "filename",
                            "log.txt",
                            "contentType",
                            "text/plain",
                            "sizeBytes",
                            5,
                            "sha256",
                            "ab".repeat(32),
                            "receivedBy",
                            "csirt1",
                            "receivedAt",
                            now,
                            "custody",
                            List.of(
                                    Map.of("action", "RECEIVED", "actor", "csirt1", "at", now),
                                    Map.of(
                                            "action",
                                            "HANDED_OVER",
                                            "actor",
                                            "csirt1",
                                            "at",
                                            now,
                                            "handedTo",
                                            "県警サイバー犯罪対策課",
                                            "purpose",
                                            "解析依頼")))));
        } else if (path.equals(base + "/evidence") && "POST".equals(method)) {
            json(ex, 201, Map.of("id", "e0000000-0000-0000-0000-000000000002"));
        } else if (path.startsWith(base + "/evidence/") && path.endsWith("/content")) {
            ex.getResponseHeaders().add("Content-Disposition", "attachment; filename=\"log.txt\"");
            send(ex, 200, "text/plain", "hello");
        } else if (path.equals(base + "/ciso-reports") && "GET".equals(method)) {
            json(
                    ex,
                    200,
                    List.of(Map.of(
                            "version",
                            1,
                            "sha256",
                            "cd".repeat(32),
                            "submittedBy",
                            "csirt1",
                            "submittedAt",
                            now,
                            "latest",
                            true)));
        } else if (path.equals(base + "/ciso-reports") && "POST".equals(method)) {
            json(ex, 201, Map.of("version", 2));
        } else if (path.equals(base + "/ciso-reports/1/decision")) {
            JsonNode decision = JSON.readTree(body);
            if ("RETURN".equals(decision.path("decision").asText())
                    && decision.path("instructions").isNull()) {
                problem(
                        ex,
                        400,
                        en ? "Invalid request" : "入力内容に誤りがあります",
                        "instructions",
                        en ? "Instructions are required to return" : "差し戻す場合は指示が必要です");
            } else {
                json(ex, 200, Map.of("version", 1));
            }
        } else if (path.equals(base + "/documents/ciso-reports/1")) {
            ex.getResponseHeaders().add("Content-Disposition", "inline; filename=\"report.pdf\"");
            send(ex, 200, "application/pdf", "%PDF-1.7 stub");
        } else if (path.equals(base + "/review")) {
            json(ex, 200, review());
        } else if (path.equals(base + "/committee-report") && "POST".equals(method)) {
            JsonNode report = JSON.readTree(body);
            if (report.path("reference").isNull() || report.path("reference").isMissingNode()) {
                problem(
                        ex,
                        400,
                        en ? "Invalid request" : "入力内容に誤りがあります",
                        "reference",
                        en ? "Give the minute or file number" : "議事録・文書番号を入力してください");
            } else {
                json(ex, 200, review());
            }
        } else if (path.equals(base + "/close") && "POST".equals(method)) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("type", "https://horenso.jp/problems/not-closable");
            p.put("title", en ? "The case cannot be closed" : "事案を終結できません");
            p.put("status", 409);
            p.put(
                    "detail",
                    en
                            ? "The report to the information-security committee is not recorded yet."
                            : "情報セキュリティ委員会への報告がまだ記録されていません。");
            send(ex, 409, "application/problem+json", JSON.writeValueAsString(p));
        } else if (path.equals(base + "/communications") && "GET".equals(method)) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("id", "c0000000-0000-0000-0000-000000000001");
            c.put("incidentId", CASE_ID);
            c.put("kind", "NOTICE_TO_PERSONS");
            c.put("kindLabel", Map.of("ja", "本人への連絡", "en", "Notice to the persons concerned"));
            c.put("persons", 120);
            c.put("method", "LETTER");
            c.put("methodLabel", Map.of("ja", "郵送", "en", "Letter"));
            c.put("communicatedAt", "2026-12-06T10:00:00+09:00");
            c.put("reference", "総第123号");
            c.put("summary", "お詫びと経緯の通知");
            c.put("recordedBy", "csirt1");
            c.put("recordedAt", now);
            json(ex, 200, List.of(c));
        } else if (path.equals(base + "/communications") && "POST".equals(method)) {
            JsonNode c = JSON.readTree(body);
            if ("NOTICE_TO_PERSONS".equals(c.path("kind").asText())
                    && c.path("persons").isNull()) {
                problem(
                        ex,
                        400,
                        en ? "Invalid request" : "入力内容に誤りがあります",
                        "persons",
                        en ? "A notice to persons needs their number" : "本人への連絡には人数が必要です");
            } else {
                json(ex, 201, Map.of("id", "c0000000-0000-0000-0000-000000000002"));
            }
        } else if (path.equals(base + "/unit") && "POST".equals(method)) {
            JsonNode change = JSON.readTree(body);
            if (!List.of("general-affairs-section", "welfare-section")
                    .contains(change.path("unit").asText())) {
                problem(
                        ex,
                        400,
                        en ? "Invalid request" : "入力内容に誤りがあります",
                        "unit",
                        en ? "Not a section of the directory" : "組織情報にない部署です");
            } else {
                json(ex, 200, incident(now));
            }
        } else if (path.equals(base + "/withdrawal") && "POST".equals(method)) {
            if (JSON.readTree(body).path("reason").isNull()) {
                problem(
                        ex,
                        400,
                        en ? "Invalid request" : "入力内容に誤りがあります",
                        "reason",
                        en ? "Give the reason" : "理由を入力してください");
            } else {
                json(ex, 200, incident(now));
            }
        } else if (path.equals(base + "/drill-marking") && "POST".equals(method)) {
            if (!JSON.readTree(body).path("drill").asBoolean() && !"csirt1".equals(user)) {
                problem(
                        ex,
                        403,
                        en ? "Only the CSIRT may correct a drill marking" : "訓練の表示を訂正できるのはCSIRTだけです",
                        null,
                        null);
            } else {
                json(ex, 200, incident(now));
            }
        } else if (path.equals("/escalation/api/directory/absences") && "GET".equals(method)) {
            json(
                    ex,
                    200,
                    List.of(Map.of(
                            "id",
                            41,
                            "username",
                            "chief1",
                            "startsAt",
                            "2026-12-07T00:00:00Z",
                            "endsAt",
                            "2026-12-10T00:00:00Z",
                            "reason",
                            "年次休暇",
                            "createdBy",
                            "seclead")));
        } else if (path.equals("/escalation/api/directory/absences") && "POST".equals(method)) {
            JsonNode a = JSON.readTree(body);
            if (!List.of("chief1", "head1", "staff1")
                    .contains(a.path("username").asText())) {
                Map<String, Object> p = new LinkedHashMap<>();
                p.put("title", en ? "Invalid absence" : "不在を記録できません");
                p.put("status", 422);
                p.put("detail", en ? "The absence is not valid." : "不在の内容に誤りがあります。");
                p.put(
                        "errors",
                        List.of(Map.of(
                                "field",
                                "username",
                                "message",
                                en
                                        ? "There is nobody called "
                                                + a.path("username").asText() + " in the organisation."
                                        : "組織に " + a.path("username").asText() + " という人はいません。")));
                send(ex, 422, "application/problem+json", JSON.writeValueAsString(p));
            } else {
                json(ex, 201, Map.of("id", 42, "username", a.path("username").asText()));
            }
        } else if (path.startsWith("/escalation/api/directory/absences/") && "DELETE".equals(method)) {
            send(ex, 204, null, "");
        } else if (path.matches("/notification/api/recipients/[^/]+/delivery") && "GET".equals(method)) {
            String who = path.split("/")[4];
            json(
                    ex,
                    200,
                    Map.of(
                            "username",
                            who,
                            "digestWindow",
                            "PT10M",
                            "neverGrouped",
                            false,
                            "channels",
                            List.of(
                                    Map.of(
                                            "position",
                                            0,
                                            "channel",
                                            "WEBHOOK",
                                            "format",
                                            "TEAMS",
                                            "address",
                                            "https://teams.example.jp/hook",
                                            "secretSet",
                                            false),
                                    Map.of(
                                            "position",
                                            1,
                                            "channel",
                                            "MAIL",
                                            "address",
                                            who + "@demo-city.example.jp",
                                            "secretSet",
                                            false))));
        } else if (path.matches("/notification/api/recipients/[^/]+/delivery") && "PUT".equals(method)) {
            if (new String(body, StandardCharsets.UTF_8).contains("not-an-address")) {
                problem(
                        ex,
                        400,
                        en ? "Invalid delivery settings" : "配信先の設定に誤りがあります",
                        "channels[0].address",
                        en ? "Not a mail address." : "メールアドレスが正しくありません。");
            } else {
                json(ex, 200, Map.of("username", path.split("/")[4], "channels", List.of(), "neverGrouped", false));
            }
        } else if (path.equals(base + "/disclosure")) {
            json(ex, 200, Map.of("incidentNumber", NUMBER, "drafts", List.of()));
        } else if (path.equals(base + "/audit/verify")) {
            json(
                    ex,
                    200,
                    Map.of(
                            "incidentId",
                            CASE_ID,
                            "entries",
                            12,
                            "intact",
                            true,
                            "headHash",
                            "ef".repeat(32),
                            "verifiedAt",
                            now));
        } else if (path.equals(base + "/audit/export.csv")) {
            send(ex, 200, "text/csv", "seq,type\n1,REPORTED\n");
        } else if (path.equals("/escalation/api/incidents/" + CASE_ID + "/serious")) {
            json(ex, 200, Map.of("incidentId", CASE_ID, "markedSeriousBy", user));
        } else if (path.equals("/escalation/api/chain") && "GET".equals(method)) {
            ex.getResponseHeaders().add("ETag", "\"7\"");
            json(
                    ex,
                    200,
                    Map.of(
                            "organisation",
                            "demo-city",
                            "version",
                            7,
                            "document",
                            Map.of("steps", List.of(Map.of("position", "SECTION_CHIEF", "ackWithin", "PT30M")))));
        } else if (path.equals("/escalation/api/chain/validation")) {
            if (new String(body, StandardCharsets.UTF_8).contains("NOBODY")) {
                problem(
                        ex,
                        422,
                        en ? "Invalid chain" : "報告経路が正しくありません",
                        "steps[0].position",
                        en ? "unknown position NOBODY" : "不明な役職 NOBODY");
            } else {
                send(ex, 204, null, "");
            }
        } else if (path.equals("/escalation/api/chain") && "PUT".equals(method)) {
            if (!"\"7\"".equals(ex.getRequestHeaders().getFirst("If-Match"))) {
                problem(ex, 412, "Precondition failed", null, null);
            } else {
                json(ex, 200, Map.of("version", 8));
            }
        } else if (path.equals("/escalation/api/directory") && "PUT".equals(method)) {
            if (new String(body, StandardCharsets.UTF_8).contains("broken")) {
                Map<String, Object> p = new LinkedHashMap<>();
                p.put("title", en ? "Directory not imported" : "組織情報を取り込めません");
                p.put("status", 422);
                p.put("detail", en ? "Nothing was changed." : "何も変更していません。");
                p.put(
                        "errors",
                        List.of(
                                Map.of("line", 3, "message", en ? "unknown unit" : "不明な部署"),
                                Map.of("line", 5, "message", en ? "missing e-mail" : "メールアドレスがありません")));
                send(ex, 422, "application/problem+json", JSON.writeValueAsString(p));
            } else {
                json(
                        ex,
                        200,
                        Map.of(
                                "units",
                                4,
                                "people",
                                12,
                                "dryRun",
                                ex.getRequestURI().getQuery() != null
                                        && ex.getRequestURI().getQuery().contains("dryRun=true")));
            }
        } else if (path.equals("/notification/api/notifications")) {
            json(
                    ex,
                    200,
                    List.of(Map.of(
                            "recipient",
                            Map.of("username", "chief1", "email", "chief1@demo-city.example.jp"),
                            "kind",
                            "HOP_OPENED",
                            "channel",
                            "EMAIL",
                            "status",
                            "SENT",
                            "createdAt",
                            now,
                            "sentAt",
                            now)));
        } else if (path.equals("/escalation/api/organisations") && "POST".equals(method)) {
            onboarding(ex, new String(body, StandardCharsets.UTF_8), en);
        } else if (path.matches("/(incident|escalation|notification)/api/admin-trail(/verify)?")) {
            adminTrail(ex, path, en);
        } else {
            problem(ex, 404, "Not found", null, null);
        }
    }

    /**
     * escalation-service's onboarding as the escalation helper specified it: {@code POST /api/organisations?dryRun=},
     * YAML body; a bundle with "broken" is refused with line and field, one naming demo-city conflicts, anything
     * else answers what would be (200, dry run) or was (201) created.
     */
    private void onboarding(HttpExchange ex, String bundle, boolean en) throws IOException {
        String query = String.valueOf(ex.getRequestURI().getQuery());
        if (bundle.contains("broken")) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("type", "https://horenso.example.jp/problems/validation");
            p.put("title", en ? "The bundle has errors" : "登録ファイルに誤りがあります");
            p.put("status", 400);
            p.put("detail", en ? "Nothing was stored." : "何も登録していません。");
            p.put(
                    "errors",
                    List.of(
                            Map.of(
                                    "line",
                                    4,
                                    "field",
                                    "units[1].parent",
                                    "message",
                                    en ? "unknown unit gikai-nowhere" : "存在しない部署 gikai-nowhere です"),
                            Map.of(
                                    "line",
                                    9,
                                    "field",
                                    "people[0].email",
                                    "message",
                                    en ? "not an e-mail address" : "メールアドレスの形式ではありません")));
            send(ex, 400, "application/problem+json", JSON.writeValueAsString(p));
        } else if (bundle.contains("organisation: demo-city")) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("title", en ? "Organisation exists" : "組織は登録済みです");
            p.put("status", 409);
            p.put("detail", en ? "demo-city is already onboarded." : "demo-city は既に登録されています。");
            p.put(
                    "errors",
                    List.of(Map.of(
                            "line", 1, "field", "organisation", "message", en ? "already onboarded" : "既に登録されています")));
            send(ex, 409, "application/problem+json", JSON.writeValueAsString(p));
        } else {
            boolean dryRun = query.contains("dryRun=true");
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("organisation", "demo-school");
            r.put("name", Map.of("ja", "デモ市教育委員会", "en", "Demo City Board of Education"));
            r.put(
                    "units",
                    List.of(
                            Map.of(
                                    "code",
                                    "school-secretariat",
                                    "name",
                                    Map.of("ja", "教育総務課", "en", "General Affairs")),
                            Map.of(
                                    "code",
                                    "school-guidance",
                                    "name",
                                    Map.of("ja", "学校教育課", "en", "School Education"))));
            r.put("people", List.of(Map.of("username", "school-staff1"), Map.of("username", "school-chief1")));
            r.put("positions", List.of(Map.of("position", "SECTION_CHIEF school-guidance")));
            r.put("chainSteps", 4);
            r.put("dryRun", dryRun);
            json(ex, dryRun ? 200 : 201, r);
        }
    }

    /** The platform's administrative trail: the caller's organisation, or the one the installation admin names. */
    private void adminTrail(HttpExchange ex, String path, boolean en) throws IOException {
        String own = claim(ex.getRequestHeaders().getFirst("Authorization"), "organisation");
        String query = ex.getRequestURI().getQuery();
        String named = query == null || !query.contains("organisation=")
                ? null
                : query.replaceAll(".*organisation=([^&]*).*", "$1");
        String organisation;
        if (own != null) {
            if (named != null && !named.equals(own)) {
                problem(ex, 403, en ? "Not your organisation" : "他の組織です", null, null);
                return;
            }
            organisation = own;
        } else if (named == null) {
            problem(ex, 400, en ? "Name the organisation" : "組織を指定してください", "organisation", null);
            return;
        } else {
            organisation = named;
        }
        String service = path.substring(1, path.indexOf('/', 1));
        boolean broken = "notification".equals(service) && "demo-gikai".equals(organisation);
        if (path.endsWith("/verify")) {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("organisation", organisation);
            v.put("entries", 2);
            v.put("intact", !broken);
            v.put("brokenAtSeq", broken ? 2 : null);
            v.put("headSeq", 2);
            v.put("verifiedAt", OffsetDateTime.now(ZoneOffset.UTC).toString());
            v.put(
                    "findings",
                    broken
                            ? List.of(Map.of(
                                    "code",
                                    "CHAIN_BROKEN",
                                    "seq",
                                    2,
                                    "ja",
                                    "記録 2 のハッシュが一致しません。",
                                    "en",
                                    "Entry 2 does not match its hash."))
                            : List.of());
            json(ex, 200, v);
        } else {
            json(
                    ex,
                    200,
                    List.of(
                            Map.of(
                                    "seq",
                                    2,
                                    "organisation",
                                    organisation,
                                    "recordedAt",
                                    "2026-12-06T01:00:00Z",
                                    "actor",
                                    organisation + "-lead",
                                    "action",
                                    "DIRECTORY_IMPORTED",
                                    "subject",
                                    service + "-directory-of-" + organisation,
                                    "detail",
                                    "{\"people\":12}"),
                            Map.of(
                                    "seq",
                                    1,
                                    "organisation",
                                    organisation,
                                    "recordedAt",
                                    "2026-12-05T01:00:00Z",
                                    "actor",
                                    "seed",
                                    "action",
                                    "ORGANISATION_ONBOARDED",
                                    "subject",
                                    organisation,
                                    "detail",
                                    "{}")));
        }
    }

    private static String claim(String authorization, String claim) {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return null;
        }
        try {
            String[] parts = authorization.substring(7).split("\\.");
            JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
            return claims.path(claim).asText(null);
        } catch (Exception e) {
            return null;
        }
    }

    private static Map<String, Object> review() {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("incidentNumber", NUMBER);
        r.put("state", "UNDER_CISO_REVIEW");
        r.put("latestReportVersion", 1);
        r.put("severeJudgedByCiso", true);
        r.put("closable", false);
        r.put(
                "missing",
                List.of(Map.of(
                        "code",
                        "COMMITTEE_REPORT",
                        "ja",
                        "情報セキュリティ委員会への報告",
                        "en",
                        "The report to the information-security committee")));
        return r;
    }

    private static Map<String, Object> summary(String now) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("id", CASE_ID);
        s.put("number", NUMBER);
        s.put("kind", "SECURITY_INCIDENT");
        s.put("title", "USBメモリの紛失");
        s.put("state", "UNDER_CISO_REVIEW");
        s.put("severity", "HIGH");
        s.put("unit", "general-affairs-section");
        s.put("reportedAt", now);
        s.put("drill", false);
        return s;
    }

    private static Map<String, Object> incident(String now) {
        Map<String, Object> i = new LinkedHashMap<>(summary(now));
        i.put("description", "USBメモリを紛失した");
        i.put("reporterType", "STAFF");
        i.put("reportedBy", "staff1");
        i.put("occurredAt", "2026-12-06T09:00:00+09:00");
        i.put("discoveredAt", "2026-12-06T09:30:00+09:00");
        i.put("severity", Map.of("level", "HIGH", "ja", "高", "en", "High"));
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("networkZone", "LGWAN");
        record.put("informationSystems", List.of("住民情報システム"));
        record.put("classificationScheme", "x");
        record.put("ongoing", false);
        record.put("cause", "置き忘れ");
        i.put("record", record);
        i.put(
                "legalDuties",
                List.of(Map.of(
                        "code",
                        "R1",
                        "name",
                        Map.of("ja", "個人情報保護委員会への報告", "en", "Report to the PPC"),
                        "status",
                        "OPEN",
                        "promptDueAt",
                        now,
                        "finalDueAt",
                        now,
                        "promptOverdue",
                        false,
                        "finalOverdue",
                        false)));
        i.put("version", 3);
        List<Map<String, Object>> timeline = new ArrayList<>();
        timeline.add(Map.of("type", "REPORTED", "at", now, "actor", "staff1", "details", Map.of()));
        i.put("timeline", timeline);
        return i;
    }

    private static String username(String authorization) {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return null;
        }
        try {
            String[] parts = authorization.substring(7).split("\\.");
            JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
            return claims.path("preferred_username").asText(null);
        } catch (Exception e) {
            return null;
        }
    }

    private static void problem(HttpExchange ex, int status, String title, String field, String message)
            throws IOException {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("type", "about:blank");
        p.put("title", title);
        p.put("status", status);
        p.put("detail", message == null ? title : title + ": " + message);
        if (field != null) {
            p.put("errors", List.of(Map.of("field", field, "message", message)));
        }
        send(ex, status, "application/problem+json", JSON.writeValueAsString(p));
    }

    private static void json(HttpExchange ex, int status, Object body) throws IOException {
        send(ex, status, "application/json", JSON.writeValueAsString(body));
    }

    private static void send(HttpExchange ex, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        if (type != null) {
            ex.getResponseHeaders()
                    .add("Content-Type", type + (type.startsWith("application/pdf") ? "" : "; charset=UTF-8"));
        }
        if (status == 204) {
            ex.sendResponseHeaders(204, -1);
            return;
        }
        ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        ex.getResponseBody().write(bytes);
    }
}
