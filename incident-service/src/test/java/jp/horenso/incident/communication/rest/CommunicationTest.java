package jp.horenso.incident.communication.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jp.horenso.incident.support.Records;
import jp.horenso.incident.support.Reports;
import jp.horenso.incident.support.Tokens;
import org.junit.jupiter.api.Test;

@QuarkusTest
class CommunicationTest {

    private static final OffsetDateTime NOW =
            OffsetDateTime.now(ZoneOffset.ofHours(9)).withNano(0);

    @Test
    void r1_noticeToPersonsFillsTheCommissionDraft() {
        String id = caseWithPersonalData(250);
        String draft = "/api/incidents/" + id + "/legal-duties/PPC_APPI/commission-report-draft";
        given().auth().oauth2(Tokens.csirt1()).get(draft).then().statusCode(200).body("items[5].value", equalTo("調査中"));

        Map<String, Object> byLetter = notice(100, "LETTER", NOW.minusMinutes(30));
        byLetter.put("reference", "総務第12号");
        record(Tokens.csirt1(), id, byLetter).then().statusCode(201);
        record(Tokens.seclead(), id, notice(50, "EMAIL", NOW.minusMinutes(10)))
                .then()
                .statusCode(201);

        String expected = "計150人に連絡済み（本人の数: 250人）。"
                + japaneseTime(NOW.minusMinutes(30)) + " 郵送により100人（総務第12号）、"
                + japaneseTime(NOW.minusMinutes(10)) + " 電子メールにより50人";
        given().auth()
                .oauth2(Tokens.csirt1())
                .get(draft)
                .then()
                .statusCode(200)
                .body("items[5].no", equalTo(6))
                .body("items[5].ja", equalTo("本人への対応の実施状況"))
                .body("items[5].value", equalTo(expected));
    }

    @Test
    void article44_4_recurrencePreventionFillsItem8OfTheCommissionDraft() {
        String id = caseWithPersonalData(120);
        String draft = "/api/incidents/" + id + "/legal-duties/PPC_APPI/commission-report-draft";
        given().auth().oauth2(Tokens.csirt1()).get(draft).then().body("items[7].value", equalTo("調査中"));

        LocalDate due = LocalDate.of(2026, 6, 30);
        Map<String, Object> measure = new HashMap<>();
        measure.put("kind", "RECURRENCE_PREVENTION");
        measure.put("description", "個人情報を含むファイルの送信前に上長が確認する");
        measure.put("ownerUnit", "general-affairs-section");
        measure.put("dueDate", due.toString());
        given().auth()
                .oauth2(Tokens.csirt1())
                .contentType(ContentType.JSON)
                .body(measure)
                .post("/api/incidents/" + id + "/responses")
                .then()
                .statusCode(201);
        Map<String, Object> dropped = new HashMap<>(measure);
        dropped.put("description", "取りやめた案");
        String droppedId = given().auth()
                .oauth2(Tokens.csirt1())
                .contentType(ContentType.JSON)
                .body(dropped)
                .post("/api/incidents/" + id + "/responses")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        Map<String, Object> cancel = new HashMap<>(dropped);
        cancel.remove("kind");
        cancel.put("status", "CANCELLED");
        given().auth()
                .oauth2(Tokens.csirt1())
                .header("If-Match", "\"0\"")
                .contentType(ContentType.JSON)
                .body(cancel)
                .put("/api/incidents/" + id + "/responses/" + droppedId)
                .then()
                .statusCode(200);
        Map<String, Object> containment = new HashMap<>(measure);
        containment.put("kind", "CONTAINMENT");
        containment.put("description", "誤送信先へ削除を依頼する");
        given().auth()
                .oauth2(Tokens.csirt1())
                .contentType(ContentType.JSON)
                .body(containment)
                .post("/api/incidents/" + id + "/responses")
                .then()
                .statusCode(201);

        given().auth()
                .oauth2(Tokens.ciso())
                .get(draft)
                .then()
                .statusCode(200)
                .body("items[7].no", equalTo(8))
                .body(
                        "items[7].value",
                        equalTo("・個人情報を含むファイルの送信前に上長が確認する" + "（担当: general-affairs-section、期限: 2026年6月30日、状況: 予定）"));
    }

    @Test
    void article44_3_reportsToOutsideBodiesAreRecordedWithRecipientTimeAndReference() {
        String id = Reports.file(Tokens.staff1());
        Map<String, Object> prefecture = report("PREFECTURE", NOW.minusMinutes(40));
        prefecture.put("recipientName", "県 デジタル戦略課");
        prefecture.put("reference", "デ戦第45号");
        prefecture.put("method", "EMAIL");
        Response created = record(Tokens.csirt1(), id, prefecture);
        created.then()
                .statusCode(201)
                .body("kind", equalTo("REPORT_TO_OUTSIDE_BODY"))
                .body("kindLabel.ja", equalTo("外部機関への報告"))
                .body("recipient", equalTo("PREFECTURE"))
                .body("recipientLabel.ja", equalTo("都道府県"))
                .body("recipientLabel.en", equalTo("Prefecture"))
                .body("recipientName", equalTo("県 デジタル戦略課"))
                .body("reference", equalTo("デ戦第45号"))
                .body("recordedBy", equalTo("csirt1"));
        assertEquals(
                NOW.minusMinutes(40).toInstant(),
                OffsetDateTime.parse(created.path("communicatedAt")).toInstant());
        record(Tokens.csirt1(), id, report("POLICE", NOW.minusMinutes(20)))
                .then()
                .statusCode(201);
        Map<String, Object> other = report("OTHER", NOW.minusMinutes(30));
        other.put("recipientName", "委託先 株式会社デモシステム");
        record(Tokens.csirt1(), id, other).then().statusCode(201).body("recipientLabel.ja", equalTo("その他"));
        for (String body : List.of("MIC", "PPC", "NISC", "J_LIS", "IPA", "JPCERT_CC")) {
            record(Tokens.csirt1(), id, report(body, NOW.minusMinutes(5)))
                    .then()
                    .statusCode(201);
        }

        List<String> recipients = given().auth()
                .oauth2(Tokens.staff1())
                .get("/api/incidents/" + id + "/communications")
                .then()
                .statusCode(200)
                .extract()
                .path("recipient");
        assertEquals(9, recipients.size());
        assertEquals(List.of("PREFECTURE", "OTHER", "POLICE"), recipients.subList(0, 3), "in the order they happened");
        given().auth()
                .oauth2(Tokens.auditor())
                .get("/api/incidents/" + id + "/communications/" + created.path("id"))
                .then()
                .statusCode(200)
                .body("reference", equalTo("デ戦第45号"));

        JsonPath view = given().auth()
                .oauth2(Tokens.csirt1())
                .get("/api/incidents/" + id)
                .jsonPath();
        Map<String, Object> first = view.getMap("timeline.find { it.type == 'COMMUNICATION_RECORDED' }.details");
        assertEquals("PREFECTURE", first.get("recipient"));
        assertEquals("デ戦第45号", first.get("reference"));
        assertEquals("csirt1", view.getString("timeline.find { it.type == 'COMMUNICATION_RECORDED' }.actor"));
        assertEquals(
                9,
                view.getList("timeline.findAll { it.type == 'COMMUNICATION_RECORDED' }")
                        .size());
    }

    @Test
    void article44_3_informationToCitizensIsRecorded() {
        String id = Reports.file(Tokens.staff1());
        Map<String, Object> info = new HashMap<>();
        info.put("kind", "INFORMATION_TO_CITIZENS");
        info.put("method", "WEBSITE");
        info.put("communicatedAt", NOW.minusMinutes(15).toString());
        info.put("reference", "https://www.city.demo.example.jp/news/2026/0401.html");
        info.put("summary", "市を装った不審メールへの注意喚起");
        record(Tokens.seclead(), id, info)
                .then()
                .statusCode(201)
                .body("methodLabel.ja", equalTo("ホームページ"))
                .body("recipient", nullValue())
                .body("persons", nullValue());
        given().auth()
                .oauth2(Tokens.csirt1())
                .get("/api/incidents/" + id + "/communications?kind=INFORMATION_TO_CITIZENS")
                .then()
                .statusCode(200)
                .body("$", hasSize(1))
                .body("[0].summary", equalTo("市を装った不審メールへの注意喚起"));
    }

    @Test
    void eachKindNamesTheFieldsItNeedsAndRefusesTheOthers() {
        String id = Reports.file(Tokens.staff1());
        Map<String, Object> notice = notice(10, "LETTER", NOW.minusMinutes(1));
        notice.remove("persons");
        notice.remove("method");
        notice.put("recipient", "POLICE");
        record(Tokens.csirt1(), id, notice)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItems("persons", "method", "recipient"))
                .body("errors", hasSize(3));

        record(Tokens.csirt1(), id, report(null, NOW.minusMinutes(1)))
                .then()
                .statusCode(400)
                .body("errors.field", equalTo(List.of("recipient")));
        record(Tokens.csirt1(), id, report("OTHER", NOW.minusMinutes(1)))
                .then()
                .statusCode(400)
                .body("errors.field", equalTo(List.of("recipientName")));
        Map<String, Object> withPersons = report("PPC", NOW.minusMinutes(1));
        withPersons.put("persons", 3);
        record(Tokens.csirt1(), id, withPersons)
                .then()
                .statusCode(400)
                .body("errors.field", equalTo(List.of("persons")));

        record(Tokens.csirt1(), id, report("PPC", NOW.plusDays(1)))
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("communicatedAt"));
        record(Tokens.csirt1(), id, report("PPC", NOW.minusYears(1)))
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("communicatedAt"));
        record(Tokens.csirt1(), id, notice(0, "LETTER", NOW.minusMinutes(1)))
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("persons"));
        Map<String, Object> badRecipient = report("PREFECTURE", NOW.minusMinutes(1));
        badRecipient.put("recipient", "MAYOR");
        record(Tokens.csirt1(), id, badRecipient).then().statusCode(400).body("errors[0].field", equalTo("recipient"));
        Map<String, Object> longReference = report("PPC", NOW.minusMinutes(1));
        longReference.put("reference", "x".repeat(201));
        record(Tokens.csirt1(), id, longReference).then().statusCode(400).body("errors[0].field", equalTo("reference"));

        given().auth()
                .oauth2(Tokens.csirt1())
                .get("/api/incidents/" + id + "/communications")
                .then()
                .body("$", hasSize(0));
    }

    @Test
    void onlyCsirtAndSecurityLeadRecordCommunicationsAndOtherSectionsCannotSee() {
        String id = Reports.file(Tokens.staff1());
        Map<String, Object> body = report("PREFECTURE", NOW.minusMinutes(1));
        record(Tokens.staff1(), id, body).then().statusCode(403).contentType("application/problem+json");
        record(Tokens.chief1(), id, body).then().statusCode(403);
        record(Tokens.head1(), id, body).then().statusCode(403);
        record(Tokens.auditor(), id, body).then().statusCode(403);
        record(Tokens.ciso(), id, body).then().statusCode(403);
        record(Tokens.seclead(), id, body).then().statusCode(201);

        given().auth()
                .oauth2(Tokens.chief1())
                .get("/api/incidents/" + id + "/communications")
                .then()
                .statusCode(200)
                .body("$", hasSize(1));
        given().auth()
                .oauth2(Tokens.staff2())
                .get("/api/incidents/" + id + "/communications")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        given().auth()
                .oauth2(Tokens.chief2())
                .get("/api/incidents/" + id + "/communications")
                .then()
                .statusCode(404);
        record(Tokens.csirt1(), id, body).then().statusCode(201);
        given().auth()
                .oauth2(Tokens.csirt1())
                .get("/api/incidents/" + id + "/communications?kind=LETTERS")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("kind"));
    }

    private static String caseWithPersonalData(int persons) {
        String id = Reports.file(Tokens.staff1());
        Map<String, Object> record = Records.minor();
        record.put("personalData", Records.personalData(persons, "BASIC", "SENSITIVE"));
        Records.write(Tokens.csirt1(), id, record).then().statusCode(200).body("legalDuties.code", hasItem("PPC_APPI"));
        return id;
    }

    private static Map<String, Object> notice(int persons, String method, OffsetDateTime at) {
        Map<String, Object> body = new HashMap<>();
        body.put("kind", "NOTICE_TO_PERSONS");
        body.put("persons", persons);
        body.put("method", method);
        body.put("communicatedAt", at.toString());
        return body;
    }

    private static Map<String, Object> report(String recipient, OffsetDateTime at) {
        Map<String, Object> body = new HashMap<>();
        body.put("kind", "REPORT_TO_OUTSIDE_BODY");
        body.put("recipient", recipient);
        body.put("communicatedAt", at.toString());
        return body;
    }

    private static Response record(String token, String id, Map<String, Object> body) {
        return given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(body)
                .when()
                .post("/api/incidents/" + id + "/communications");
    }

    private static String japaneseTime(OffsetDateTime at) {
        return DateTimeFormatter.ofPattern("yyyy年M月d日 H時mm分").format(at.atZoneSameInstant(ZoneId.of("Asia/Tokyo")));
    }
}
