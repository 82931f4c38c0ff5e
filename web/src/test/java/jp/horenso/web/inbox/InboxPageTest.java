package jp.horenso.web.inbox;

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

/** 第43条2–3項: what awaits a person, acknowledging with a comment that travels up, and the 重大 marking. */
@QuarkusTest
class InboxPageTest {

    private static final String CASE = StubServices.CASE_ID;

    @BeforeEach
    void forget() {
        Upstream.forget();
    }

    @Test
    void article43_2_chiefSeesWhatAwaitsThemWithTheDeadlineCountingDown() {
        String html = given().auth()
                .oauth2(Tokens.chief1())
                .get("/inbox")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertTrue(html.contains(StubServices.NUMBER) && html.contains("USBメモリの紛失"), html);
        assertTrue(html.contains("あと") && html.contains("分"), "countdown");
        assertTrue(html.contains("令和"), "deadline in the Japanese era");
        assertTrue(html.contains("data-live") && html.contains("hx-get=\"/inbox/list\""), "live refresh");
        assertTrue(!html.contains("重大と判断する"), "a section chief does not mark 重大");
        given().auth().oauth2(Tokens.staff1()).get("/inbox").then().statusCode(403);
    }

    @Test
    void article43_2_acknowledgingSendsTheCommentWithThePersonsToken() {
        String token = Tokens.chief1();
        given().auth()
                .oauth2(token)
                .contentType("application/x-www-form-urlencoded; charset=UTF-8")
                .formParam("comment", "確認しました。部長へ")
                .formParam("number", StubServices.NUMBER)
                .post("/inbox/" + CASE + "/acknowledge")
                .then()
                .statusCode(200)
                .body(containsString("確認を記録しました"));
        var sent = Upstream.the("POST", "/incident/api/incidents/" + CASE + "/acknowledgements");
        assertEquals("Bearer " + token, sent.get("authorization"));
        assertEquals("{\"comment\":\"確認しました。部長へ\"}", sent.get("body"));
    }

    @Test
    void article43_3_departmentHeadMarksSeriousWithTheReason() {
        String html = given().auth()
                .oauth2(Tokens.head1())
                .get("/inbox")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertTrue(html.contains("重大と判断する"), "the head may mark 重大");
        given().auth()
                .oauth2(Tokens.head1())
                .contentType("application/x-www-form-urlencoded; charset=UTF-8")
                .formParam("reason", "住民1万人分の情報")
                .post("/inbox/" + CASE + "/serious")
                .then()
                .statusCode(200)
                .body(containsString("重大として記録し"));
        var sent = Upstream.the("POST", "/escalation/api/incidents/" + CASE + "/serious");
        assertEquals("{\"reason\":\"住民1万人分の情報\"}", sent.get("body"));
    }

    @Test
    void theListFragmentIsThePartAloneForTheLiveRefresh() {
        String html = given().auth()
                .oauth2(Tokens.chief1())
                .get("/inbox/list")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertTrue(html.strip().startsWith("<section id=\"inbox\""), html);
        assertTrue(!html.contains("<html"), "no page around it");
    }
}
