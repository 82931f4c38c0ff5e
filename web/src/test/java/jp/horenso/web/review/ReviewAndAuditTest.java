package jp.horenso.web.review;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import jp.horenso.web.support.StubServices;
import jp.horenso.web.support.Tokens;
import jp.horenso.web.support.Upstream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** 第44条5項: the CISO's review queue and decision; the auditor's verification and export. */
@QuarkusTest
class ReviewAndAuditTest {

    private static final String CASE = StubServices.CASE_ID;

    @BeforeEach
    void forget() {
        Upstream.forget();
    }

    @Test
    void article44_5_cisoSeesTheQueueAndAcceptsTheReport() {
        String html = given().auth()
                .oauth2(Tokens.ciso())
                .get("/review")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertTrue(html.contains(StubServices.NUMBER) && html.contains("第1版の報告"), html);
        String query = URLDecoder.decode(
                String.valueOf(Upstream.the("GET", "/incident/api/incidents").get("query")), StandardCharsets.UTF_8);
        assertTrue(query.contains("state=UNDER_CISO_REVIEW"), query);
        given().auth()
                .oauth2(Tokens.ciso())
                .redirects()
                .follow(false)
                .contentType("application/x-www-form-urlencoded")
                .formParam("decision", "ACCEPT")
                .post("/review/" + CASE + "/1/decision")
                .then()
                .statusCode(303)
                .header("Location", containsString("review.accepted"));
        assertEquals(
                "{\"decision\":\"ACCEPT\",\"instructions\":null}",
                Upstream.the("POST", "/incident/api/incidents/" + CASE + "/ciso-reports/1/decision")
                        .get("body"));
    }

    @Test
    void article44_5_returningWithoutInstructionsIsRefusedWithTheServicesMessage() {
        given().auth()
                .oauth2(Tokens.ciso())
                .redirects()
                .follow(false)
                .contentType("application/x-www-form-urlencoded")
                .formParam("decision", "RETURN")
                .post("/review/" + CASE + "/1/decision")
                .then()
                .statusCode(303)
                .header("Location", containsString("/review?error="));
        given().auth()
                .oauth2(Tokens.csirt1())
                .redirects()
                .follow(false)
                .contentType("application/x-www-form-urlencoded")
                .formParam("decision", "ACCEPT")
                .post("/review/" + CASE + "/1/decision")
                .then()
                .statusCode(403);
    }

    @Test
    void auditorVerifiesTheRecordAndExportsIt() {
        given().auth()
                .oauth2(Tokens.auditor())
                .get("/audit?verify=" + CASE)
                .then()
                .statusCode(200)
                .body(containsString("記録は改ざんされていません（12件を検査）"));
        given().auth()
                .oauth2(Tokens.auditor())
                .get("/audit/" + CASE + "/export.csv")
                .then()
                .statusCode(200)
                .contentType(containsString("text/csv"))
                .body(containsString("REPORTED"));
    }
}
