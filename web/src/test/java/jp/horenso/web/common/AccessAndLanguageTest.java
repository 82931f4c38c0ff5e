package jp.horenso.web.common;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.List;
import jp.horenso.web.support.Tokens;
import org.junit.jupiter.api.Test;

/** Every page says who may use it and refuses the others; sign-in by code flow with PKCE; the language switch. */
@QuarkusTest
class AccessAndLanguageTest {

    @Test
    void staffCannotOpenTheDashboardAndAreToldWhyInJapanese() {
        given().auth()
                .oauth2(Tokens.staff1())
                .get("/dashboard")
                .then()
                .statusCode(403)
                .contentType(containsString("text/html"))
                .body(containsString("この画面を利用する権限がありません"))
                .body(not(containsString("USBメモリ")));
    }

    @Test
    void eachPageRefusesTheRolesItDoesNotServe() {
        record Refusal(String token, String path) {}
        for (Refusal r : List.of(
                new Refusal(Tokens.staff1(), "/kpis"),
                new Refusal(Tokens.staff1(), "/inbox"),
                new Refusal(Tokens.staff1(), "/review"),
                new Refusal(Tokens.staff1(), "/audit"),
                new Refusal(Tokens.auditor(), "/report"),
                new Refusal(Tokens.chief1(), "/dashboard"),
                new Refusal(Tokens.csirt1(), "/review"),
                new Refusal(Tokens.auditor(), "/admin/people"))) {
            given().auth()
                    .oauth2(r.token())
                    .redirects()
                    .follow(false)
                    .get(r.path())
                    .then()
                    .statusCode(403);
        }
        given().auth()
                .oauth2(Tokens.staff1())
                .redirects()
                .follow(false)
                .contentType("application/x-www-form-urlencoded")
                .formParam("comment", "x")
                .post("/inbox/0b9a3a8e-8f5e-4a54-9a43-3c1f1f4b8d01/acknowledge")
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(Tokens.chief1())
                .redirects()
                .follow(false)
                .contentType("application/x-www-form-urlencoded")
                .formParam("reason", "x")
                .post("/inbox/0b9a3a8e-8f5e-4a54-9a43-3c1f1f4b8d01/serious")
                .then()
                .statusCode(403);
    }

    @Test
    void aBrowserWithoutSessionIsSentToTheLoginPageWithPkce() {
        Response r = given().redirects().follow(false).get("/dashboard");
        r.then().statusCode(302);
        String location = r.getHeader("Location");
        assertTrue(location.contains("/realms/quarkus"), "the realm's own login page: " + location);
        assertTrue(location.contains("client_id=horenso-web"), location);
        assertTrue(location.contains("code_challenge=") && location.contains("code_challenge_method=S256"), location);
        assertTrue(location.contains("response_type=code"), location);
    }

    @Test
    void eachPersonLandsWhereTheirWorkIs() {
        given().auth()
                .oauth2(Tokens.staff1())
                .redirects()
                .follow(false)
                .get("/")
                .then()
                .statusCode(303)
                .header("Location", containsString("/report"));
        given().auth()
                .oauth2(Tokens.chief1())
                .redirects()
                .follow(false)
                .get("/")
                .then()
                .statusCode(303)
                .header("Location", containsString("/inbox"));
        given().auth()
                .oauth2(Tokens.csirt1())
                .redirects()
                .follow(false)
                .get("/")
                .then()
                .statusCode(303)
                .header("Location", containsString("/dashboard"));
        given().auth()
                .oauth2(Tokens.ciso())
                .redirects()
                .follow(false)
                .get("/")
                .then()
                .statusCode(303)
                .header("Location", containsString("/review"));
        given().auth()
                .oauth2(Tokens.auditor())
                .redirects()
                .follow(false)
                .get("/")
                .then()
                .statusCode(303)
                .header("Location", containsString("/audit"));
    }

    @Test
    void theSwitchSetsEnglishAndReturnsToTheSamePageButNeverElsewhere() {
        given().redirects()
                .follow(false)
                .get("/lang?to=en&back=/report?x=1")
                .then()
                .statusCode(303)
                .header("Location", containsString("/report?x=1"))
                .cookie("horenso-lang", equalTo("en"));
        given().redirects()
                .follow(false)
                .get("/lang?to=en&back=//evil.example/")
                .then()
                .statusCode(303)
                .header("Location", not(containsString("evil")));
        given().auth()
                .oauth2(Tokens.csirt1())
                .cookie("horenso-lang", "en")
                .get("/dashboard")
                .then()
                .statusCode(200)
                .body(containsString("CSIRT dashboard"))
                .body(containsString("日本語"))
                .body(containsString("Who may use this page"));
    }

    @Test
    void everyTextExistsInJapaneseAndEnglish() {
        assertTrue(Texts.keys("ja").equals(Texts.keys("en")), "same keys in both languages");
        for (String key : Texts.keys("ja")) {
            assertTrue(!Texts.get("ja", key).isBlank() && !Texts.get("en", key).isBlank(), key);
        }
    }
}
