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

/** The case workspace: record (第44条4項) with If-Match, response actions, chain, delivery log, evidence, documents. */
@QuarkusTest
class CasePageTest {

    private static final String CASE = StubServices.CASE_ID;

    @BeforeEach
    void forget() {
        Upstream.forget();
    }

    @Test
    void csirtSeesEverySectionOfTheCase() {
        String html = given().auth()
                .oauth2(Tokens.csirt1())
                .get("/cases/" + CASE)
                .then()
                .statusCode(200)
                .extract()
                .asString();
        for (String part : new String[] {
            "id=\"summary\"",
            "id=\"chain\"",
            "id=\"actions\"",
            "id=\"record\"",
            "id=\"legal\"",
            "id=\"evidence\"",
            "id=\"deliveries\"",
            "id=\"ciso\"",
            "id=\"timeline\""
        }) {
            assertTrue(html.contains(part), part);
        }
        assertTrue(html.contains("令和8年12月6日 09:00"), "occurred in Japan time and era: " + html);
        assertTrue(html.contains("LANケーブルを抜いた") && html.contains("実施中"), "response action");
        assertTrue(html.contains("<td>chief1</td><td>HOP_OPENED</td><td>EMAIL</td>"), "delivery log");
        assertTrue(html.contains("総務 課長") && html.contains("期限超過"), "chain with overdue hop");
        assertTrue(html.contains("value=\"&quot;3&quot;\""), "the ETag kept for If-Match");
        assertTrue(html.contains("/cases/" + CASE + "/documents/ciso-reports/1\""), "document link");
        assertTrue(
                html.contains("引渡し csirt1") && html.contains("→ 県警サイバー犯罪対策課（解析依頼）"),
                "evidence with its chain of custody (第107条): " + html);
        assertTrue(html.contains("data-live-case=\"" + CASE + "\""), "live refresh for this case only");
    }

    @Test
    void theLivePartsComeAloneForTheRefresh() {
        for (String part : new String[] {"live", "timeline"}) {
            String html = given().auth()
                    .oauth2(Tokens.csirt1())
                    .get("/cases/" + CASE + "/" + part)
                    .then()
                    .statusCode(200)
                    .extract()
                    .asString()
                    .strip();
            assertTrue(html.startsWith("<div id=\"live\"") || html.startsWith("<section id=\"timeline\""), html);
            assertTrue(!html.contains("<html"), part);
        }
    }

    @Test
    void staffSeeTheirCaseWithoutEvidenceDeliveriesOrEditing() {
        String html = given().auth()
                .oauth2(Tokens.staff1())
                .get("/cases/" + CASE)
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertTrue(
                !html.contains("id=\"evidence\"")
                        && !html.contains("id=\"deliveries\"")
                        && !html.contains("id=\"save-record\""),
                html);
        assertTrue(
                Upstream.received().stream()
                        .noneMatch(r -> String.valueOf(r.get("path")).contains("evidence")
                                || String.valueOf(r.get("path")).contains("notifications")),
                "not even asked");
    }

    @Test
    void aCaseOutsideThePersonsScopeIsNotFound() {
        given().auth()
                .oauth2(Tokens.staff1())
                .get("/cases/" + StubServices.HIDDEN_ID)
                .then()
                .statusCode(404)
                .body(containsString("閲覧する権限がありません"));
    }

    @Test
    void article44_4_recordIsSavedWholeWithIfMatch() {
        given().auth()
                .oauth2(Tokens.csirt1())
                .redirects()
                .follow(false)
                .contentType("application/x-www-form-urlencoded; charset=UTF-8")
                .formParam("etag", "\"3\"")
                .formParam("title", "USBメモリの紛失")
                .formParam("description", "本文")
                .formParam("cause", "置き忘れ")
                .formParam("damageExtent", "120人分")
                .formParam("damageScope", "総務課")
                .post("/cases/" + CASE + "/record")
                .then()
                .statusCode(303)
                .header("Location", containsString("done=case.record.saved"));
        var sent = Upstream.the("PUT", "/incident/api/incidents/" + CASE + "/record");
        assertEquals("\"3\"", sent.get("ifMatch"));
        String body = (String) sent.get("body");
        assertTrue(
                body.contains("\"networkZone\":\"LGWAN\"") && body.contains("\"informationSystems\":[\"住民情報システム\"]"),
                "fields the form does not show are kept: " + body);
        assertTrue(
                body.contains("\"kind\":\"SECURITY_INCIDENT\"") && body.contains("\"damageExtent\":\"120人分\""), body);
        assertTrue(!body.contains("classificationScheme"), body);
    }

    @Test
    void article44_4_aConflictingEditIsExplainedNotA500() {
        String html = given().auth()
                .oauth2(Tokens.csirt1())
                .contentType("application/x-www-form-urlencoded; charset=UTF-8")
                .formParam("etag", "\"2\"")
                .formParam("title", "古い件名")
                .formParam("description", "古い本文")
                .post("/cases/" + CASE + "/record")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertTrue(html.contains("id=\"case-conflict\"") && html.contains("他の人が先にこの事案記録を保存しました"), html);
        assertTrue(html.contains("value=\"&quot;3&quot;\""), "the newest ETag to try again with");
    }

    @Test
    void article44_3_aContainmentStepIsRecordedAndBadInputShownNextToTheField() {
        given().auth()
                .oauth2(Tokens.csirt1())
                .redirects()
                .follow(false)
                .contentType("application/x-www-form-urlencoded; charset=UTF-8")
                .formParam("kind", "CONTAINMENT")
                .formParam("description", "端末をネットワークから切り離す")
                .formParam("ownerUnit", "general-affairs-section")
                .formParam("dueDate", "2026-12-07")
                .formParam("status", "IN_PROGRESS")
                .post("/cases/" + CASE + "/actions")
                .then()
                .statusCode(303);
        String body = (String) Upstream.the("POST", "/incident/api/incidents/" + CASE + "/responses")
                .get("body");
        assertTrue(
                body.contains("\"kind\":\"CONTAINMENT\"")
                        && body.contains("\"dueDate\":\"2026-12-07\"")
                        && body.contains("\"ownerPerson\":null"),
                body);

        String html = given().auth()
                .oauth2(Tokens.csirt1())
                .contentType("application/x-www-form-urlencoded; charset=UTF-8")
                .formParam("kind", "CONTAINMENT")
                .formParam("description", "")
                .post("/cases/" + CASE + "/actions")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertTrue(html.contains("内容を入力してください"), html);
        given().auth()
                .oauth2(Tokens.staff1())
                .redirects()
                .follow(false)
                .contentType("application/x-www-form-urlencoded")
                .formParam("kind", "CONTAINMENT")
                .formParam("description", "x")
                .post("/cases/" + CASE + "/actions")
                .then()
                .statusCode(403);
    }

    @Test
    void anActionMovesOnWithItsEtagAndAStaleOneIsExplained() {
        given().auth()
                .oauth2(Tokens.csirt1())
                .redirects()
                .follow(false)
                .contentType("application/x-www-form-urlencoded")
                .formParam("version", "2")
                .formParam("description", "LANケーブルを抜いた")
                .formParam("status", "DONE")
                .post("/cases/" + CASE + "/actions/" + StubServices.ACTION_ID)
                .then()
                .statusCode(303);
        assertEquals(
                "\"2\"",
                Upstream.the("PUT", "/incident/api/incidents/" + CASE + "/responses/" + StubServices.ACTION_ID)
                        .get("ifMatch"));
        given().auth()
                .oauth2(Tokens.csirt1())
                .contentType("application/x-www-form-urlencoded")
                .formParam("version", "1")
                .formParam("description", "x")
                .formParam("status", "DONE")
                .post("/cases/" + CASE + "/actions/" + StubServices.ACTION_ID)
                .then()
                .statusCode(200)
                .body(containsString("他の人が先にこの対応措置を更新しました"));
    }

    @Test
    void documentsAndEvidenceAreStreamedThroughButOnlyKnownDocuments() {
        given().auth()
                .oauth2(Tokens.csirt1())
                .get("/cases/" + CASE + "/documents/ciso-reports/1")
                .then()
                .statusCode(200)
                .contentType(containsString("application/pdf"))
                .body(containsString("%PDF"));
        assertEquals(
                "format=pdf&lang=ja",
                Upstream.the("GET", "/incident/api/incidents/" + CASE + "/documents/ciso-reports/1")
                        .get("query"));
        given().auth()
                .oauth2(Tokens.csirt1())
                .get("/cases/" + CASE + "/documents/audit/export.csv")
                .then()
                .statusCode(404);
        given().auth()
                .oauth2(Tokens.csirt1())
                .get("/cases/" + CASE + "/evidence/e0000000-0000-0000-0000-000000000001")
                .then()
                .statusCode(200)
                .body(containsString("hello"))
                .header("Content-Disposition", containsString("log.txt"));
    }

    @Test
    void evidenceUploadForwardsTheFileWithItsName() {
        given().auth()
                .oauth2(Tokens.csirt1())
                .redirects()
                .follow(false)
                .multiPart("file", "ログ.txt", "hello".getBytes(), "text/plain")
                .multiPart("description", "FWログ")
                .post("/cases/" + CASE + "/evidence")
                .then()
                .statusCode(303);
        var sent = Upstream.the("POST", "/incident/api/incidents/" + CASE + "/evidence");
        assertEquals("hello", sent.get("body"));
        assertTrue(String.valueOf(sent.get("contentType")).startsWith("text/plain"), String.valueOf(sent));
    }

    @Test
    void article44_4_csirtReportsToTheCiso() {
        given().auth()
                .oauth2(Tokens.csirt1())
                .redirects()
                .follow(false)
                .contentType("application/x-www-form-urlencoded; charset=UTF-8")
                .formParam("summary", "封じ込め完了")
                .post("/cases/" + CASE + "/ciso-report")
                .then()
                .statusCode(303)
                .header("Location", containsString("case.cisoReport.sent"));
        assertEquals(
                "{\"summary\":\"封じ込め完了\"}",
                Upstream.the("POST", "/incident/api/incidents/" + CASE + "/ciso-reports")
                        .get("body"));
    }
}
