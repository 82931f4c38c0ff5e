package jp.horenso.incident.disclosure.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import jp.horenso.incident.disclosure.DisclosureFixtures;
import jp.horenso.incident.review.ReviewFixtures;
import jp.horenso.incident.support.Organisations;
import jp.horenso.incident.support.Records;
import jp.horenso.incident.support.Reports;
import jp.horenso.incident.support.Tokens;
import org.junit.jupiter.api.Test;

@QuarkusTest
class PublicOrganisationDisclosureTest {

    private static final String DEMO = "/api/public/organisations/demo-city/disclosures";

    @Inject
    EntityManager em;

    @Test
    void article43_5_scopedEndpointShowsOnlyThisOrganisationsPublishedRealDisclosures() {
        String marker = UUID.randomUUID().toString().substring(0, 8);
        String realCase = Reports.file(Tokens.staff1());
        int publicId = publicIdOf(DisclosureFixtures.published(realCase, "公表済み " + marker, "公表した本文です。"), realCase);
        DisclosureFixtures.saveDraft(Tokens.csirt1(), realCase, DisclosureFixtures.text("下書き " + marker, "未承認"))
                .then()
                .statusCode(201);

        Map<String, Object> drillReport = Reports.valid();
        drillReport.put("drill", true);
        // Only the CSIRT and the security lead declare drills (第48条).
        String drillCase = given().auth()
                .oauth2(Tokens.csirt1())
                .contentType(ContentType.JSON)
                .body(drillReport)
                .post("/api/incidents")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        DisclosureFixtures.published(drillCase, "訓練 " + marker, "訓練の公表文");
        given().auth()
                .oauth2(Tokens.ciso())
                .get("/api/incidents/" + drillCase + "/disclosure")
                .then()
                .body("publications[0].publicId", nullValue());

        // Another organisation on the same installation publishes too.
        Organisations.onboard("other-town");
        String otherCase = given().auth()
                .oauth2(other("staff9", "staff"))
                .contentType(ContentType.JSON)
                .body(Reports.valid())
                .post("/api/incidents")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        given().auth()
                .oauth2(other("ciso9", "ciso"))
                .contentType(ContentType.JSON)
                .body(Map.of("method", "PERIODIC_BULK_RELEASE"))
                .put("/api/incidents/" + otherCase + "/disclosure/decision")
                .then()
                .statusCode(200);
        DisclosureFixtures.saveDraft(
                        other("csirt9", "csirt"), otherCase, DisclosureFixtures.text("他団体 " + marker, "他団体の公表文"))
                .then()
                .statusCode(201);
        DisclosureFixtures.approve(other("ciso9", "ciso"), otherCase, 1).then().statusCode(200);
        int otherId = DisclosureFixtures.publish(other("ciso9", "ciso"), otherCase, 1)
                .then()
                .statusCode(201)
                .extract()
                .path("publications[0].publicId");

        Response list = given().get(DEMO + "?size=100");
        list.then()
                .statusCode(200)
                .contentType(ContentType.JSON)
                .body("organisation", equalTo("demo-city"))
                .body("items.title.ja", hasItem("公表済み " + marker))
                .body("items.title.ja", not(hasItem("下書き " + marker)))
                .body("items.title.ja", not(hasItem("訓練 " + marker)))
                .body("items.title.ja", not(hasItem("他団体 " + marker)))
                .body("items.organisation", not(hasItem("other-town")));
        Map<String, Object> item = list.path("items.find { it.publicId == " + publicId + " }");
        assertEquals(
                java.util.Set.of(
                        "publicId",
                        "organisation",
                        "method",
                        "methodLabel",
                        "publishedAt",
                        "title",
                        "body",
                        "recurrencePrevention"),
                item.keySet(),
                "no internal field on the public list");
        given().get("/api/public/organisations/other-town/disclosures")
                .then()
                .statusCode(200)
                .body("items.title.ja", hasItem("他団体 " + marker))
                .body("items.title.ja", not(hasItem("公表済み " + marker)));
        given().get("/api/public/organisations/other-town/disclosures/" + otherId)
                .then()
                .statusCode(200);
        given().get(DEMO + "/" + publicId).then().statusCode(200).body("title.ja", equalTo("公表済み " + marker));
        if (otherId != publicId) {
            // The other organisation's number does not reach its disclosure through this organisation.
            given().get(DEMO + "/" + otherId).then().body("title.ja", not(equalTo("他団体 " + marker)));
        }
        given().get(DEMO + "/99999999").then().statusCode(404).contentType("application/problem+json");
        given().get("/api/public/organisations/Not_An_Org/disclosures")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        given().get(DEMO + "?size=101").then().statusCode(400);
    }

    @Test
    void article44_7_followUpWithRecurrencePreventionIsRelatedToTheFirstPublication() {
        String id = Reports.file(Tokens.staff1());
        int first = publicIdOf(DisclosureFixtures.published(id, "資料の紛失について", "記録媒体が所在不明となりました。"), id);
        ReviewFixtures.accepted(em, id, "持ち出し記録簿の導入", null);
        Map<String, Object> followUp = DisclosureFixtures.text("資料の紛失について（続報）", "再発防止策をお知らせします。");
        followUp.put("includeRecurrencePrevention", true);
        int version = DisclosureFixtures.saveDraft(Tokens.csirt1(), id, followUp)
                .then()
                .statusCode(201)
                .extract()
                .path("drafts[-1].version");
        DisclosureFixtures.approve(Tokens.ciso(), id, version).then().statusCode(200);
        int second = DisclosureFixtures.publish(Tokens.ciso(), id, version)
                .then()
                .statusCode(201)
                .extract()
                .path("publications[-1].publicId");
        assertTrue(second > first, "numbers follow the order of publication");

        given().get(DEMO + "/" + first)
                .then()
                .statusCode(200)
                .body("related[0].publicId", equalTo(second))
                .body("related[0].followUp", equalTo(true))
                .body("related[0].recurrencePrevention", hasItem("持ち出し記録簿の導入"));
        given().get(DEMO + "/" + second)
                .then()
                .statusCode(200)
                .body("recurrencePrevention", hasItem("持ち出し記録簿の導入"))
                .body("related[0].publicId", equalTo(first))
                .body("related[0].followUp", equalTo(false));
    }

    @Test
    void r1_theScopedEndpointCarriesNoPersonalDatumOfTheCase() {
        String id = Reports.file(Tokens.staff1());
        Map<String, Object> record = Records.minor();
        record.put(
                "description",
                "山田太郎様（〒322-0001 鹿沼市今宮町1688番地、電話 0289-12-3456、"
                        + "taro.yamada@example.jp、個人番号 123456789018）の申請書の控えを保存したUSBメモリが所在不明");
        record.put("cause", "担当の佐藤花子さんが持ち出し手順を守らなかった");
        record.put("personalData", Records.personalData(150, "BASIC"));
        Records.write(Tokens.csirt1(), id, record).then().statusCode(200);
        String number = given().auth()
                .oauth2(Tokens.csirt1())
                .get("/api/incidents/" + id)
                .path("number");
        int publicId = publicIdOf(
                DisclosureFixtures.published(
                        id, "個人情報を含む記録媒体の紛失について", "窓口で使用していた記録媒体が所在不明となりました。市民の皆様にご心配をおかけし、おわび申し上げます。"),
                id);

        String json = given().get(DEMO + "?size=100").asString()
                + given().get(DEMO + "/" + publicId).asString();
        for (String datum : List.of(
                "山田",
                "太郎",
                "佐藤",
                "花子",
                "322-0001",
                "今宮町",
                // with its 番地: the digits alone turn up in a time's fraction of a second (seen: "…05:21:13.168812Z")
                "1688番地",
                "0289-12-3456",
                "taro.yamada@example.jp",
                "123456789018",
                id,
                number,
                "\"staff1\"",
                "\"csirt1\"",
                "\"ciso\"",
                "general-affairs-section",
                "publishedBy",
                "incidentId",
                "createdBy")) {
            assertFalse(json.contains(datum), "the public endpoint shows " + datum);
        }
        assertTrue(json.contains("個人情報を含む記録媒体の紛失について"));
    }

    /** The public number of a publication, read from the case's disclosure behind login. */
    private static int publicIdOf(String publicationId, String incidentId) {
        Integer n = given().auth()
                .oauth2(Tokens.ciso())
                .get("/api/incidents/" + incidentId + "/disclosure")
                .path("publications.find { it.id == '" + publicationId + "' }.publicId");
        assertNotNull(n);
        return n;
    }

    /** A token of another organisation served by the same installation. */
    private static String other(String username, String role) {
        return Tokens.tokenIn("other-town", username, "somu", "somu-ka", role);
    }
}
