package jp.horenso.incident.cases.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import jp.horenso.incident.support.KafkaTopics;
import jp.horenso.incident.support.Records;
import jp.horenso.incident.support.Reports;
import jp.horenso.incident.support.Tokens;
import jp.horenso.localstack.testing.EventSchemas;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

@QuarkusTest
class CaseRecordTest {

    @Inject
    ObjectMapper mapper;

    @Inject
    jakarta.persistence.EntityManager em;

    @Test
    void closedCaseRecordCannotChange() {
        String id = Reports.file(Tokens.staff1());
        io.quarkus.narayana.jta.QuarkusTransaction.requiringNew()
                .run(() -> em.createNativeQuery("UPDATE incident SET state = 'CLOSED' WHERE id = ?1")
                        .setParameter(1, java.util.UUID.fromString(id))
                        .executeUpdate());
        Records.write(Tokens.csirt1(), id, Records.minor())
                .then()
                .statusCode(409)
                .contentType("application/problem+json");
    }

    @Test
    void article44_4_recordsCauseExtentAndScopeWithBeforeAndAfterOnTheTimeline() {
        String id = Reports.file(Tokens.staff1());
        Map<String, Object> record = Records.minor();
        record.put("cause", "職員が私物の鞄に入れて持ち出した");
        record.put("damageExtent", "情報の流出は確認されていない");
        record.put("damageScope", "窓口案内資料のみ");
        Records.write(Tokens.csirt1(), id, record)
                .then()
                .statusCode(200)
                .body("record.cause", equalTo("職員が私物の鞄に入れて持ち出した"))
                .body("record.damageExtent", equalTo("情報の流出は確認されていない"))
                .body("record.damageScope", equalTo("窓口案内資料のみ"))
                .body("record.networkZone", equalTo("INTERNET"))
                .body("record.classificationScheme", equalTo("KANUMA:1"))
                .body("timeline.type", hasItem("RECORD_UPDATED"));
        JsonPath view = given().auth()
                .oauth2(Tokens.csirt1())
                .get("/api/incidents/" + id)
                .jsonPath();
        Map<String, Object> changes = view.getMap("timeline.find { it.type == 'RECORD_UPDATED' }.details.changes");
        @SuppressWarnings("unchecked")
        Map<String, Object> cause = (Map<String, Object>) changes.get("cause");
        assertEquals(null, cause.get("before"));
        assertEquals("職員が私物の鞄に入れて持ち出した", cause.get("after"));
        assertEquals("csirt1", view.getString("timeline.find { it.type == 'RECORD_UPDATED' }.actor"));
    }

    @Test
    void staleWriteIsRefusedWith412AndChangesNothing() {
        String id = Reports.file(Tokens.staff1());
        String etag = given().auth()
                .oauth2(Tokens.csirt1())
                .get("/api/incidents/" + id)
                .header("ETag");
        Records.write(Tokens.csirt1(), id, Records.minor()).then().statusCode(200);
        Map<String, Object> late = Records.minor();
        late.put("cause", "古い版に基づく更新");
        given().auth()
                .oauth2(Tokens.csirt1())
                .header("If-Match", etag)
                .contentType(ContentType.JSON)
                .body(late)
                .when()
                .put("/api/incidents/" + id + "/record")
                .then()
                .statusCode(412)
                .contentType("application/problem+json");
        given().auth()
                .oauth2(Tokens.csirt1())
                .get("/api/incidents/" + id)
                .then()
                .body("record.cause", equalTo(null));
    }

    @Test
    void writeWithoutIfMatchIsRefusedWith428() {
        String id = Reports.file(Tokens.staff1());
        given().auth()
                .oauth2(Tokens.csirt1())
                .contentType(ContentType.JSON)
                .body(Records.minor())
                .when()
                .put("/api/incidents/" + id + "/record")
                .then()
                .statusCode(428)
                .contentType("application/problem+json");
    }

    @Test
    void onlyCsirtAndSecurityLeadMayWriteTheRecord() {
        String id = Reports.file(Tokens.staff1());
        Records.write(Tokens.staff1(), id, Records.minor()).then().statusCode(403);
        Records.write(Tokens.chief1(), id, Records.minor()).then().statusCode(403);
        Records.write(Tokens.auditor(), id, Records.minor()).then().statusCode(403);
        Records.write(Tokens.seclead(), id, Records.minor()).then().statusCode(200);
    }

    @Test
    void r6_classificationLevelOutsideTheOrganisationsSchemeIsRefused() {
        String id = Reports.file(Tokens.staff1());
        Map<String, Object> record = Records.minor();
        record.put("assets", List.of(Records.asset("住民記録", "3B", "2", "3")));
        Records.write(Tokens.csirt1(), id, record)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("assets[0].confidentiality"))
                .body("errors.field", hasItem("assets[0].availability"));
    }

    @Test
    void severity_isComputedWithItsReasonsAndPublished() throws Exception {
        String id = Reports.file(Tokens.staff1());
        given().auth()
                .oauth2(Tokens.staff1())
                .get("/api/incidents/" + id)
                .then()
                .body("severity.level", equalTo("LOW"))
                .body("severity.reasons[0].rule", equalTo("L0"));
        Map<String, Object> record = Records.minor();
        record.put("networkZone", "MY_NUMBER_USE");
        record.put("ongoing", true);
        Records.write(Tokens.csirt1(), id, record)
                .then()
                .statusCode(200)
                .body("severity.level", equalTo("CRITICAL"))
                .body("severity.ja", equalTo("重大"))
                .body("severity.reasons[0].rule", equalTo("C3"))
                .body("severity.reasons.rule", hasItem("M4"));
        ConsumerRecord<String, String> event = KafkaTopics.awaitRecord(
                "horenso.incident-events",
                r -> id.equals(r.key()) && r.value().contains("SeverityAssessed"),
                Duration.ofSeconds(20));
        EventSchemas.assertValid("SeverityAssessed", event.value());
        JsonNode data = mapper.readTree(event.value()).get("data");
        assertEquals("CRITICAL", data.get("severity").asText());
    }

    @Test
    void severity_csirtOverrideIsRecordedWithItsReason() {
        String id = Reports.file(Tokens.staff1());
        String etag = given().auth()
                .oauth2(Tokens.csirt1())
                .get("/api/incidents/" + id)
                .header("ETag");
        given().auth()
                .oauth2(Tokens.csirt1())
                .header("If-Match", etag)
                .contentType(ContentType.JSON)
                .body(Map.of("severity", "HIGH", "reason", "報道機関から問い合わせがあったため"))
                .when()
                .post("/api/incidents/" + id + "/severity-override")
                .then()
                .statusCode(200)
                .body("severity.level", equalTo("HIGH"))
                .body("severity.computed", equalTo("LOW"))
                .body("severity.override.reason", equalTo("報道機関から問い合わせがあったため"))
                .body("severity.override.by", equalTo("csirt1"))
                .body("severity.override.at", notNullValue())
                .body("timeline.type", hasItem("SEVERITY_OVERRIDDEN"));
        String etag2 = given().auth()
                .oauth2(Tokens.seclead())
                .get("/api/incidents/" + id)
                .header("ETag");
        given().auth()
                .oauth2(Tokens.seclead())
                .header("If-Match", etag2)
                .contentType(ContentType.JSON)
                .body(Map.of("severity", "LOW", "reason", "x"))
                .when()
                .post("/api/incidents/" + id + "/severity-override")
                .then()
                .statusCode(403);
    }

    @Test
    void reportKeepsTheTimeZoneItWasGivenIn() {
        Map<String, Object> body = Reports.valid();
        body.put("occurredAt", "2026-04-01T09:30:00+09:00");
        body.put("discoveredAt", "2026-04-01T01:00:00Z");
        body.put("kind", "MISSENT_EMAIL");
        String id = given().auth()
                .oauth2(Tokens.staff1())
                .contentType(ContentType.JSON)
                .body(body)
                .post("/api/incidents")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        given().auth()
                .oauth2(Tokens.staff1())
                .get("/api/incidents/" + id)
                .then()
                .body("occurredAt", equalTo("2026-04-01T09:30:00+09:00"))
                .body("discoveredAt", equalTo("2026-04-01T01:00:00Z"))
                .body("kind", equalTo("MISSENT_EMAIL"));
    }
}
