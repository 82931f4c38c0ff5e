package jp.horenso.web.loginevents;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import jp.horenso.web.support.Tokens;
import jp.horenso.web.support.Upstream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The log-in and log-out record (第58条(4), 第64条) against a Keycloak stand-in whose user search ignores the
 * organisation asked for: the console itself keeps each organisation's people apart. The real Keycloak is used by
 * system-tests' {@code IdentityOnRealKeycloakTest}.
 */
@QuarkusTest
class LoginEventsPageTest {

    @BeforeEach
    void forget() {
        Upstream.forget();
    }

    @Test
    void article58_4_onlyTheAuditorAndTheSecurityLeadMayReadTheLogInRecord() {
        for (String refused : List.of(Tokens.staff1(), Tokens.csirt1(), Tokens.ciso(), Tokens.installationAdmin())) {
            given().auth().oauth2(refused).get("/admin/login-events").then().statusCode(403);
            given().auth()
                    .oauth2(refused)
                    .get("/admin/login-events/export.csv")
                    .then()
                    .statusCode(403);
        }
        assertTrue(Upstream.received().isEmpty(), "nothing asked of Keycloak for a refused person");
        given().auth()
                .oauth2(Tokens.auditor())
                .get("/admin/login-events")
                .then()
                .statusCode(200);
        given().auth()
                .oauth2(Tokens.gikaiSeclead())
                .get("/admin/login-events")
                .then()
                .statusCode(200);
    }

    @Test
    void article58_4_theAuditorSeesLogInsFailuresAndLogOutsOfTheirOwnOrganisationOnly() {
        String html = given().auth()
                .oauth2(Tokens.auditor())
                .get("/admin/login-events")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertTrue(html.contains("data-type=\"LOGIN\""), html);
        assertTrue(html.contains("data-type=\"LOGIN_ERROR\""), html);
        assertTrue(html.contains("data-type=\"LOGOUT\""), html);
        assertTrue(html.contains("<td>ログイン失敗</td>"), html);
        assertTrue(html.contains("invalid_user_credentials"), html);
        assertTrue(html.contains("<td>staff1</td>"), html);
        assertEquals(
                3, html.split("class=\"login-event\"", -1).length - 1, "staff1's three events of the last 30 days");
        for (String other : List.of("gikai-staff1", "near-miss", "nobody", "forty-days-ago")) {
            assertFalse(html.contains(other), "not shown: " + other);
        }
    }

    @Test
    void article58_4_theCouncilsSecurityLeadSeesOnlyTheCouncilsPeople() {
        String html = given().auth()
                .oauth2(Tokens.gikaiSeclead())
                .header("Accept-Language", "en")
                .cookie("horenso-lang", "en")
                .get("/admin/login-events")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertTrue(html.contains("<td>gikai-staff1</td>"), html);
        assertFalse(html.contains("<td>staff1</td>"), "デモ市's people are not shown to デモ市議会");
        assertFalse(html.contains("invalid_user_credentials"), html);
    }

    @Test
    void article64_theCsvHasJapaneseThenEnglishHeadersAndTheOrganisationsEventsOnly() {
        byte[] csv = given().auth()
                .oauth2(Tokens.auditor())
                .get("/admin/login-events/export.csv")
                .then()
                .statusCode(200)
                .contentType(org.hamcrest.Matchers.startsWith("text/csv"))
                .header("Content-Disposition", org.hamcrest.Matchers.containsString("login-events-demo-city-"))
                .extract()
                .asByteArray();
        String text = new String(csv, StandardCharsets.UTF_8);
        assertTrue(text.startsWith("\uFEFF日時（日本時間） / Time (Japan),種別 / Type,種別名 / Type name,利用者 / User"), text);
        String[] lines = text.split("\r\n");
        assertEquals(4, lines.length, "header and staff1's three events: " + text);
        assertTrue(text.contains(",LOGIN_ERROR,ログイン失敗,staff1,horenso-web,192.0.2.10,invalid_user_credentials,"), text);
        assertTrue(text.contains(",LOGOUT,ログアウト,staff1,"), text);
        assertTrue(text.contains("redirect_uri==1+1"), "a value inside the details is kept as it is");
        assertFalse(text.contains("gikai-staff1") || text.contains("nobody") || text.contains("near-miss"), text);
    }

    @Test
    void article64_badDatesAreExplainedAndAskNothing() {
        String html = given().auth()
                .oauth2(Tokens.auditor())
                .queryParam("from", "2026-13-01")
                .get("/admin/login-events")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertTrue(html.contains("id=\"login-events-invalid\""), html);
        assertTrue(html.contains("YYYY-MM-DD"), html);
        given().auth()
                .oauth2(Tokens.auditor())
                .queryParam("from", "2026-12-01")
                .queryParam("to", "2025-01-01")
                .get("/admin/login-events/export.csv")
                .then()
                .statusCode(400);
        assertTrue(
                Upstream.received().stream()
                        .noneMatch(r -> String.valueOf(r.get("path")).startsWith("/keycloak/")),
                "Keycloak is not asked for a bad range: " + Upstream.received());
    }

    @Test
    void spreadsheetFormulasInACellAreDefused() {
        StringBuilder out = new StringBuilder();
        LoginEventsPage.line(out, List.of("=HYPERLINK(\"x\")", "a,b", "-1", "plain"));
        assertEquals("\"'=HYPERLINK(\"\"x\"\")\",\"a,b\",'-1,plain\r\n", out.toString());
    }
}
