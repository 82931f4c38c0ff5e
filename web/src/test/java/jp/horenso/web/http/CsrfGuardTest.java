package jp.horenso.web.http;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import jp.horenso.web.support.CsrfForTests;
import jp.horenso.web.support.Tokens;
import jp.horenso.web.support.Upstream;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * CSRF protection of the console (issue 14): every route that changes something — found from the resources
 * themselves, so a new form cannot be forgotten — is refused (403, nothing called upstream) without the browser
 * session's token, with a wrong one or from another site, and reached with it.
 */
@QuarkusTest
class CsrfGuardTest {

    /** Someone every page lets in (the roles decide what a page shows, not whether the guard runs). */
    private static final String EVERYONE = Tokens.of(
            "demo-city",
            "csirt1",
            "information-policy",
            "staff",
            "section-chief",
            "department-head",
            "security-lead",
            "csirt",
            "ciso",
            "auditor");

    /** One changing route of the console, with its path parameters filled in. */
    record Route(String method, String path) {}

    @BeforeEach
    void forget() {
        Upstream.forget();
    }

    /** Every POST, PUT, PATCH and DELETE method of the console's resources (not the REST clients of the services). */
    static List<Route> changingRoutes() throws IOException, ClassNotFoundException {
        java.nio.file.Path classes = Paths.get("target/classes");
        List<String> names;
        try (Stream<java.nio.file.Path> files = Files.walk(classes.resolve("jp/horenso/web"))) {
            names = files.map(classes::relativize)
                    .map(java.nio.file.Path::toString)
                    .filter(name -> name.endsWith(".class") && !name.contains("$"))
                    .map(name ->
                            name.substring(0, name.length() - ".class".length()).replace('/', '.'))
                    .toList();
        }
        List<Route> routes = new ArrayList<>();
        for (String name : names) {
            Class<?> type = Class.forName(name, false, Thread.currentThread().getContextClassLoader());
            if (!type.isAnnotationPresent(Path.class) || type.isAnnotationPresent(RegisterRestClient.class)) {
                continue;
            }
            for (Method method : type.getDeclaredMethods()) {
                String verb = method.isAnnotationPresent(POST.class)
                        ? "POST"
                        : method.isAnnotationPresent(PUT.class)
                                ? "PUT"
                                : method.isAnnotationPresent(DELETE.class)
                                        ? "DELETE"
                                        : method.isAnnotationPresent(PATCH.class) ? "PATCH" : null;
                if (verb == null) {
                    continue;
                }
                String path = type.getAnnotation(Path.class).value();
                if (method.isAnnotationPresent(Path.class)) {
                    path = path.replaceAll("/$", "") + "/"
                            + method.getAnnotation(Path.class).value().replaceAll("^/", "");
                }
                routes.add(new Route(verb, fill(path, method)));
            }
        }
        return routes;
    }

    private static String fill(String path, Method method) {
        Matcher parameter = Pattern.compile("\\{([^}:]+)(:[^}]*)?}").matcher(path);
        StringBuilder filled = new StringBuilder();
        while (parameter.find()) {
            String name = parameter.group(1).strip();
            Class<?> type = String.class;
            for (Parameter p : method.getParameters()) {
                if (p.isAnnotationPresent(PathParam.class)
                        && p.getAnnotation(PathParam.class).value().equals(name)) {
                    type = p.getType();
                }
            }
            String value = type == UUID.class
                    ? "00000000-0000-4000-8000-000000000001"
                    : type == int.class || type == long.class || type == Integer.class || type == Long.class
                            ? "1"
                            : "x";
            parameter.appendReplacement(filled, value);
        }
        parameter.appendTail(filled);
        return filled.toString();
    }

    private static RequestSpecification withoutTheTestBrowsersToken() {
        return given().noFiltersOfType(CsrfForTests.class)
                .header("Authorization", "Bearer " + EVERYONE)
                .contentType("application/x-www-form-urlencoded; charset=UTF-8")
                .formParam("comment", "csrf");
    }

    private static void assertRefused(Response response, Route route) {
        assertEquals(403, response.statusCode(), route + " " + response.asString());
        assertTrue(response.contentType().startsWith("application/problem+json"), route.toString());
        assertEquals("https://horenso.example.jp/problems/csrf.refused", response.path("type"), route.toString());
        assertTrue(Upstream.received().isEmpty(), route + " called a service: " + Upstream.received());
    }

    @Test
    void theConsoleHasChangingRoutesAndTheEnumerationFindsThem() throws Exception {
        List<Route> routes = changingRoutes();
        assertTrue(routes.contains(new Route("POST", "/report")), routes.toString());
        assertTrue(routes.size() >= 20, routes.toString());
    }

    @Test
    void everyChangingRouteIsRefusedWithoutTheTokenAndNothingIsCalled() throws Exception {
        for (Route route : changingRoutes()) {
            Upstream.forget();
            assertRefused(withoutTheTestBrowsersToken().request(route.method(), route.path()), route);
            // The session cookie alone is not enough: the page's token must come with it.
            Upstream.forget();
            assertRefused(
                    withoutTheTestBrowsersToken()
                            .cookie(CsrfTokens.COOKIE, CsrfForTests.NONCE)
                            .request(route.method(), route.path()),
                    route);
        }
    }

    @Test
    void everyChangingRouteIsRefusedWithAnotherSessionsToken() throws Exception {
        String othersToken =
                io.quarkus.arc.Arc.container().instance(CsrfTokens.class).get().tokenFor("another");
        for (Route route : changingRoutes()) {
            Upstream.forget();
            assertRefused(
                    withoutTheTestBrowsersToken()
                            .cookie(CsrfTokens.COOKIE, CsrfForTests.NONCE)
                            .formParam(CsrfTokens.FIELD, othersToken)
                            .request(route.method(), route.path()),
                    route);
        }
    }

    @Test
    void everyChangingRouteIsReachedWithTheSessionsToken() throws Exception {
        for (Route route : changingRoutes()) {
            Response response = withoutTheTestBrowsersToken()
                    .cookie(CsrfTokens.COOKIE, CsrfForTests.NONCE)
                    .formParam(CsrfTokens.FIELD, CsrfForTests.token())
                    .request(route.method(), route.path());
            assertFalse(response.asString().contains("csrf.refused"), route + " " + response.asString());
            assertNotEquals(413, response.statusCode(), route.toString());
        }
    }

    @Test
    void aRequestFromAnotherSiteIsRefusedEvenWithTheToken() {
        Route report = new Route("POST", "/report");
        assertRefused(
                withoutTheTestBrowsersToken()
                        .cookie(CsrfTokens.COOKIE, CsrfForTests.NONCE)
                        .formParam(CsrfTokens.FIELD, CsrfForTests.token())
                        .header("Sec-Fetch-Site", "cross-site")
                        .post("/report"),
                report);
        assertRefused(
                withoutTheTestBrowsersToken()
                        .cookie(CsrfTokens.COOKIE, CsrfForTests.NONCE)
                        .formParam(CsrfTokens.FIELD, CsrfForTests.token())
                        .header("Origin", "https://attacker.example")
                        .post("/report"),
                report);
    }

    @Test
    void theFormOfAPageCarriesItsSessionsTokenAndIsAccepted() {
        Response form = given().noFiltersOfType(CsrfForTests.class)
                .header("Authorization", "Bearer " + Tokens.staff1())
                .get("/report");
        assertEquals(200, form.statusCode());
        String nonce = form.getCookie(CsrfTokens.COOKIE);
        assertTrue(nonce != null && nonce.length() >= 40, "the session's nonce cookie: " + form.getHeaders());
        String setCookie = form.getHeader("Set-Cookie");
        assertTrue(
                setCookie.toLowerCase(java.util.Locale.ROOT).contains("httponly")
                        && setCookie.contains("SameSite=Strict"),
                setCookie);
        String html = form.asString();
        Matcher field = Pattern.compile("<input type=\"hidden\" name=\"_csrf\" value=\"([^\"]+)\">")
                .matcher(html);
        assertTrue(field.find(), "the form carries the token: " + html);
        String token = field.group(1);
        assertTrue(html.contains("<body hx-headers=\"{&quot;X-CSRF-Token&quot;:&quot;" + token + "&quot;}\">"), html);

        String done = given().noFiltersOfType(CsrfForTests.class)
                .header("Authorization", "Bearer " + Tokens.staff1())
                .header("Sec-Fetch-Site", "same-origin")
                .cookie(CsrfTokens.COOKIE, nonce)
                .contentType("application/x-www-form-urlencoded; charset=UTF-8")
                .formParam(CsrfTokens.FIELD, token)
                .formParam("title", "USBメモリの紛失")
                .formParam("description", "会議室で紛失した")
                .formParam("occurredAt", "2026-12-06T09:00")
                .formParam("discoveredAt", "2026-12-06T09:30")
                .formParam("reporterType", "STAFF")
                .post("/report")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertTrue(done.contains("報告を受け付けました"), done);
        Upstream.the("POST", "/incident/api/incidents");
    }

    @Test
    void aMultipartFormCarriesTheTokenAsAField() {
        Response upload = given().noFiltersOfType(CsrfForTests.class)
                .header("Authorization", "Bearer " + Tokens.installationAdmin())
                .cookie(CsrfTokens.COOKIE, CsrfForTests.NONCE)
                .multiPart(CsrfTokens.FIELD, CsrfForTests.token())
                .multiPart("content", "organisation: x")
                .post("/admin/organisations");
        assertFalse(upload.asString().contains("csrf.refused"), upload.asString());
        Upstream.forget();
        Response refused = given().noFiltersOfType(CsrfForTests.class)
                .header("Authorization", "Bearer " + Tokens.installationAdmin())
                .cookie(CsrfTokens.COOKIE, CsrfForTests.NONCE)
                .multiPart(CsrfTokens.FIELD, "not-the-token")
                .multiPart("content", "organisation: x")
                .post("/admin/organisations");
        assertRefused(refused, new Route("POST", "/admin/organisations"));
    }

    @Test
    void aBrowserGetsARefusalPageInJapaneseAndEnglish() {
        String html = given().noFiltersOfType(CsrfForTests.class)
                .header("Authorization", "Bearer " + Tokens.staff1())
                .accept("text/html,application/xhtml+xml")
                .contentType("application/x-www-form-urlencoded; charset=UTF-8")
                .formParam("title", "x")
                .post("/report")
                .then()
                .statusCode(403)
                .contentType(org.hamcrest.Matchers.containsString("text/html"))
                .extract()
                .asString();
        assertTrue(html.contains("送信を受け付けられません") && html.contains("The submission was refused"), html);
        assertTrue(Upstream.received().isEmpty());
    }

    @Test
    void everyPostFormOfTheTemplatesCarriesTheTokenTag() throws IOException {
        java.nio.file.Path templates = Paths.get("src/main/resources/templates");
        Pattern form = Pattern.compile("<form\\b[^>]*>", Pattern.CASE_INSENSITIVE);
        List<String> missing = new ArrayList<>();
        int posts = 0;
        try (Stream<java.nio.file.Path> files = Files.walk(templates)) {
            for (java.nio.file.Path file :
                    files.filter(f -> f.toString().endsWith(".html")).toList()) {
                String text = Files.readString(file);
                Matcher m = form.matcher(text);
                while (m.find()) {
                    if (!m.group().toLowerCase(java.util.Locale.ROOT).contains("method=\"get\"")) {
                        posts++;
                        if (!text.startsWith("{#csrf /}", m.end())) {
                            missing.add(file + ": " + m.group());
                        }
                    }
                }
            }
        }
        assertTrue(posts >= 20, "post forms found: " + posts);
        assertTrue(missing.isEmpty(), "forms without {#csrf /}: " + missing);
    }
}
