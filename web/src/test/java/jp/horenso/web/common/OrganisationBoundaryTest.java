package jp.horenso.web.common;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.security.Authenticated;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import jp.horenso.web.support.StubServices;
import jp.horenso.web.support.Tokens;
import jp.horenso.web.support.Upstream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The console's own part of the organisation boundary (issue 12): the header names the token's organisation; a
 * token without one gets a 403 page in Japanese and English on every page and nothing is asked of the services; a
 * token not meant for the services (no audience {@code horenso-api}) is refused; every page states who may use it.
 */
@QuarkusTest
class OrganisationBoundaryTest {

    private static final List<String> PAGES = List.of(
            "/",
            "/report",
            "/report/mine",
            "/inbox",
            "/dashboard",
            "/kpis",
            "/cases/" + StubServices.CASE_ID,
            "/review",
            "/audit",
            "/admin",
            "/admin/people",
            "/admin/trail",
            "/events");

    @BeforeEach
    void forget() {
        Upstream.forget();
    }

    @Test
    void theHeaderNamesTheOrganisationOfTheAccessToken() {
        given().auth()
                .oauth2(Tokens.csirt1())
                .get("/dashboard")
                .then()
                .statusCode(200)
                .body(org.hamcrest.Matchers.containsString(
                        "<span id=\"organisation\" data-organisation=\"demo-city\">デモ市</span>"));
        given().auth()
                .oauth2(Tokens.gikaiCsirt1())
                .get("/report")
                .then()
                .statusCode(200)
                .body(org.hamcrest.Matchers.containsString(
                        "<span id=\"organisation\" data-organisation=\"demo-gikai\">デモ市議会</span>"));
        given().auth()
                .oauth2(Tokens.gikaiCsirt1())
                .cookie("horenso-lang", "en")
                .get("/report")
                .then()
                .statusCode(200)
                .body(org.hamcrest.Matchers.containsString(">Demo City Council</span>"));
    }

    @Test
    void anOrganisationOnboardedAtRuntimeIsNamedFromItsProfileWithoutARedeploy() {
        String token = Tokens.of("demo-kyoiku", "kyoiku-csirt1", "kyoiku-general", "csirt");
        given().auth()
                .oauth2(token)
                .get("/report")
                .then()
                .statusCode(200)
                .body(org.hamcrest.Matchers.containsString(
                        "<span id=\"organisation\" data-organisation=\"demo-kyoiku\">デモ市教育委員会</span>"));
        given().auth()
                .oauth2(token)
                .cookie("horenso-lang", "en")
                .get("/report")
                .then()
                .statusCode(200)
                .body(org.hamcrest.Matchers.containsString(">Demo City Board of Education</span>"));
    }

    @Test
    void aTokenWithoutOrganisationGetsA403InJapaneseAndEnglishOnEveryPageAndNothingIsAsked() {
        String token = Tokens.of(
                null,
                "drifter",
                "general-affairs-section",
                "staff",
                "csirt",
                "security-lead",
                "ciso",
                "auditor",
                "section-chief");
        for (String page : PAGES) {
            String html = given().auth()
                    .oauth2(token)
                    .redirects()
                    .follow(false)
                    .get(page)
                    .then()
                    .statusCode(403)
                    .extract()
                    .asString();
            assertTrue(html.contains("所属する組織（organisation）が設定されていない"), page + ": " + html);
            assertTrue(html.contains("This account names no organisation"), page);
            assertTrue(html.contains("caller.without-organisation"), page);
        }
        assertTrue(Upstream.received().isEmpty(), String.valueOf(Upstream.received()));
    }

    @Test
    void theInstallationAdministratorBelongsToNoOrganisationLandsOnOnboardingAndSeesNoCases() {
        String admin = Tokens.installationAdmin();
        String location = given().auth()
                .oauth2(admin)
                .redirects()
                .follow(false)
                .get("/")
                .then()
                .statusCode(303)
                .extract()
                .header("Location");
        assertTrue(location.endsWith("/admin/organisations"), location);
        for (String page : List.of("/dashboard", "/report", "/inbox", "/cases/" + StubServices.CASE_ID, "/audit")) {
            given().auth().oauth2(admin).get(page).then().statusCode(403);
        }
        assertTrue(Upstream.received().isEmpty(), String.valueOf(Upstream.received()));
    }

    @Test
    void aTokenWithoutTheServicesAudienceIsRefused() {
        String idTokenLike = Tokens.build("demo-city", "csirt1", "information-policy", Set.of("horenso-web"), "csirt");
        given().auth().oauth2(idTokenLike).get("/dashboard").then().statusCode(401);
        given().auth().oauth2(idTokenLike).get("/events").then().statusCode(401);
        assertTrue(Upstream.received().isEmpty(), String.valueOf(Upstream.received()));
    }

    @Test
    void noApiDescriptionSwaggerOrDevPagesAreServed() {
        for (String path : List.of("/q/swagger-ui", "/q/swagger-ui/", "/q/openapi", "/q/dev-ui", "/q/dev-ui/")) {
            given().auth()
                    .oauth2(Tokens.csirt1())
                    .redirects()
                    .follow(false)
                    .get(path)
                    .then()
                    .statusCode(404);
        }
    }

    /** deny-unannotated-endpoints is on; this names the method that would be refused, before a person finds it. */
    @Test
    void everyPageStatesWhoMayUseIt() throws Exception {
        List<String> unannotated = new ArrayList<>();
        int checked = 0;
        try (Stream<java.nio.file.Path> files = Files.walk(Paths.get("target/classes/jp/horenso/web"))) {
            for (java.nio.file.Path file :
                    files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = Paths.get("target/classes")
                        .relativize(file)
                        .toString()
                        .replace(".class", "")
                        .replace('/', '.');
                Class<?> type = Class.forName(name, false, getClass().getClassLoader());
                if (!type.isAnnotationPresent(Path.class) || type.isInterface()) {
                    continue;
                }
                boolean classLevel = secured(type.getAnnotations());
                for (Method m : type.getDeclaredMethods()) {
                    boolean endpoint = m.isAnnotationPresent(GET.class)
                            || m.isAnnotationPresent(POST.class)
                            || m.isAnnotationPresent(PUT.class)
                            || m.isAnnotationPresent(DELETE.class);
                    if (endpoint) {
                        checked++;
                        if (!classLevel && !secured(m.getAnnotations())) {
                            unannotated.add(type.getSimpleName() + "." + m.getName());
                        }
                    }
                }
            }
        }
        assertTrue(checked > 30, "found the pages: " + checked);
        assertEquals(List.of(), unannotated);
    }

    private static boolean secured(java.lang.annotation.Annotation[] annotations) {
        for (var a : annotations) {
            if (a instanceof RolesAllowed || a instanceof PermitAll || a instanceof Authenticated) {
                return true;
            }
        }
        return false;
    }
}
