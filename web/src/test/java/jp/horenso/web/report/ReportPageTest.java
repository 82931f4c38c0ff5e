package jp.horenso.web.report;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import jp.horenso.web.support.StubServices;
import jp.horenso.web.support.Tokens;
import jp.horenso.web.support.Upstream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** 第43条1項: the staff report form, its confirmation with the case number, and "my reports". */
@QuarkusTest
class ReportPageTest {

    @BeforeEach
    void forget() {
        Upstream.forget();
    }

    @Test
    void article43_1_formAsksInJapaneseWithLabelledFieldsAndTheUnitsOfTheDirectory() {
        String html = given().auth()
                .oauth2(Tokens.staff1())
                .get("/report")
                .then()
                .statusCode(200)
                .contentType(containsString("text/html"))
                .extract()
                .asString();
        assertTrue(html.contains("<html lang=\"ja\">"), html);
        for (String id : new String[] {
            "title",
            "description",
            "occurredAt",
            "discoveredAt",
            "system",
            "persons",
            "unit",
            "informantName",
            "informantOrganisation",
            "informantContact",
            "informantChannel"
        }) {
            assertTrue(html.contains("<label for=\"" + id + "\""), "label for " + id);
            assertTrue(html.contains("id=\"" + id + "\""), "input " + id);
        }
        assertTrue(html.contains("総務課") && html.contains("福祉課"), "units from GET /api/units");
        assertTrue(!html.contains("総務部"), "sections only, not departments");
        assertTrue(html.contains("この画面を利用できる役割") && html.contains("職員"), "who may use the page");
        assertTrue(html.contains("id=\"lang-switch\"") && html.contains("English"), "language switch");
    }

    @Test
    void article43_1_reportIsFiledWithThePersonsTokenInJapanTimeAndShowsTheCaseNumber() {
        String token = Tokens.staff1();
        String html = given().auth()
                .oauth2(token)
                .contentType("application/x-www-form-urlencoded; charset=UTF-8")
                .formParam("title", "USBメモリの紛失")
                .formParam("description", "会議室で紛失した")
                .formParam("occurredAt", "2026-12-06T09:00")
                .formParam("discoveredAt", "2026-12-06T09:30")
                .formParam("system", "住民情報システム")
                .formParam("personalData", "yes")
                .formParam("persons", "120")
                .formParam("unit", "welfare-section")
                .formParam("reporterType", "VENDOR")
                .formParam("informantName", "山田 太郎")
                .formParam("informantOrganisation", "株式会社デモ")
                .formParam("informantContact", "03-0000-0000")
                .formParam("informantChannel", "PHONE")
                .formParam("idempotencyKey", "k-1")
                .post("/report")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertTrue(html.contains(StubServices.NUMBER), "case number shown: " + html);
        assertTrue(html.contains("報告を受け付けました"));

        Map<String, Object> sent = Upstream.the("POST", "/incident/api/incidents");
        assertEquals("Bearer " + token, sent.get("authorization"), "the person's own token travels");
        assertEquals("k-1", sent.get("idempotencyKey"), "a second click files no second case");
        String body = (String) sent.get("body");
        assertTrue(body.contains("\"occurredAt\":\"2026-12-06T09:00+09:00\""), body);
        assertTrue(body.contains("\"discoveredAt\":\"2026-12-06T09:30+09:00\""), body);
        assertTrue(body.contains("\"reporterType\":\"VENDOR\""), body);
        assertTrue(body.contains("\"unit\":\"welfare-section\""), body);
        assertTrue(
                body.contains("\"informant\":{\"name\":\"山田 太郎\",\"organisation\":\"株式会社デモ\","
                        + "\"contact\":\"03-0000-0000\",\"channel\":\"PHONE\"}"),
                body);
        assertTrue(body.contains("住民情報システム") && body.contains("約120人"), "system and persons in the text: " + body);
    }

    @Test
    void article43_1_aStaffReportSendsNoInformantAndNoUnitWhenLeftAsTheirOwn() {
        given().auth()
                .oauth2(Tokens.staff1())
                .contentType("application/x-www-form-urlencoded; charset=UTF-8")
                .formParam("title", "誤送信")
                .formParam("description", "メールを誤送信した")
                .formParam("occurredAt", "2026-12-06T09:00")
                .formParam("discoveredAt", "2026-12-06T09:00")
                .formParam("reporterType", "STAFF")
                .formParam("unit", "")
                .post("/report")
                .then()
                .statusCode(200);
        String body = (String) Upstream.the("POST", "/incident/api/incidents").get("body");
        assertTrue(!body.contains("informant") && !body.contains("\"unit\""), body);
    }

    @Test
    void badInputIsShownNextToTheFieldInTheServicesJapaneseAndNothingElseIsLost() {
        String html = given().auth()
                .oauth2(Tokens.staff1())
                .contentType("application/x-www-form-urlencoded; charset=UTF-8")
                .formParam("title", "")
                .formParam("description", "残しておく本文")
                .formParam("occurredAt", "2026-12-06T09:00")
                .formParam("discoveredAt", "2026-12-06T09:00")
                .formParam("reporterType", "STAFF")
                .post("/report")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertTrue(html.contains("<p class=\"field-error\" id=\"title-error\">件名を入力してください</p>"), html);
        assertTrue(html.contains("aria-invalid=\"true\""));
        assertTrue(html.contains("残しておく本文"), "what was typed is kept");
        assertEquals("ja", Upstream.the("POST", "/incident/api/incidents").get("acceptLanguage"));
    }

    @Test
    void badInputIsExplainedInEnglishAfterTheSwitch() {
        String html = given().auth()
                .oauth2(Tokens.staff1())
                .cookie("horenso-lang", "en")
                .contentType("application/x-www-form-urlencoded; charset=UTF-8")
                .formParam("title", " ")
                .formParam("description", "x")
                .formParam("occurredAt", "2026-12-06T09:00")
                .formParam("discoveredAt", "2026-12-06T09:00")
                .formParam("reporterType", "STAFF")
                .post("/report")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertTrue(html.contains("<html lang=\"en\">"));
        assertTrue(html.contains("Enter a title"), html);
        assertTrue(html.contains("What happened (title)"));
        assertEquals("en", Upstream.the("POST", "/incident/api/incidents").get("acceptLanguage"));
    }

    @Test
    void myReportsShowWhereEachCaseIsInTheChain() {
        given().auth()
                .oauth2(Tokens.staff1())
                .get("/report/mine")
                .then()
                .statusCode(200)
                .body(containsString(StubServices.NUMBER))
                .body(containsString("課長 総務 課長"))
                .body(containsString("期限超過"))
                .body(not(containsString("NOT_FOUND")));
    }

    @Test
    void aPersonOverTheFilingLimitGetsTheFormBackWithTheServicesExplanationAnd429() {
        String html = given().auth()
                .oauth2(Tokens.staff1())
                .contentType("application/x-www-form-urlencoded; charset=UTF-8")
                .formParam("title", StubServices.TOO_MANY)
                .formParam("description", "フィッシングメールを受信した")
                .formParam("occurredAt", "2026-12-06T09:00")
                .formParam("discoveredAt", "2026-12-06T09:30")
                .formParam("reporterType", "STAFF")
                .post("/report")
                .then()
                .statusCode(429)
                .contentType(containsString("text/html"))
                .extract()
                .asString();
        assertTrue(html.contains("42 秒後にもう一度送信してください"), html);
        assertTrue(html.contains("フィッシングメールを受信した"), "what they typed is kept: " + html);
    }
}
