package jp.horenso.incident.assessment.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
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

/** Legal duties follow the facts (regulatory.md R1): later facts move the deadlines, with the reasons. */
@QuarkusTest
class LegalDutyRevisionTest {

    private static final String EVENTS = "horenso.incident-events";

    @Inject
    ObjectMapper mapper;

    @Test
    void r1_improperPurposeFoundLaterMovesTheFinalReportFrom30To60DaysWithTheReasons() throws Exception {
        String id = Reports.file(Tokens.staff1());
        Map<String, Object> record = leakOf101Persons();
        Records.write(Tokens.csirt1(), id, record).then().statusCode(200);
        JsonNode identified = event(id, "LegalDutyIdentified");
        OffsetDateTime discovered =
                OffsetDateTime.parse(identified.get("discoveredAt").asText());
        assertEquals(discovered.plusDays(30).toInstant(), instant(identified, "finalDueAt"));
        // 本人通知 gets its own clock from the rules file (P30D by default).
        assertEquals(discovered.plusDays(30).toInstant(), instant(identified, "personsNoticeDueAt"));

        @SuppressWarnings("unchecked")
        Map<String, Object> pd = (Map<String, Object>) record.get("personalData");
        pd.put("improperPurpose", true);
        Records.write(Tokens.csirt1(), id, record)
                .then()
                .statusCode(200)
                .body("legalDuties[0].status", equalTo("OPEN"))
                .body("legalDuties[0].personsNoticeDueAt", org.hamcrest.Matchers.notNullValue())
                .body("timeline.type", hasItem("LEGAL_DUTY_REVISED"));

        JsonNode revised = event(id, "LegalDutyRevised");
        assertEquals("PPC_APPI", revised.get("code").asText());
        assertEquals(discovered.plusDays(60).toInstant(), instant(revised, "finalDueAt"));
        assertEquals(discovered.plusDays(3).toInstant(), instant(revised, "promptDueAt"));
        assertEquals(discovered.plusDays(30).toInstant(), instant(revised, "personsNoticeDueAt"));
        assertTrue(revised.get("reasons").toString().contains("不正の目的"), revised.toString());

        JsonPath view = given().auth()
                .oauth2(Tokens.csirt1())
                .get("/api/incidents/" + id)
                .jsonPath();
        String entry = "timeline.find { it.type == 'LEGAL_DUTY_REVISED' }.details";
        assertEquals(
                instantOf(identified, "finalDueAt"),
                OffsetDateTime.parse(view.getString(entry + ".finalDueAt.before"))
                        .toInstant());
        assertEquals(
                discovered.plusDays(60).toInstant(),
                OffsetDateTime.parse(view.getString(entry + ".finalDueAt.after"))
                        .toInstant());
        assertTrue(view.getList(entry + ".reasons").toString().contains("不正の目的"));
        assertEquals(
                discovered.plusDays(60).toInstant(),
                OffsetDateTime.parse(view.getString("legalDuties[0].finalDueAt"))
                        .toInstant());
    }

    @Test
    void r1_aFactThatMovesNoDeadlineRevisesNothing() {
        String id = Reports.file(Tokens.staff1());
        Map<String, Object> record = leakOf101Persons();
        Records.write(Tokens.csirt1(), id, record).then().statusCode(200);
        // Another reason for the same duty, and a new cause: the deadlines stay as they were.
        @SuppressWarnings("unchecked")
        Map<String, Object> pd = (Map<String, Object>) record.get("personalData");
        pd.put("financialDamageRisk", true);
        record.put("cause", "設定誤り");
        Records.write(Tokens.csirt1(), id, record)
                .then()
                .statusCode(200)
                .body("timeline.type", not(hasItem("LEGAL_DUTY_REVISED")))
                .body("legalDuties[0].reasons.ja", hasItem(org.hamcrest.Matchers.startsWith("財産的被害")));
    }

    private static Map<String, Object> leakOf101Persons() {
        Map<String, Object> record = Records.minor();
        record.put("personalData", Records.personalData(101, "BASIC"));
        record.put("informationImpact", "PRIVACY_BREACH");
        return record;
    }

    private JsonNode event(String id, String name) throws Exception {
        ConsumerRecord<String, String> record = KafkaTopics.awaitRecord(
                EVENTS,
                r -> id.equals(r.key()) && r.value().contains("jp.horenso." + name + "\""),
                Duration.ofSeconds(20));
        EventSchemas.assertValid(name, record.value());
        return mapper.readTree(record.value()).get("data");
    }

    private static java.time.Instant instant(JsonNode data, String field) {
        return instantOf(data, field);
    }

    private static java.time.Instant instantOf(JsonNode data, String field) {
        return OffsetDateTime.parse(data.get(field).asText()).toInstant();
    }
}
