package jp.horenso.web.cases;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import jp.horenso.web.support.StubServices;
import jp.horenso.web.support.Tokens;
import jp.horenso.web.support.Upstream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The case workspace's decisions: the committee report and closing (第44条6項), communications (第44条3項), the
 * section concerned (第44条2項), withdrawal of a mistaken report and the drill marking (第48条).
 */
@QuarkusTest
class CaseDecisionsTest {

    private static final String CASE = StubServices.CASE_ID;
    private static final String BASE = "/incident/api/incidents/" + CASE;
    private static final String SECLEAD = Tokens.token("seclead", "information-policy", "security-lead");
    private static final String FORM = "application/x-www-form-urlencoded; charset=UTF-8";

    @BeforeEach
    void forget() {
        Upstream.forget();
    }

    @Test
    void article44_6_cisoSeesWhatClosingNeedsAndRecordsTheCommitteeReportInJapanTime() {
        String html = given().auth()
                .oauth2(Tokens.ciso())
                .get("/cases/" + CASE)
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertTrue(
                html.contains("id=\"closing\"")
                        && html.contains("id=\"committee-form\"")
                        && html.contains("id=\"close-form\""),
                html);
        assertTrue(
                html.contains("<li>情報セキュリティ委員会への報告</li>") && html.contains("CISOが重大と判断したため"),
                "what closing still needs, in Japanese");
        given().auth()
                .oauth2(Tokens.ciso())
                .redirects()
                .follow(false)
                .contentType(FORM)
                .formParam("reportedAt", "2026-12-06T10:30")
                .formParam("reference", "委第5号")
                .post("/cases/" + CASE + "/committee-report")
                .then()
                .statusCode(303)
                .header("Location", containsString("done=case.committee.recorded"));
        var sent = Upstream.the("POST", BASE + "/committee-report");
        assertEquals("{\"reportedAt\":\"2026-12-06T10:30+09:00\",\"reference\":\"委第5号\"}", sent.get("body"));
        assertEquals("ciso", sent.get("user"));
    }

    @Test
    void article44_6_aCommitteeReportWithoutReferenceIsShownNextToTheFieldInThePersonsLanguage() {
        String html = given().auth()
                .oauth2(Tokens.ciso())
                .contentType(FORM)
                .formParam("reportedAt", "2026-12-06T10:30")
                .formParam("reference", " ")
                .post("/cases/" + CASE + "/committee-report")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        int field = html.indexOf("id=\"committee-reference\"");
        int error = html.indexOf("<p class=\"field-error\">議事録・文書番号を入力してください", field);
        assertTrue(field > 0 && error > field && error - field < 400, "next to the field: " + html);
        given().auth()
                .oauth2(Tokens.ciso())
                .cookie("horenso-lang", "en")
                .contentType(FORM)
                .formParam("reportedAt", "2026-12-06T10:30")
                .formParam("reference", "")
                .post("/cases/" + CASE + "/committee-report")
                .then()
                .statusCode(200)
                .body(containsString("Give the minute or file number"));
        assertTrue(Upstream.the("POST", BASE + "/committee-report")
                .get("acceptLanguage")
                .toString()
                .startsWith("en"));
    }

    @Test
    void article44_6_onlyTheCisoRecordsTheCommitteeReportAndStaffCannotClose() {
        given().auth()
                .oauth2(Tokens.csirt1())
                .redirects()
                .follow(false)
                .contentType(FORM)
                .formParam("reportedAt", "2026-12-06T10:30")
                .formParam("reference", "x")
                .post("/cases/" + CASE + "/committee-report")
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(SECLEAD)
                .redirects()
                .follow(false)
                .post("/cases/" + CASE + "/close")
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(Tokens.staff1())
                .redirects()
                .follow(false)
                .post("/cases/" + CASE + "/close")
                .then()
                .statusCode(403);
        assertTrue(Upstream.received().stream().noneMatch(r -> "POST".equals(r.get("method"))), "nothing sent");
        String html = given().auth()
                .oauth2(Tokens.csirt1())
                .get("/cases/" + CASE)
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertTrue(!html.contains("id=\"committee-form\"") && html.contains("id=\"close-form\""), html);
    }

    @Test
    void article44_6_aCloseRefusedWith409IsShownAsTheServiceWordsIt() {
        String html = given().auth()
                .oauth2(Tokens.csirt1())
                .redirects()
                .follow(false)
                .post("/cases/" + CASE + "/close")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertTrue(html.contains("id=\"close-error\"") && html.contains("情報セキュリティ委員会への報告がまだ記録されていません。"), html);
        assertEquals("csirt1", Upstream.the("POST", BASE + "/close").get("user"));
        given().auth()
                .oauth2(Tokens.ciso())
                .cookie("horenso-lang", "en")
                .post("/cases/" + CASE + "/close")
                .then()
                .statusCode(200)
                .body(containsString("The report to the information-security committee is not recorded yet."));
    }

    @Test
    void article44_3_communicationsAreListedForEveryoneWhoSeesTheCaseAndRecordedByTheCsirt() {
        String html = given().auth()
                .oauth2(Tokens.staff1())
                .get("/cases/" + CASE)
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertTrue(
                html.contains("id=\"communications\"")
                        && html.contains("お詫びと経緯の通知")
                        && html.contains("120人")
                        && html.contains("郵送")
                        && html.contains("総第123号"),
                html);
        assertTrue(!html.contains("id=\"new-communication\""), "staff do not record");
        given().auth()
                .oauth2(Tokens.staff1())
                .redirects()
                .follow(false)
                .contentType(FORM)
                .formParam("kind", "INFORMATION_TO_CITIZENS")
                .formParam("method", "WEBSITE")
                .post("/cases/" + CASE + "/communications")
                .then()
                .statusCode(403);

        given().auth()
                .oauth2(Tokens.csirt1())
                .redirects()
                .follow(false)
                .contentType(FORM)
                .formParam("kind", "REPORT_TO_OUTSIDE_BODY")
                .formParam("recipient", "PPC")
                .formParam("method", "EMAIL")
                .formParam("persons", "5")
                .formParam("communicatedAt", "2026-12-06T11:00")
                .formParam("reference", "PPC-2026-1")
                .post("/cases/" + CASE + "/communications")
                .then()
                .statusCode(303)
                .header("Location", containsString("done=case.communication.saved"));
        assertEquals(
                "{\"kind\":\"REPORT_TO_OUTSIDE_BODY\",\"recipient\":\"PPC\",\"recipientName\":null,"
                        + "\"persons\":null,\"method\":null,\"communicatedAt\":\"2026-12-06T11:00+09:00\","
                        + "\"reference\":\"PPC-2026-1\",\"summary\":null}",
                Upstream.the("POST", BASE + "/communications").get("body"),
                "only the fields of the kind");
    }

    @Test
    void article44_3_aNoticeWithoutThePersonsNumberIsShownNextToTheField() {
        String html = given().auth()
                .oauth2(SECLEAD)
                .contentType(FORM)
                .formParam("kind", "NOTICE_TO_PERSONS")
                .formParam("method", "LETTER")
                .formParam("communicatedAt", "2026-12-06T11:00")
                .post("/cases/" + CASE + "/communications")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        int field = html.indexOf("id=\"communication-persons\"");
        int error = html.indexOf("<p class=\"field-error\">本人への連絡には人数が必要です", field);
        assertTrue(field > 0 && error > field && error - field < 400, "next to the field: " + html);
        assertTrue(html.contains("<details id=\"new-communication\" open>"), "the form stays open");
    }

    @Test
    void article44_2_theCaseMovesToASectionOfTheDirectoryWithItsReason() {
        String html = given().auth()
                .oauth2(SECLEAD)
                .get("/cases/" + CASE)
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertTrue(
                html.contains("id=\"decisions\"")
                        && html.contains("<option value=\"welfare-section\">福祉課</option>")
                        && !html.contains("<option value=\"general-affairs\">"),
                "sections of the directory only: " + html);
        assertTrue(!html.contains("id=\"withdraw-form\""), "the security lead does not withdraw");
        given().auth()
                .oauth2(SECLEAD)
                .redirects()
                .follow(false)
                .contentType(FORM)
                .formParam("unit", "welfare-section")
                .formParam("reason", "福祉課のシステムだった")
                .post("/cases/" + CASE + "/unit")
                .then()
                .statusCode(303)
                .header("Location", containsString("done=case.unit.changed"));
        assertEquals(
                "{\"unit\":\"welfare-section\",\"reason\":\"福祉課のシステムだった\"}",
                Upstream.the("POST", BASE + "/unit").get("body"));
        String refused = given().auth()
                .oauth2(Tokens.csirt1())
                .contentType(FORM)
                .formParam("unit", "nowhere")
                .formParam("reason", "x")
                .post("/cases/" + CASE + "/unit")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        int field = refused.indexOf("id=\"unit-change-unit\"");
        int error = refused.indexOf("<p class=\"field-error\">組織情報にない部署です", field);
        assertTrue(field > 0 && error > field && error - field < 1500, "next to the field: " + refused);
        given().auth()
                .oauth2(Tokens.chief1())
                .redirects()
                .follow(false)
                .contentType(FORM)
                .formParam("unit", "welfare-section")
                .formParam("reason", "x")
                .post("/cases/" + CASE + "/unit")
                .then()
                .statusCode(403);
    }

    @Test
    void aMistakenReportIsWithdrawnByTheCsirtWithItsReason() {
        given().auth()
                .oauth2(Tokens.csirt1())
                .redirects()
                .follow(false)
                .contentType(FORM)
                .formParam("reason", "テスト送信だった")
                .post("/cases/" + CASE + "/withdrawal")
                .then()
                .statusCode(303)
                .header("Location", containsString("done=case.withdrawn"));
        assertEquals(
                "{\"reason\":\"テスト送信だった\"}",
                Upstream.the("POST", BASE + "/withdrawal").get("body"));
        given().auth()
                .oauth2(Tokens.csirt1())
                .contentType(FORM)
                .formParam("reason", "")
                .post("/cases/" + CASE + "/withdrawal")
                .then()
                .statusCode(200)
                .body(containsString("理由を入力してください"));
        Upstream.forget();
        given().auth()
                .oauth2(SECLEAD)
                .redirects()
                .follow(false)
                .contentType(FORM)
                .formParam("reason", "x")
                .post("/cases/" + CASE + "/withdrawal")
                .then()
                .statusCode(403);
        assertTrue(Upstream.received().isEmpty(), "refused before asking the service");
    }

    @Test
    void article48_theDrillMarkingIsSentAndOnlyTheCsirtMayUndoIt() {
        given().auth()
                .oauth2(SECLEAD)
                .redirects()
                .follow(false)
                .contentType(FORM)
                .formParam("drill", "true")
                .formParam("reason", "訓練シナリオ3")
                .post("/cases/" + CASE + "/drill-marking")
                .then()
                .statusCode(303)
                .header("Location", containsString("done=case.drill.marked"));
        assertEquals(
                "{\"drill\":true,\"reason\":\"訓練シナリオ3\"}",
                Upstream.the("POST", BASE + "/drill-marking").get("body"));
        given().auth()
                .oauth2(SECLEAD)
                .contentType(FORM)
                .formParam("drill", "false")
                .formParam("reason", "誤り")
                .post("/cases/" + CASE + "/drill-marking")
                .then()
                .statusCode(200)
                .body(containsString("訓練の表示を訂正できるのはCSIRTだけです"));
        given().auth()
                .oauth2(Tokens.ciso())
                .redirects()
                .follow(false)
                .contentType(FORM)
                .formParam("drill", "true")
                .formParam("reason", "x")
                .post("/cases/" + CASE + "/drill-marking")
                .then()
                .statusCode(403);
    }
}
