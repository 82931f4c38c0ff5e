package jp.horenso.incident.cases.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import jp.horenso.incident.disclosure.DisclosureFixtures;
import jp.horenso.incident.support.KafkaTopics;
import jp.horenso.incident.support.Reports;
import jp.horenso.incident.support.Tokens;
import jp.horenso.localstack.testing.EventSchemas;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** Reports received from a vendor or citizen (第43条1項): who, how to reach them, how it came in; never beyond the case. */
@QuarkusTest
class InformantTest {

    private static final String NAME = "鈴木一郎";
    private static final String CONTACT = "090-1234-5678";

    @Test
    void article43_1_aCitizensReportRecordsTheInformantAndShowsItOnTheCaseOnly() throws Exception {
        Map<String, Object> body = onBehalf("CITIZEN", informant(NAME, null, CONTACT, "PHONE"));
        String id = given().auth()
                .oauth2(Tokens.staff1())
                .contentType(ContentType.JSON)
                .body(body)
                .post("/api/incidents")
                .then()
                .statusCode(201)
                .body("informant.name", equalTo(NAME))
                .body("informant.contact", equalTo(CONTACT))
                .body("informant.channel", equalTo("PHONE"))
                .extract()
                .path("id");
        // Those who may see the case see who it came from; the others do not see the case at all.
        given().auth()
                .oauth2(Tokens.chief1())
                .get("/api/incidents/" + id)
                .then()
                .statusCode(200)
                .body("informant.name", equalTo(NAME));
        given().auth()
                .oauth2(Tokens.chief2())
                .get("/api/incidents/" + id)
                .then()
                .statusCode(404);

        // Never in the events, the timeline or the audit export.
        ConsumerRecord<String, String> reported = KafkaTopics.awaitRecord(
                "horenso.incident-events",
                r -> id.equals(r.key()) && r.value().contains("jp.horenso.IncidentReported"),
                Duration.ofSeconds(20));
        EventSchemas.assertValid("IncidentReported", reported.value());
        assertFalse(reported.value().contains(NAME) || reported.value().contains(CONTACT), reported.value());
        String timeline = given().auth()
                .oauth2(Tokens.csirt1())
                .get("/api/incidents/" + id)
                .then()
                .extract()
                .jsonPath()
                .getList("timeline")
                .toString();
        assertFalse(timeline.contains(NAME) || timeline.contains(CONTACT), timeline);
        for (String export : List.of("export.jsonl", "export.csv")) {
            String body2 = given().auth()
                    .oauth2(Tokens.auditor())
                    .get("/api/incidents/" + id + "/audit/" + export)
                    .then()
                    .statusCode(200)
                    .extract()
                    .asString();
            assertFalse(body2.contains(NAME) || body2.contains(CONTACT), export);
        }
        // Nor in the list a whole section reads.
        given().auth()
                .oauth2(Tokens.csirt1())
                .queryParam("q", body.get("title"))
                .get("/api/incidents")
                .then()
                .body("items[0].id", equalTo(id))
                .body("items[0].informant", nullValue());
    }

    @Test
    void article43_1_aVendorsReportWithoutInformantIsRefusedAndNothingIsStored() {
        String title = "業者からの報告 " + UUID.randomUUID();
        Map<String, Object> body = onBehalf("VENDOR", null);
        body.put("title", title);
        given().auth()
                .oauth2(Tokens.staff1())
                .contentType(ContentType.JSON)
                .body(body)
                .post("/api/incidents")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", equalTo(List.of("informant")))
                .body("errors[0].message", containsString("第43条1項"));
        given().auth()
                .oauth2(Tokens.staff1())
                .header("Accept-Language", "en")
                .contentType(ContentType.JSON)
                .body(body)
                .post("/api/incidents")
                .then()
                .statusCode(400)
                .body("errors[0].message", containsString("vendor or citizen"));
        // Incomplete: no contact, an unknown channel.
        body.put("informant", informant("業者 太郎", "株式会社デモ保守", " ", "FAX"));
        given().auth()
                .oauth2(Tokens.staff1())
                .contentType(ContentType.JSON)
                .body(body)
                .post("/api/incidents")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem(containsString("informant")));
        body.put("informant", informant("業者 太郎", "株式会社デモ保守", " ", "MAIL"));
        given().auth()
                .oauth2(Tokens.staff1())
                .contentType(ContentType.JSON)
                .body(body)
                .post("/api/incidents")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("informant.contact"));
        given().auth()
                .oauth2(Tokens.csirt1())
                .queryParam("q", title)
                .get("/api/incidents/count")
                .then()
                .body("count", equalTo(0));
    }

    @Test
    void article43_1_aStaffReportNamesNoInformant() {
        Map<String, Object> body = Reports.valid();
        body.put("informant", informant(NAME, null, CONTACT, "COUNTER"));
        given().auth()
                .oauth2(Tokens.staff1())
                .contentType(ContentType.JSON)
                .body(body)
                .post("/api/incidents")
                .then()
                .statusCode(400)
                .body("errors.field", equalTo(List.of("informant")));
        given().auth()
                .oauth2(Tokens.staff1())
                .contentType(ContentType.JSON)
                .body(Reports.valid())
                .post("/api/incidents")
                .then()
                .statusCode(201)
                .body("informant", nullValue());
    }

    @Test
    void article43_5_aDisclosureTextWithTheInformantsNameOrContactIsRefused() {
        String contact = "窓口で再来庁を約束（デモ市在住の自営業者）";
        Map<String, Object> body = onBehalf("VENDOR", informant("Taro Vendor", "デモ保守株式会社", contact, "COUNTER"));
        String id = given().auth()
                .oauth2(Tokens.staff1())
                .contentType(ContentType.JSON)
                .body(body)
                .post("/api/incidents")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        DisclosureFixtures.decide(Tokens.ciso(), id, "INDIVIDUAL_PRESS_RELEASE")
                .then()
                .statusCode(200);
        DisclosureFixtures.saveDraft(
                        Tokens.csirt1(),
                        id,
                        DisclosureFixtures.text("委託先からの報告", "TARO VENDOR 氏から連絡があり、" + contact + "。"))
                .then()
                .statusCode(201);
        DisclosureFixtures.approve(Tokens.ciso(), id, 1)
                .then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("errors.message", hasItem(allOf(containsString("Taro"), containsString("申出者"))))
                .body("errors.message", hasItem(allOf(containsString("連絡先"), containsString("申出者"))));
        // Without them the text passes.
        DisclosureFixtures.saveDraft(Tokens.csirt1(), id, DisclosureFixtures.text("委託先からの報告", "委託先から連絡があり、調査を行いました。"))
                .then()
                .statusCode(201);
        DisclosureFixtures.approve(Tokens.ciso(), id, 2).then().statusCode(200);
    }

    static Map<String, Object> onBehalf(String reporterType, Map<String, Object> informant) {
        Map<String, Object> body = Reports.valid();
        body.put("title", "代理報告 " + UUID.randomUUID());
        body.put("reporterType", reporterType);
        if (informant != null) {
            body.put("informant", informant);
        }
        return body;
    }

    static Map<String, Object> informant(String name, String organisation, String contact, String channel) {
        Map<String, Object> informant = new HashMap<>();
        informant.put("name", name);
        informant.put("organisation", organisation);
        informant.put("contact", contact);
        informant.put("channel", channel);
        return informant;
    }
}
