package jp.horenso.incident.assessment.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;
import jp.horenso.incident.support.KafkaTopics;
import jp.horenso.incident.support.Records;
import jp.horenso.incident.support.Reports;
import jp.horenso.incident.support.Tokens;
import jp.horenso.localstack.testing.EventSchemas;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

@QuarkusTest
class LegalDutyTest {

    @Inject
    ObjectMapper mapper;

    @Test
    void r1_moreThan100PersonsRequiresCommissionReportWithItsClockFromDiscovery() throws Exception {
        String id = Reports.file(Tokens.staff1());
        Map<String, Object> record = Records.minor();
        record.put("personalData", Records.personalData(101, "BASIC"));
        record.put("informationImpact", "PRIVACY_BREACH");
        Records.write(Tokens.csirt1(), id, record)
                .then()
                .statusCode(200)
                .body("legalDuties", hasSize(1))
                .body("legalDuties[0].code", equalTo("PPC_APPI"))
                .body("legalDuties[0].status", equalTo("OPEN"))
                .body("legalDuties[0].source", startsWith("個人情報保護法68条1項"))
                .body("legalDuties[0].reasons[0].ja", equalTo("本人の数が100人を超える（規則43条4号）"))
                .body("severity.level", equalTo("HIGH"))
                .body("severity.reasons.rule", hasItem("H1"))
                .body("timeline.type", hasItem("LEGAL_DUTY_IDENTIFIED"));
        String discoveredAt = given().auth()
                .oauth2(Tokens.csirt1())
                .get("/api/incidents/" + id)
                .path("discoveredAt");
        ConsumerRecord<String, String> event = KafkaTopics.awaitRecord(
                "horenso.incident-events",
                r -> id.equals(r.key()) && r.value().contains("LegalDutyIdentified"),
                Duration.ofSeconds(20));
        EventSchemas.assertValid("LegalDutyIdentified", event.value());
        JsonNode data = mapper.readTree(event.value()).get("data");
        OffsetDateTime discovered =
                OffsetDateTime.parse(data.get("discoveredAt").asText());
        assertEquals(
                discovered.plusDays(3).toInstant(),
                OffsetDateTime.parse(data.get("promptDueAt").asText()).toInstant());
        assertEquals(
                discovered.plusDays(30).toInstant(),
                OffsetDateTime.parse(data.get("finalDueAt").asText()).toInstant());
        assertEquals(OffsetDateTime.parse(discoveredAt).toInstant(), discovered.toInstant());
    }

    @Test
    void r1_exactly100PersonsOfPlainDataRequiresNoReport() {
        String id = Reports.file(Tokens.staff1());
        Map<String, Object> record = Records.minor();
        record.put("personalData", Records.personalData(100, "BASIC"));
        Records.write(Tokens.csirt1(), id, record)
                .then()
                .statusCode(200)
                .body("legalDuties", hasSize(0))
                .body("severity.level", equalTo("MEDIUM"));
    }

    @Test
    void r1_sensitiveDataRequiresReportWhateverTheNumber() {
        String id = Reports.file(Tokens.staff1());
        Map<String, Object> record = Records.minor();
        record.put("personalData", Records.personalData(1, "SENSITIVE"));
        Records.write(Tokens.csirt1(), id, record)
                .then()
                .statusCode(200)
                .body("legalDuties[0].code", equalTo("PPC_APPI"))
                .body("legalDuties[0].reasons[0].ja", startsWith("要配慮個人情報"));
    }

    @Test
    void r1_stronglyEncryptedDataRequiresNoReport() {
        String id = Reports.file(Tokens.staff1());
        Map<String, Object> record = Records.minor();
        Map<String, Object> pd = Records.personalData(5000, "SENSITIVE");
        pd.put("stronglyEncrypted", true);
        record.put("personalData", pd);
        Records.write(Tokens.csirt1(), id, record).then().statusCode(200).body("legalDuties", hasSize(0));
    }

    @Test
    void r1_improperPurposeGivesSixtyDaysForTheFinalReport() {
        String id = Reports.file(Tokens.staff1());
        Map<String, Object> record = Records.minor();
        Map<String, Object> pd = Records.personalData(3, "BASIC");
        pd.put("improperPurpose", true);
        record.put("personalData", pd);
        String discoveredAt = given().auth()
                .oauth2(Tokens.csirt1())
                .get("/api/incidents/" + id)
                .path("discoveredAt");
        String finalDue = Records.write(Tokens.csirt1(), id, record)
                .then()
                .statusCode(200)
                .body("legalDuties[0].reasons[0].ja", startsWith("不正の目的"))
                .extract()
                .path("legalDuties[0].finalDueAt");
        assertEquals(
                OffsetDateTime.parse(discoveredAt).plusDays(60).toInstant(),
                OffsetDateTime.parse(finalDue).toInstant());
    }

    @Test
    void article78_missentMailConfirmedDeletedUnreadIsNoLeakAndWithdrawsTheDuty() throws Exception {
        String id = Reports.file(Tokens.staff1());
        Map<String, Object> record = Records.minor();
        record.put("kind", "MISSENT_EMAIL");
        record.put("personalData", Records.personalData(150, "BASIC"));
        Records.write(Tokens.csirt1(), id, record)
                .then()
                .statusCode(200)
                .body("legalDuties[0].status", equalTo("OPEN"));

        Map<String, Object> pd = Records.personalData(150, "BASIC");
        pd.put("allCopiesConfirmedDeletedUnread", true);
        record.put("personalData", pd);
        Records.write(Tokens.csirt1(), id, record)
                .then()
                .statusCode(200)
                .body("legalDuties[0].status", equalTo("WITHDRAWN"))
                .body("timeline.type", hasItem("LEGAL_DUTY_WITHDRAWN"));
        ConsumerRecord<String, String> event = KafkaTopics.awaitRecord(
                "horenso.incident-events",
                r -> id.equals(r.key()) && r.value().contains("LegalDutyWithdrawn"),
                Duration.ofSeconds(20));
        EventSchemas.assertValid("LegalDutyWithdrawn", event.value());
    }

    @Test
    void r2_myNumberLeakFromMyNumberSystemsIsASeriousSituation() {
        String id = Reports.file(Tokens.staff1());
        Map<String, Object> record = Records.minor();
        record.put("networkZone", "MY_NUMBER_USE");
        record.put("personalData", Records.personalData(1, "MY_NUMBER"));
        Records.write(Tokens.csirt1(), id, record)
                .then()
                .statusCode(200)
                .body("legalDuties.code", hasItem("PPC_MY_NUMBER"))
                .body("severity.level", equalTo("CRITICAL"))
                .body("severity.reasons.rule", hasItem("C1"));
    }

    @Test
    void legalReportSubmissionIsRecordedAndTheFinalOneStopsTheClock() throws Exception {
        String id = Reports.file(Tokens.staff1());
        Map<String, Object> record = Records.minor();
        record.put("personalData", Records.personalData(1, "SENSITIVE"));
        Records.write(Tokens.csirt1(), id, record).then().statusCode(200);
        String path = "/api/incidents/" + id + "/legal-duties/PPC_APPI/submissions";
        given().auth()
                .oauth2(Tokens.csirt1())
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "report",
                        "FINAL",
                        "submittedAt",
                        OffsetDateTime.now().minusMinutes(1).toString(),
                        "reference",
                        "PPC-2"))
                .post(path)
                .then()
                .statusCode(409)
                .contentType("application/problem+json");
        given().auth()
                .oauth2(Tokens.csirt1())
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "report",
                        "PROMPT",
                        "submittedAt",
                        OffsetDateTime.now().minusMinutes(5).toString(),
                        "reference",
                        "PPC-1"))
                .post(path)
                .then()
                .statusCode(204);
        given().auth()
                .oauth2(Tokens.csirt1())
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "report",
                        "FINAL",
                        "submittedAt",
                        OffsetDateTime.now().minusMinutes(1).toString(),
                        "reference",
                        "PPC-2"))
                .post(path)
                .then()
                .statusCode(204);
        given().auth()
                .oauth2(Tokens.csirt1())
                .get("/api/incidents/" + id)
                .then()
                .body("legalDuties[0].status", equalTo("FINAL_SUBMITTED"))
                .body("legalDuties[0].prompt.reference", equalTo("PPC-1"))
                .body("legalDuties[0].finalReport.reference", equalTo("PPC-2"))
                .body("legalDuties[0].finalOverdue", equalTo(false));
        ConsumerRecord<String, String> event = KafkaTopics.awaitRecord(
                "horenso.incident-events",
                r -> id.equals(r.key()) && r.value().contains("\"FINAL\""),
                Duration.ofSeconds(20));
        EventSchemas.assertValid("LegalReportSubmitted", event.value());
        given().auth()
                .oauth2(Tokens.staff1())
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "report", "PROMPT", "submittedAt", OffsetDateTime.now().toString(), "reference", "x"))
                .post(path)
                .then()
                .statusCode(403);
    }

    @Test
    void r1_commissionReportDraftHasTheNineItemsFromTheCase() {
        String id = Reports.file(Tokens.staff1());
        Map<String, Object> record = Records.minor();
        record.put("personalData", Records.personalData(250, "BASIC", "SENSITIVE"));
        record.put("cause", "委託先の設定誤り");
        Records.write(Tokens.csirt1(), id, record).then().statusCode(200);
        given().auth()
                .oauth2(Tokens.csirt1())
                .get("/api/incidents/" + id + "/legal-duties/PPC_APPI/commission-report-draft")
                .then()
                .statusCode(200)
                .body("items", hasSize(9))
                .body("items[0].ja", equalTo("概要"))
                .body("items[1].value", equalTo("個人情報、要配慮個人情報"))
                .body("items[2].value", equalTo("250人"))
                .body("items[3].value", equalTo("委託先の設定誤り"))
                .body("items[8].ja", equalTo("その他参考となる事項"));
        given().auth()
                .oauth2(Tokens.csirt1())
                .get("/api/incidents/" + id + "/legal-duties/PPC_MY_NUMBER/commission-report-draft")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
    }
}
