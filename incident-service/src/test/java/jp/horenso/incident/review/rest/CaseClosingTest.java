package jp.horenso.incident.review.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import jp.horenso.incident.review.ReviewFixtures;
import jp.horenso.incident.support.KafkaTopics;
import jp.horenso.incident.support.Records;
import jp.horenso.incident.support.Reports;
import jp.horenso.incident.support.Tokens;
import jp.horenso.localstack.testing.EventSchemas;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

@QuarkusTest
class CaseClosingTest {

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper mapper;

    @Test
    void caseClosesOnlyAfterCisoAcceptedRecurrencePrevention() throws Exception {
        String id = Reports.file(Tokens.staff1());
        close(Tokens.csirt1(), id)
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("type", endsWith("closing.missing.acceptance"))
                .body("detail", containsString("第44条5項"))
                .body("detail", containsString("REPORTED"));
        given().auth()
                .oauth2(Tokens.csirt1())
                .get("/api/incidents/" + id + "/review")
                .then()
                .statusCode(200)
                .body("closable", equalTo(false))
                .body("missing.code", equalTo(java.util.List.of("acceptance")));

        ReviewFixtures.recurrencePrevention(em, id, "持ち出し記録簿の導入");
        int first = ReviewFixtures.submit(id);
        close(Tokens.csirt1(), id).then().statusCode(409).body("detail", containsString("UNDER_CISO_REVIEW"));
        ReviewFixtures.decide(Tokens.ciso(), id, first, "RETURN", "期限を明記すること", null)
                .then()
                .statusCode(200);
        close(Tokens.ciso(), id).then().statusCode(409).body("detail", containsString("RETURNED_BY_CISO"));
        close(Tokens.ciso(), id, "en")
                .then()
                .statusCode(409)
                .body("detail", containsString("has not accepted its recurrence prevention"));

        int second = ReviewFixtures.submit(id);
        ReviewFixtures.decide(Tokens.ciso(), id, second, "ACCEPT", null, null)
                .then()
                .statusCode(200);
        given().auth()
                .oauth2(Tokens.csirt1())
                .get("/api/incidents/" + id + "/review")
                .then()
                .body("closable", equalTo(true))
                .body("missing", hasSize(0))
                .body("acceptedReportVersion", equalTo(second));
        close(Tokens.csirt1(), id)
                .then()
                .statusCode(200)
                .body("state", equalTo("CLOSED"))
                .body("closedAt", notNullValue())
                .body("closable", equalTo(false));
        given().auth()
                .oauth2(Tokens.csirt1())
                .get("/api/incidents/" + id)
                .then()
                .body("state", equalTo("CLOSED"))
                .body("timeline.type", hasItem("CLOSED"));

        // Closed is final: no second close, no new report.
        close(Tokens.ciso(), id).then().statusCode(409).body("type", endsWith("closing.already-closed"));
        given().auth()
                .oauth2(Tokens.csirt1())
                .contentType(ContentType.JSON)
                .body(Map.of())
                .post("/api/incidents/" + id + "/ciso-reports")
                .then()
                .statusCode(409)
                .body("type", endsWith("review.case-closed"));

        ConsumerRecord<String, String> event = KafkaTopics.awaitRecord(
                "horenso.incident-events",
                r -> id.equals(r.key()) && r.value().contains("IncidentClosed"),
                Duration.ofSeconds(20));
        EventSchemas.assertValid("IncidentClosed", event.value());
        JsonNode data = mapper.readTree(event.value()).get("data");
        assertEquals(second, data.get("acceptedReportVersion").asInt());
        assertTrue(data.get("committeeReportedAt").isNull());
    }

    @Test
    void article44_6_severeCaseClosesOnlyAfterCommitteeReport() throws Exception {
        String id = Reports.file(Tokens.staff1());
        ReviewFixtures.recurrencePrevention(em, id, "全庁で送信前の二重確認を義務化");
        int version = ReviewFixtures.submit(id);
        ReviewFixtures.decide(Tokens.ciso(), id, version, "ACCEPT", null, true)
                .then()
                .statusCode(200);
        given().auth()
                .oauth2(Tokens.csirt1())
                .get("/api/incidents/" + id + "/review")
                .then()
                .body("severeJudgedByCiso", equalTo(true))
                .body("missing.code", equalTo(java.util.List.of("committee-report")));

        close(Tokens.csirt1(), id)
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("type", endsWith("closing.missing.committee-report"))
                .body("detail", containsString("第44条6項"));
        close(Tokens.csirt1(), id, "en").then().statusCode(409).body("detail", containsString("committee report"));

        // The committee does not see the case before it is reported to it.
        given().auth()
                .oauth2(Tokens.committee())
                .get("/api/incidents/" + id)
                .then()
                .statusCode(404);

        String reportedAt = OffsetDateTime.now(ZoneOffset.ofHours(9))
                .minusHours(1)
                .withNano(0)
                .toString();
        given().auth()
                .oauth2(Tokens.csirt1())
                .contentType(ContentType.JSON)
                .body(Map.of("reportedAt", reportedAt, "reference", "委員会 第3回"))
                .post("/api/incidents/" + id + "/committee-report")
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(Tokens.ciso())
                .contentType(ContentType.JSON)
                .body(Map.of("reportedAt", reportedAt, "reference", "委員会 第3回"))
                .post("/api/incidents/" + id + "/committee-report")
                .then()
                .statusCode(200)
                .body("committeeReport.reference", equalTo("委員会 第3回"))
                .body("committeeReport.reportVersion", equalTo(version))
                .body("committeeReport.recordedBy", equalTo("ciso"))
                .body("closable", equalTo(true));
        given().auth()
                .oauth2(Tokens.ciso())
                .contentType(ContentType.JSON)
                .body(Map.of("reportedAt", reportedAt, "reference", "二度目"))
                .post("/api/incidents/" + id + "/committee-report")
                .then()
                .statusCode(409)
                .body("type", endsWith("review.committee-already-reported"));

        // Now the committee sees the case and the report it received.
        given().auth()
                .oauth2(Tokens.committee())
                .get("/api/incidents/" + id)
                .then()
                .statusCode(200)
                .body("timeline.type", hasItem("COMMITTEE_REPORTED"));
        given().auth()
                .oauth2(Tokens.committee())
                .get("/api/incidents/" + id + "/ciso-reports/" + version)
                .then()
                .statusCode(200)
                .body("snapshot.responseActions[0].description", equalTo("全庁で送信前の二重確認を義務化"));

        close(Tokens.ciso(), id).then().statusCode(200).body("state", equalTo("CLOSED"));

        for (String type : new String[] {"CommitteeReportRecorded", "IncidentClosed"}) {
            ConsumerRecord<String, String> event = KafkaTopics.awaitRecord(
                    "horenso.incident-events",
                    r -> id.equals(r.key()) && r.value().contains("jp.horenso." + type),
                    Duration.ofSeconds(20));
            EventSchemas.assertValid(type, event.value());
        }
        ConsumerRecord<String, String> closed = KafkaTopics.awaitRecord(
                "horenso.incident-events",
                r -> id.equals(r.key()) && r.value().contains("jp.horenso.IncidentClosed"),
                Duration.ofSeconds(20));
        JsonNode data = mapper.readTree(closed.value()).get("data");
        assertTrue(data.get("severeJudgedByCiso").asBoolean());
        assertEquals(
                OffsetDateTime.parse(reportedAt).toInstant(),
                OffsetDateTime.parse(data.get("committeeReportedAt").asText()).toInstant());
    }

    @Test
    void committeeReportComesAfterTheCsirtReportAndMarksTheCaseSevere() {
        String id = Reports.file(Tokens.staff1());
        Map<String, Object> body =
                Map.of("reportedAt", OffsetDateTime.now().minusMinutes(5).toString(), "reference", "委員会 臨時会");
        given().auth()
                .oauth2(Tokens.ciso())
                .contentType(ContentType.JSON)
                .body(body)
                .post("/api/incidents/" + id + "/committee-report")
                .then()
                .statusCode(409)
                .body("type", endsWith("review.no-report"));
        ReviewFixtures.accepted(em, id, "研修を実施する", null);
        given().auth()
                .oauth2(Tokens.ciso())
                .contentType(ContentType.JSON)
                .body(body)
                .post("/api/incidents/" + id + "/committee-report")
                .then()
                .statusCode(200)
                .body("severeJudgedByCiso", equalTo(true));
        given().auth()
                .oauth2(Tokens.csirt1())
                .get("/api/incidents/" + id)
                .then()
                .body(
                        "timeline.find { it.type == 'COMMITTEE_REPORTED' }.details.severeJudgedByCiso.after",
                        equalTo(true));
    }

    @Test
    void badCommitteeReportIsRefusedWith400() {
        String id = Reports.file(Tokens.staff1());
        Records.write(Tokens.csirt1(), id, Records.minor()).then().statusCode(200);
        String path = "/api/incidents/" + id + "/committee-report";
        given().auth()
                .oauth2(Tokens.ciso())
                .contentType(ContentType.JSON)
                .body(Map.of("reference", "x"))
                .post(path)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("reportedAt"));
        given().auth()
                .oauth2(Tokens.ciso())
                .contentType(ContentType.JSON)
                .body(Map.of("reportedAt", OffsetDateTime.now().plusDays(2).toString(), "reference", ""))
                .post(path)
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("reportedAt"))
                .body("errors.field", hasItem("reference"));
        given().auth()
                .oauth2(Tokens.ciso())
                .contentType(ContentType.JSON)
                .body(Map.of("reportedAt", "yesterday", "reference", "x"))
                .post(path)
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("reportedAt"));
        close(Tokens.staff1(), id).then().statusCode(403);
        close(Tokens.seclead(), id).then().statusCode(403);
    }

    private static io.restassured.response.Response close(String token, String id) {
        return close(token, id, "ja");
    }

    private static io.restassured.response.Response close(String token, String id, String language) {
        return given().auth().oauth2(token).header("Accept-Language", language).post("/api/incidents/" + id + "/close");
    }
}
