package jp.horenso.web.admin;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import jp.horenso.web.support.Tokens;
import jp.horenso.web.support.Upstream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The security lead's chain editor (validated before saving) and directory import with a dry run. */
@QuarkusTest
class AdminPageTest {

    private static final String SECLEAD = Tokens.token("seclead", "information-policy", "security-lead");

    @BeforeEach
    void forget() {
        Upstream.forget();
    }

    @Test
    void onlyTheSecurityLeadMayAdminister() {
        given().auth().oauth2(Tokens.csirt1()).get("/admin").then().statusCode(403);
        given().auth().oauth2(Tokens.staff1()).get("/admin").then().statusCode(403);
        given().auth()
                .oauth2(SECLEAD)
                .get("/admin")
                .then()
                .statusCode(200)
                .body(containsString("報告経路（第7版）"))
                .body(containsString("SECTION_CHIEF"));
    }

    @Test
    void anInvalidChainIsNeverSavedAndEachErrorIsShown() {
        String html = given().auth()
                .oauth2(SECLEAD)
                .contentType("application/x-www-form-urlencoded; charset=UTF-8")
                .formParam("document", "{\"steps\":[{\"position\":\"NOBODY\"}]}")
                .formParam("version", "7")
                .formParam("action", "save")
                .post("/admin/chain")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertTrue(html.contains("steps[0].position: 不明な役職 NOBODY"), html);
        assertTrue(Upstream.received().stream().noneMatch(r -> "PUT".equals(r.get("method"))), "not saved");
    }

    @Test
    void aValidChainIsSavedWithItsVersionAndAConflictIsExplained() {
        given().auth()
                .oauth2(SECLEAD)
                .contentType("application/x-www-form-urlencoded; charset=UTF-8")
                .formParam("document", "{\"steps\":[]}")
                .formParam("version", "7")
                .formParam("action", "save")
                .post("/admin/chain")
                .then()
                .statusCode(200)
                .body(containsString("報告経路を保存しました"));
        assertEquals("\"7\"", Upstream.the("PUT", "/escalation/api/chain").get("ifMatch"));
        given().auth()
                .oauth2(SECLEAD)
                .contentType("application/x-www-form-urlencoded; charset=UTF-8")
                .formParam("document", "{\"steps\":[]}")
                .formParam("version", "6")
                .formParam("action", "save")
                .post("/admin/chain")
                .then()
                .statusCode(200)
                .body(containsString("他の人が先に報告経路を保存しました"));
    }

    @Test
    void theDirectoryDryRunListsEveryErrorByLineAndChangesNothing() {
        String html = given().auth()
                .oauth2(SECLEAD)
                .contentType("application/x-www-form-urlencoded; charset=UTF-8")
                .formParam("content", "code,name\nbroken")
                .formParam("format", "csv")
                .formParam("action", "dryRun")
                .post("/admin/directory")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertTrue(html.contains("<li>3: 不明な部署</li>") && html.contains("<li>5: メールアドレスがありません</li>"), html);
        var sent = Upstream.the("PUT", "/escalation/api/directory");
        assertEquals("dryRun=true", sent.get("query"));
        assertTrue(String.valueOf(sent.get("contentType")).startsWith("text/csv"));
        given().auth()
                .oauth2(SECLEAD)
                .contentType("application/x-www-form-urlencoded; charset=UTF-8")
                .formParam("content", "code,name\nok")
                .formParam("format", "csv")
                .formParam("action", "import")
                .post("/admin/directory")
                .then()
                .statusCode(200)
                .body(containsString("組織情報を取り込みました"));
    }
}
