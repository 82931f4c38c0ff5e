package jp.horenso.incident.cases.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.util.Map;
import jp.horenso.incident.support.KafkaTopics;
import jp.horenso.incident.support.Reports;
import jp.horenso.incident.support.Tokens;
import jp.horenso.localstack.testing.EventSchemas;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

@QuarkusTest
class IncidentReportTest {

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper mapper;

    @Test
    void staffReportIsStoredOnItsTimelineAndPublishedAsIncidentReported() throws Exception {
        Response created = given().auth()
                .oauth2(Tokens.staff1())
                .contentType(ContentType.JSON)
                .body(Reports.valid())
                .when()
                .post("/api/incidents");
        created.then()
                .statusCode(201)
                .header("Location", containsString("/api/incidents/"))
                .body("number", matchesPattern("DEMO-\\d{4}-\\d{6}"))
                .body("reportedBy", equalTo("staff1"))
                .body("unit", equalTo("general-affairs-section"))
                .body("department", equalTo("general-affairs"))
                .body("timeline", hasSize(1))
                .body("timeline[0].type", equalTo("REPORTED"))
                .body("timeline[0].actor", equalTo("staff1"));
        String id = created.path("id");
        created.then().header("Location", endsWith("/api/incidents/" + id));

        given().auth()
                .oauth2(Tokens.staff1())
                .when()
                .get("/api/incidents/" + id)
                .then()
                .statusCode(200)
                .body("id", equalTo(id))
                .body("title", equalTo("USBメモリの紛失"));

        ConsumerRecord<String, String> record =
                KafkaTopics.awaitRecord("horenso.incident-events", r -> id.equals(r.key()), Duration.ofSeconds(20));
        EventSchemas.assertValid("IncidentReported", record.value());
        JsonNode event = mapper.readTree(record.value());
        assertEquals("jp.horenso.IncidentReported", event.get("type").asText());
        assertEquals(id, event.get("subject").asText());
        assertEquals("staff1", event.at("/data/reportedBy/username").asText());
        assertEquals("general-affairs-section", event.at("/data/unit").asText());
        assertEquals(
                "application/cloudevents+json",
                new String(record.headers().lastHeader("content-type").value()));
    }

    @Test
    void timesWithZeroSecondsStillMakeAValidEvent() {
        Map<String, Object> body = Reports.valid();
        body.put("occurredAt", "2026-04-01T09:00+09:00");
        body.put("discoveredAt", "2026-04-01T10:00:00+09:00");
        String id = given().auth()
                .oauth2(Tokens.staff1())
                .contentType(ContentType.JSON)
                .body(body)
                .when()
                .post("/api/incidents")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        ConsumerRecord<String, String> record =
                KafkaTopics.awaitRecord("horenso.incident-events", r -> id.equals(r.key()), Duration.ofSeconds(20));
        EventSchemas.assertValid("IncidentReported", record.value());
        org.junit.jupiter.api.Assertions.assertTrue(
                record.value().contains("\"occurredAt\":\"2026-04-01T09:00:00+09:00\""), record.value());
    }

    @Test
    void reportWithoutTokenIsUnauthorized() {
        given().contentType(ContentType.JSON)
                .body(Reports.valid())
                .when()
                .post("/api/incidents")
                .then()
                .statusCode(401);
    }

    @Test
    void auditorCannotFileAReport() {
        given().auth()
                .oauth2(Tokens.auditor())
                .contentType(ContentType.JSON)
                .body(Reports.valid())
                .when()
                .post("/api/incidents")
                .then()
                .statusCode(403)
                .contentType("application/problem+json");
    }

    @Test
    void unknownCaseIsNotFoundAsProblem() {
        given().auth()
                .oauth2(Tokens.seclead())
                .when()
                .get("/api/incidents/00000000-0000-0000-0000-000000000000")
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404))
                .body("detail", containsString("00000000-0000-0000-0000-000000000000"));
    }

    @Test
    void staffOfAnotherSectionCannotSeeTheCase() {
        String id = Reports.file(Tokens.staff1());
        given().auth()
                .oauth2(Tokens.staff2())
                .when()
                .get("/api/incidents/" + id)
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        given().auth()
                .oauth2(Tokens.chief2())
                .when()
                .get("/api/incidents/" + id)
                .then()
                .statusCode(404);
        given().auth()
                .oauth2(Tokens.chief1())
                .when()
                .get("/api/incidents/" + id)
                .then()
                .statusCode(200);
        given().auth()
                .oauth2(Tokens.head1())
                .when()
                .get("/api/incidents/" + id)
                .then()
                .statusCode(200);
        given().auth()
                .oauth2(Tokens.seclead())
                .when()
                .get("/api/incidents/" + id)
                .then()
                .statusCode(200);
        given().auth()
                .oauth2(Tokens.auditor())
                .when()
                .get("/api/incidents/" + id)
                .then()
                .statusCode(200);
    }

    @Test
    void badReportNamesEveryBadFieldInJapaneseAndStoresNothing() {
        Map<String, Object> body = Reports.valid();
        body.put("title", "");
        body.remove("occurredAt");
        body.put("description", "あ".repeat(10_001));
        long before = counts();
        given().auth()
                .oauth2(Tokens.staff1())
                .contentType(ContentType.JSON)
                .body(body)
                .when()
                .post("/api/incidents")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("title", equalTo("入力内容に誤りがあります"))
                .body("errors.field", hasItem("title"))
                .body("errors.field", hasItem("occurredAt"))
                .body("errors.field", hasItem("description"))
                .body("errors", hasSize(3));
        assertEquals(before, counts(), "nothing stored, nothing in the outbox");
    }

    @Test
    void badReportIsExplainedInEnglishWhenAsked() {
        Map<String, Object> body = Reports.valid();
        body.put("title", " ");
        given().auth()
                .oauth2(Tokens.staff1())
                .header("Accept-Language", "en-US,en;q=0.8")
                .contentType(ContentType.JSON)
                .body(body)
                .when()
                .post("/api/incidents")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("title", equalTo("The request has invalid fields"))
                .body("errors[0].field", equalTo("title"));
    }

    @Test
    void discoveryBeforeOccurrenceIsRefused() {
        Map<String, Object> body = Reports.valid();
        body.put("occurredAt", "2026-04-02T10:00:00+09:00");
        body.put("discoveredAt", "2026-04-01T10:00:00+09:00");
        long before = counts();
        given().auth()
                .oauth2(Tokens.staff1())
                .contentType(ContentType.JSON)
                .body(body)
                .when()
                .post("/api/incidents")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("discoveredAt"))
                .body("errors[0].message", equalTo("発見日時は発生日時以降にしてください。"));
        assertEquals(before, counts());
    }

    @Test
    void unknownFieldIsRefused() {
        Map<String, Object> body = Reports.valid();
        body.put("severity", "HIGH");
        long before = counts();
        given().auth()
                .oauth2(Tokens.staff1())
                .contentType(ContentType.JSON)
                .body(body)
                .when()
                .post("/api/incidents")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("severity"))
                .body("errors[0].message", equalTo("この項目は受け付けていません。"));
        assertEquals(before, counts());
    }

    @Test
    void malformedValuesAreRefused() {
        Map<String, Object> badTime = Reports.valid();
        badTime.put("occurredAt", "yesterday");
        given().auth()
                .oauth2(Tokens.staff1())
                .contentType(ContentType.JSON)
                .body(badTime)
                .when()
                .post("/api/incidents")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("occurredAt"));

        Map<String, Object> badType = Reports.valid();
        badType.put("reporterType", "ALIEN");
        given().auth()
                .oauth2(Tokens.staff1())
                .contentType(ContentType.JSON)
                .body(badType)
                .when()
                .post("/api/incidents")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("reporterType"))
                .body("errors[0].message", containsString("STAFF, VENDOR, CITIZEN"));

        long before = counts();
        given().auth()
                .oauth2(Tokens.staff1())
                .contentType(ContentType.JSON)
                .body("{\"title\": \"unterminated")
                .when()
                .post("/api/incidents")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("body"));
        given().auth()
                .oauth2(Tokens.staff1())
                .contentType(ContentType.JSON)
                .body("")
                .when()
                .post("/api/incidents")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        assertEquals(before, counts());
    }

    /** Cases plus outbox rows: both must stay unchanged when a report is refused. */
    private long counts() {
        return QuarkusTransaction.requiringNew()
                .call(() -> ((Number) em.createNativeQuery(
                                        "SELECT (SELECT count(*) FROM incident) * 1000000 + (SELECT count(*) FROM outbox_event)")
                                .getSingleResult())
                        .longValue());
    }
}
