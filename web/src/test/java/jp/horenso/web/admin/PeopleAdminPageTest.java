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

/** The security lead's absences and deputies (escalation-service) and delivery settings (notification-service). */
@QuarkusTest
class PeopleAdminPageTest {

    private static final String SECLEAD = Tokens.token("seclead", "information-policy", "security-lead");
    private static final String FORM = "application/x-www-form-urlencoded; charset=UTF-8";

    @BeforeEach
    void forget() {
        Upstream.forget();
    }

    @Test
    void onlyTheSecurityLeadManagesAbsencesAndDelivery() {
        given().auth().oauth2(Tokens.csirt1()).get("/admin/people").then().statusCode(403);
        given().auth().oauth2(Tokens.ciso()).get("/admin/people").then().statusCode(403);
        given().auth()
                .oauth2(Tokens.staff1())
                .redirects()
                .follow(false)
                .contentType(FORM)
                .formParam("username", "chief1")
                .formParam("startsAt", "2026-12-07T09:00")
                .formParam("endsAt", "2026-12-08T09:00")
                .post("/admin/people/absences")
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(Tokens.csirt1())
                .redirects()
                .follow(false)
                .contentType(FORM)
                .formParam("username", "chief1")
                .formParam("channel", "MAIL")
                .post("/admin/people/delivery")
                .then()
                .statusCode(403);
        assertTrue(Upstream.received().isEmpty(), "refused before asking any service");
        given().auth()
                .oauth2(SECLEAD)
                .get("/admin")
                .then()
                .statusCode(200)
                .body(containsString("href=\"/admin/people\""));
    }

    @Test
    void absencesAreListedAndRecordedWithTimesTypedInJapanTime() {
        String html = given().auth()
                .oauth2(SECLEAD)
                .get("/admin/people")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertTrue(
                html.contains("不在・代理と配信先の設定")
                        && html.contains("data-absence=\"41\"")
                        && html.contains(
                                "<td>chief1</td><td>2026/12/07 09:00</td><td>2026/12/10 09:00</td><td>年次休暇</td>"),
                html);
        assertEquals(
                "seclead",
                Upstream.the("GET", "/escalation/api/directory/absences").get("user"));
        given().auth()
                .oauth2(SECLEAD)
                .redirects()
                .follow(false)
                .contentType(FORM)
                .formParam("username", "head1")
                .formParam("startsAt", "2026-12-07T09:00")
                .formParam("endsAt", "2026-12-08T09:00")
                .formParam("reason", "出張")
                .post("/admin/people/absences")
                .then()
                .statusCode(303)
                .header("Location", containsString("done=admin.absence.saved"));
        assertEquals(
                "{\"username\":\"head1\",\"startsAt\":\"2026-12-07T00:00:00Z\",\"endsAt\":\"2026-12-08T00:00:00Z\","
                        + "\"reason\":\"出張\"}",
                Upstream.the("POST", "/escalation/api/directory/absences").get("body"));
    }

    @Test
    void anAbsenceOfAnUnknownPersonIsShownNextToTheFieldInThePersonsLanguage() {
        String html = given().auth()
                .oauth2(SECLEAD)
                .contentType(FORM)
                .formParam("username", "nobody")
                .formParam("startsAt", "2026-12-07T09:00")
                .formParam("endsAt", "2026-12-08T09:00")
                .post("/admin/people/absences")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        int field = html.indexOf("id=\"absence-username\"");
        int error = html.indexOf("<p class=\"field-error\">組織に nobody という人はいません。", field);
        assertTrue(field > 0 && error > field && error - field < 300, "next to the field: " + html);
        assertTrue(html.contains("value=\"2026-12-07T09:00\""), "what was typed is kept");
        given().auth()
                .oauth2(SECLEAD)
                .cookie("horenso-lang", "en")
                .contentType(FORM)
                .formParam("username", "nobody")
                .formParam("startsAt", "2026-12-07T09:00")
                .formParam("endsAt", "2026-12-08T09:00")
                .post("/admin/people/absences")
                .then()
                .statusCode(200)
                .body(containsString("There is nobody called nobody in the organisation."));
    }

    @Test
    void anAbsenceIsRemoved() {
        given().auth()
                .oauth2(SECLEAD)
                .redirects()
                .follow(false)
                .post("/admin/people/absences/41/removal")
                .then()
                .statusCode(303)
                .header("Location", containsString("done=admin.absence.removed"));
        assertEquals(
                "seclead",
                Upstream.the("DELETE", "/escalation/api/directory/absences/41").get("user"));
    }

    @Test
    void aPersonsDeliverySettingsAreShownInOrderAndReplacedWhole() {
        String html = given().auth()
                .oauth2(SECLEAD)
                .get("/admin/people?username=chief1")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertTrue(
                html.contains("id=\"delivery-form\"")
                        && html.contains("value=\"https://teams.example.jp/hook\"")
                        && html.contains("<option value=\"TEAMS\" selected>")
                        && html.contains("value=\"PT10M\""),
                html);
        assertEquals(
                "seclead",
                Upstream.the("GET", "/notification/api/recipients/chief1/delivery")
                        .get("user"));
        given().auth()
                .oauth2(SECLEAD)
                .redirects()
                .follow(false)
                .contentType(FORM)
                .formParam("username", "chief1")
                .formParam("channel", "WEBHOOK", "MAIL", "")
                .formParam("format", "GENERIC", "", "")
                .formParam("address", "https://hooks.example.jp/x", "", "")
                .formParam("secret", "s".repeat(32), "", "")
                .formParam("digestWindow", "PT5M")
                .post("/admin/people/delivery")
                .then()
                .statusCode(303)
                .header("Location", containsString("done=admin.delivery.saved"));
        assertEquals(
                "{\"channels\":[{\"channel\":\"WEBHOOK\",\"format\":\"GENERIC\",\"address\":"
                        + "\"https://hooks.example.jp/x\",\"secret\":\"" + "s".repeat(32) + "\"},{\"channel\":\"MAIL\","
                        + "\"format\":null,\"address\":null,\"secret\":null}],\"digestWindow\":\"PT5M\"}",
                Upstream.the("PUT", "/notification/api/recipients/chief1/delivery")
                        .get("body"));
    }

    @Test
    void aWrongAddressIsShownNextToItsChannelAndAWrongAccountNameIsNeverSent() {
        String html = given().auth()
                .oauth2(SECLEAD)
                .contentType(FORM)
                .formParam("username", "chief1")
                .formParam("channel", "MAIL", "", "")
                .formParam("format", "", "", "")
                .formParam("address", "not-an-address", "", "")
                .formParam("secret", "", "", "")
                .post("/admin/people/delivery")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        int field = html.indexOf("id=\"address-0\"");
        int error = html.indexOf("<p class=\"field-error\">メールアドレスが正しくありません。", field);
        assertTrue(field > 0 && error > field && error - field < 300, "next to the first channel's address: " + html);
        assertTrue(html.contains("value=\"not-an-address\""), "what was typed is kept");
        given().auth()
                .oauth2(SECLEAD)
                .cookie("horenso-lang", "en")
                .contentType(FORM)
                .formParam("username", "chief1")
                .formParam("channel", "MAIL")
                .formParam("address", "not-an-address")
                .post("/admin/people/delivery")
                .then()
                .statusCode(200)
                .body(containsString("Not a mail address."));
        Upstream.forget();
        given().auth()
                .oauth2(SECLEAD)
                .contentType(FORM)
                .formParam("username", "../chain")
                .formParam("channel", "MAIL")
                .post("/admin/people/delivery")
                .then()
                .statusCode(200)
                .body(containsString("アカウント名（英数字と . _ @ -）を入力してください。"));
        assertTrue(Upstream.received().stream().noneMatch(r -> "PUT".equals(r.get("method"))), "nothing sent");
    }
}
