package jp.horenso.web.admintrail;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import jp.horenso.web.support.Tokens;
import jp.horenso.web.support.Upstream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The administrative trail of every service with its verification (issue 12): the security lead and the auditor
 * see their own organisation's and cannot name another; the installation administrator names one.
 */
@QuarkusTest
class AdminTrailPageTest {

    private static final List<String> SERVICES = List.of("incident", "escalation", "notification");

    @BeforeEach
    void forget() {
        Upstream.forget();
    }

    @Test
    void onlyTheSecurityLeadTheAuditorAndTheInstallationAdministratorMayReadIt() {
        given().auth().oauth2(Tokens.staff1()).get("/admin/trail").then().statusCode(403);
        given().auth().oauth2(Tokens.csirt1()).get("/admin/trail").then().statusCode(403);
        given().auth().oauth2(Tokens.ciso()).get("/admin/trail").then().statusCode(403);
        assertTrue(Upstream.received().isEmpty(), "nothing asked for a refused person");
        given().auth().oauth2(Tokens.auditor()).get("/admin/trail").then().statusCode(200);
        given().auth().oauth2(Tokens.gikaiSeclead()).get("/admin/trail").then().statusCode(200);
        given().auth()
                .oauth2(Tokens.installationAdmin())
                .get("/admin/trail")
                .then()
                .statusCode(200);
    }

    @Test
    void theSecurityLeadSeesTheirOwnOrganisationsTrailOfEachServiceWithItsVerification() {
        String token = Tokens.gikaiSeclead();
        String html = given().auth()
                .oauth2(token)
                .get("/admin/trail")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        for (String service : SERVICES) {
            assertTrue(html.contains("id=\"trail-" + service + "-service\""), service);
            assertTrue(html.contains(service + "-directory-of-demo-gikai"), service);
            Map<String, Object> list = Upstream.the("GET", "/" + service + "/api/admin-trail");
            assertEquals("Bearer " + token, list.get("authorization"));
            assertFalse(String.valueOf(list.get("query")).contains("organisation="), "the service decides");
            Upstream.the("GET", "/" + service + "/api/admin-trail/verify");
        }
        assertTrue(html.contains("職員名簿の取込み"), html);
        assertTrue(html.contains("改ざんは見つかりませんでした（2件を検証）"), html);
        assertTrue(html.contains("記録 2 以降が改ざんされているか、削除されています"), "the broken trail is shown");
        assertTrue(html.contains("記録 2 のハッシュが一致しません。"), html);
        assertTrue(html.contains("デモ市議会"), "header names the organisation");
        assertFalse(html.contains("demo-city"), "nothing of another organisation");
    }

    @Test
    void aSecurityLeadNamingAnotherOrganisationStillSeesOnlyTheirOwn() {
        String html = given().auth()
                .oauth2(Tokens.gikaiSeclead())
                .queryParam("organisation", "demo-city")
                .get("/admin/trail")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertFalse(html.contains("of-demo-city"), html);
        assertTrue(html.contains("of-demo-gikai"), html);
        assertTrue(
                Upstream.received().stream()
                        .noneMatch(r -> String.valueOf(r.get("query")).contains("demo-city")),
                String.valueOf(Upstream.received()));
    }

    @Test
    void theInstallationAdministratorNamesTheOrganisationAndAMalformedCodeIsNotSent() {
        given().auth()
                .oauth2(Tokens.installationAdmin())
                .queryParam("organisation", "Demo City!")
                .get("/admin/trail")
                .then()
                .statusCode(200)
                .body(org.hamcrest.Matchers.containsString("組織コードの形式が正しくありません"));
        assertTrue(Upstream.received().isEmpty(), String.valueOf(Upstream.received()));
        String html = given().auth()
                .oauth2(Tokens.installationAdmin())
                .queryParam("organisation", "demo-city")
                .get("/admin/trail")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertTrue(html.contains("escalation-directory-of-demo-city"), html);
        for (String service : SERVICES) {
            assertTrue(String.valueOf(Upstream.the("GET", "/" + service + "/api/admin-trail")
                            .get("query"))
                    .contains("organisation=demo-city"));
        }
    }
}
