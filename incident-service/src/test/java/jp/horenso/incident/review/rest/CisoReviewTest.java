package jp.horenso.incident.review.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import jp.horenso.incident.response.ResponseAction;
import jp.horenso.incident.review.ReviewFixtures;
import jp.horenso.incident.support.KafkaTopics;
import jp.horenso.incident.support.Records;
import jp.horenso.incident.support.Reports;
import jp.horenso.incident.support.Tokens;
import jp.horenso.localstack.testing.EventSchemas;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

@QuarkusTest
class CisoReviewTest {

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper mapper;

    @Test
    void article44_4_cisoReportIsAFrozenSnapshot() throws Exception {
        String id = Reports.file(Tokens.staff1());
        Map<String, Object> record = Records.minor();
        record.put("cause", "窓口端末の持ち出し手順が守られなかった");
        record.put("damageExtent", "流出は確認されていない");
        record.put("personalData", Records.personalData(150, "BASIC"));
        Records.write(Tokens.csirt1(), id, record).then().statusCode(200);
        ReviewFixtures.measure(
                em, id, ResponseAction.Kind.CONTAINMENT, "USBメモリの利用を停止", "seclead", ResponseAction.Status.DONE);
        ReviewFixtures.recurrencePrevention(em, id, "持ち出し記録簿の導入");

        Response created = given().auth()
                .oauth2(Tokens.csirt1())
                .contentType(ContentType.JSON)
                .body(Map.of("summary", "原因と再発防止策をまとめました"))
                .post("/api/incidents/" + id + "/ciso-reports");
        created.then()
                .statusCode(201)
                .header("Location", endsWith("/api/incidents/" + id + "/ciso-reports/1"))
                .body("version", equalTo(1))
                .body("latest", equalTo(true))
                .body("submittedBy", equalTo("csirt1"))
                .body("decision", nullValue())
                .body("sha256", matchesPattern("[0-9a-f]{64}"))
                .body("snapshot.summary", equalTo("原因と再発防止策をまとめました"))
                .body("snapshot.case.record.cause", equalTo("窓口端末の持ち出し手順が守られなかった"))
                .body("snapshot.case.severity.level", equalTo("HIGH"))
                .body("snapshot.case.severity.reasons.rule", hasItem("H1"))
                .body("snapshot.case.legalDuties[0].code", equalTo("PPC_APPI"))
                .body("snapshot.case.legalDuties[0].source", notNullValue())
                .body("snapshot.responseActions", hasSize(2))
                .body("snapshot.responseActions.kind", hasItems("CONTAINMENT", "RECURRENCE_PREVENTION"))
                .body("snapshot.responseActions.createdBy", hasItems("seclead", "csirt1"))
                .body("snapshot.recurrencePreventionAuthors", equalTo(java.util.List.of("csirt1")))
                .body("snapshot.timelineHead.hash", matchesPattern("[0-9a-f]{64}"));
        String sha = created.path("sha256");
        byte[] raw = given().auth()
                .oauth2(Tokens.ciso())
                .get("/api/incidents/" + id + "/ciso-reports/1/snapshot")
                .then()
                .statusCode(200)
                .header("Repr-Digest", startsWithSha256())
                .extract()
                .asByteArray();
        assertEquals(
                sha,
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw)),
                "the stored snapshot is exactly what the SHA-256 names");
        given().auth()
                .oauth2(Tokens.csirt1())
                .get("/api/incidents/" + id)
                .then()
                .body("state", equalTo("UNDER_CISO_REVIEW"))
                .body("timeline.type", hasItem("CISO_REPORT_SUBMITTED"));

        // The record changes after the report: the report does not.
        record.put("cause", "後日判明した別の原因");
        Records.write(Tokens.csirt1(), id, record).then().statusCode(200);
        ReviewFixtures.recurrencePrevention(em, id, "後から追加した対策");
        given().auth()
                .oauth2(Tokens.ciso())
                .get("/api/incidents/" + id + "/ciso-reports/1")
                .then()
                .statusCode(200)
                .body("sha256", equalTo(sha))
                .body("snapshot.case.record.cause", equalTo("窓口端末の持ち出し手順が守られなかった"))
                .body("snapshot.responseActions", hasSize(2));
        byte[] rawLater = given().auth()
                .oauth2(Tokens.ciso())
                .get("/api/incidents/" + id + "/ciso-reports/1/snapshot")
                .asByteArray();
        assertEquals(new String(raw, StandardCharsets.UTF_8), new String(rawLater, StandardCharsets.UTF_8));

        // Not even the database lets it change.
        assertThrows(
                Exception.class,
                () -> QuarkusTransaction.requiringNew()
                        .run(() -> em.createNativeQuery(
                                        "UPDATE ciso_report SET snapshot = '{}' WHERE incident_id = cast(?1 as uuid)")
                                .setParameter(1, id)
                                .executeUpdate()));

        // A second report is a new version with the record as it is now.
        Response second = given().auth()
                .oauth2(Tokens.csirt1())
                .contentType(ContentType.JSON)
                .body(Map.of())
                .post("/api/incidents/" + id + "/ciso-reports");
        second.then()
                .statusCode(201)
                .body("version", equalTo(2))
                .body("snapshot.case.record.cause", equalTo("後日判明した別の原因"))
                .body("snapshot.responseActions", hasSize(3));
        assertNotEquals(sha, second.path("sha256"));
        given().auth()
                .oauth2(Tokens.csirt1())
                .get("/api/incidents/" + id + "/ciso-reports")
                .then()
                .statusCode(200)
                .body("version", equalTo(java.util.List.of(1, 2)))
                .body("latest", equalTo(java.util.List.of(false, true)))
                .body("[0].snapshot", nullValue());

        ConsumerRecord<String, String> event = KafkaTopics.awaitRecord(
                "horenso.incident-events",
                r -> id.equals(r.key()) && r.value().contains("CisoReportSubmitted"),
                Duration.ofSeconds(20));
        EventSchemas.assertValid("CisoReportSubmitted", event.value());
        JsonNode data = mapper.readTree(event.value()).get("data");
        assertEquals(1, data.get("reportVersion").asInt());
        assertEquals(sha, data.get("sha256").asText());
    }

    @Test
    void article44_5_cisoReturnsReportWithInstructions() throws Exception {
        String id = Reports.file(Tokens.staff1());
        ReviewFixtures.recurrencePrevention(em, id, "研修を実施する");
        int version = ReviewFixtures.submit(id);

        ReviewFixtures.decide(Tokens.ciso(), id, version, "RETURN", "  ", null)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("instructions"))
                .body("errors.message", hasItem(containsString("第44条5項")));
        ReviewFixtures.decide(Tokens.ciso(), id, version, "RETURN", "全庁的な手順の見直しを加えること", null)
                .then()
                .statusCode(200)
                .body("decision.decision", equalTo("RETURN"))
                .body("decision.instructions", equalTo("全庁的な手順の見直しを加えること"))
                .body("decision.decidedBy", equalTo("ciso"))
                .body("decision.decidedAt", notNullValue());
        JsonPath view = given().auth()
                .oauth2(Tokens.csirt1())
                .get("/api/incidents/" + id)
                .jsonPath();
        assertEquals("RETURNED_BY_CISO", view.getString("state"));
        assertEquals(
                "全庁的な手順の見直しを加えること",
                view.getString("timeline.find { it.type == 'CISO_REVIEW_DECIDED' }.details.instructions"));
        assertEquals(
                "RETURNED_BY_CISO",
                view.getString("timeline.find { it.type == 'CISO_REVIEW_DECIDED' }.details.state.after"));

        // Decided once: neither again nor the other way.
        ReviewFixtures.decide(Tokens.ciso(), id, version, "ACCEPT", null, null)
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("type", endsWith("review.already-decided"));

        ConsumerRecord<String, String> event = KafkaTopics.awaitRecord(
                "horenso.incident-events",
                r -> id.equals(r.key()) && r.value().contains("CisoReviewDecided"),
                Duration.ofSeconds(20));
        EventSchemas.assertValid("CisoReviewDecided", event.value());
        assertEquals(
                "RETURN",
                mapper.readTree(event.value()).get("data").get("decision").asText());
        // The CSIRT is told what to change (第44条5項).
        assertEquals(
                "全庁的な手順の見直しを加えること",
                mapper.readTree(event.value()).get("data").get("instructions").asText());

        // The CSIRT revises and reports again; the CISO accepts the new version.
        ReviewFixtures.recurrencePrevention(em, id, "全庁的な手順の見直し");
        int revised = ReviewFixtures.submit(id);
        assertEquals(version + 1, revised);
        ReviewFixtures.decide(Tokens.ciso(), id, revised, "ACCEPT", null, null)
                .then()
                .statusCode(200);
        given().auth()
                .oauth2(Tokens.csirt1())
                .get("/api/incidents/" + id)
                .then()
                .body("state", equalTo("ACCEPTED_BY_CISO"));
    }

    @Test
    void article14_authorCannotApproveOwnMeasure() {
        String id = Reports.file(Tokens.staff1());
        ReviewFixtures.recurrencePrevention(em, id, "研修を実施する");
        // The CISO wrote one of the measures themselves.
        ReviewFixtures.measure(
                em, id, ResponseAction.Kind.RECURRENCE_PREVENTION, "送信前の二重確認", "ciso", ResponseAction.Status.PLANNED);
        int version = ReviewFixtures.submit(id);

        ReviewFixtures.decide(Tokens.ciso(), id, version, "ACCEPT", null, null)
                .then()
                .statusCode(403)
                .contentType("application/problem+json")
                .body("type", endsWith("review.separation-of-duties.measure-author"))
                .body("detail", containsString("第14条"));
        given().auth()
                .oauth2(Tokens.ciso())
                .header("Accept-Language", "en")
                .contentType(ContentType.JSON)
                .body(Map.of("decision", "ACCEPT"))
                .post("/api/incidents/" + id + "/ciso-reports/" + version + "/decision")
                .then()
                .statusCode(403)
                .body("detail", containsString("Art. 14"));
        given().auth()
                .oauth2(Tokens.csirt1())
                .get("/api/incidents/" + id)
                .then()
                .body("state", equalTo("UNDER_CISO_REVIEW"));

        // Another CISO-role holder who wrote nothing may accept; the author may still return it.
        String deputy = Tokens.token("ciso2", null, "demo-city", "ciso");
        ReviewFixtures.decide(Tokens.ciso(), id, version, "RETURN", "別の承認者に回す", null)
                .then()
                .statusCode(200);
        int again = ReviewFixtures.submit(id);
        ReviewFixtures.decide(deputy, id, again, "ACCEPT", null, null)
                .then()
                .statusCode(200)
                .body("decision.decidedBy", equalTo("ciso2"));
    }

    @Test
    void article14_whoeverSubmittedTheReportCannotAcceptIt() {
        String id = Reports.file(Tokens.staff1());
        ReviewFixtures.recurrencePrevention(em, id, "研修を実施する");
        String both = Tokens.token("dual", null, "demo-city", "csirt", "ciso");
        given().auth()
                .oauth2(both)
                .contentType(ContentType.JSON)
                .body(Map.of())
                .post("/api/incidents/" + id + "/ciso-reports")
                .then()
                .statusCode(201);
        ReviewFixtures.decide(both, id, 1, "ACCEPT", null, null)
                .then()
                .statusCode(403)
                .body("type", endsWith("review.separation-of-duties.submitter"));
    }

    @Test
    void onlyTheLatestReportCanBeDecided() {
        String id = Reports.file(Tokens.staff1());
        ReviewFixtures.recurrencePrevention(em, id, "研修を実施する");
        int first = ReviewFixtures.submit(id);
        int second = ReviewFixtures.submit(id);
        ReviewFixtures.decide(Tokens.ciso(), id, first, "ACCEPT", null, null)
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("type", endsWith("review.not-latest"));
        ReviewFixtures.decide(Tokens.ciso(), id, 99, "ACCEPT", null, null)
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        ReviewFixtures.decide(Tokens.ciso(), id, second, "ACCEPT", null, null)
                .then()
                .statusCode(200);
    }

    @Test
    void aReportWithoutRecurrencePreventionCannotBeAccepted() {
        String id = Reports.file(Tokens.staff1());
        ReviewFixtures.measure(
                em,
                id,
                ResponseAction.Kind.RECURRENCE_PREVENTION,
                "取り消した対策",
                "csirt1",
                ResponseAction.Status.CANCELLED);
        int version = ReviewFixtures.submit(id);
        ReviewFixtures.decide(Tokens.ciso(), id, version, "ACCEPT", null, null)
                .then()
                .statusCode(409)
                .body("type", endsWith("review.no-recurrence-prevention"));
        ReviewFixtures.decide(Tokens.ciso(), id, version, "RETURN", "再発防止策を記載すること", null)
                .then()
                .statusCode(200);
    }

    @Test
    void staffAndCsirtCannotDecideAndOnlyCsirtReports() {
        String id = Reports.file(Tokens.staff1());
        ReviewFixtures.recurrencePrevention(em, id, "研修を実施する");
        int version = ReviewFixtures.submit(id);
        for (String token : new String[] {
            Tokens.staff1(),
            Tokens.csirt1(),
            Tokens.chief1(),
            Tokens.head1(),
            Tokens.seclead(),
            Tokens.auditor(),
            Tokens.committee()
        }) {
            ReviewFixtures.decide(token, id, version, "ACCEPT", null, null)
                    .then()
                    .statusCode(403)
                    .contentType("application/problem+json");
        }
        for (String token : new String[] {Tokens.staff1(), Tokens.ciso(), Tokens.seclead(), Tokens.auditor()}) {
            given().auth()
                    .oauth2(token)
                    .contentType(ContentType.JSON)
                    .body(Map.of())
                    .post("/api/incidents/" + id + "/ciso-reports")
                    .then()
                    .statusCode(403);
        }
        given().contentType(ContentType.JSON)
                .body(Map.of("decision", "ACCEPT"))
                .post("/api/incidents/" + id + "/ciso-reports/" + version + "/decision")
                .then()
                .statusCode(401);
        given().auth()
                .oauth2(Tokens.csirt1())
                .get("/api/incidents/" + id)
                .then()
                .body("state", equalTo("UNDER_CISO_REVIEW"));
    }

    @Test
    void auditorReadsReportsButChangesNothing() {
        String id = Reports.file(Tokens.staff1());
        ReviewFixtures.recurrencePrevention(em, id, "研修を実施する");
        int version = ReviewFixtures.submit(id);
        given().auth()
                .oauth2(Tokens.auditor())
                .get("/api/incidents/" + id + "/ciso-reports")
                .then()
                .statusCode(200)
                .body("", hasSize(1));
        given().auth()
                .oauth2(Tokens.auditor())
                .get("/api/incidents/" + id + "/ciso-reports/" + version)
                .then()
                .statusCode(200)
                .body("snapshot.incidentId", equalTo(id));
        given().auth()
                .oauth2(Tokens.auditor())
                .get("/api/incidents/" + id + "/review")
                .then()
                .statusCode(200)
                .body("state", equalTo("UNDER_CISO_REVIEW"));
        given().auth()
                .oauth2(Tokens.auditor())
                .post("/api/incidents/" + id + "/close")
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(Tokens.auditor())
                .contentType(ContentType.JSON)
                .body(Map.of("reportedAt", "2026-01-01T00:00:00Z", "reference", "x"))
                .post("/api/incidents/" + id + "/committee-report")
                .then()
                .statusCode(403);
        // People outside the review do not read the CISO's reports.
        given().auth()
                .oauth2(Tokens.staff1())
                .get("/api/incidents/" + id + "/ciso-reports")
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(Tokens.chief1())
                .get("/api/incidents/" + id + "/ciso-reports")
                .then()
                .statusCode(403);
        // The committee sees nothing of a case not reported to it.
        given().auth()
                .oauth2(Tokens.committee())
                .get("/api/incidents/" + id + "/ciso-reports")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void badDecisionInputIsRefusedWith400() {
        String id = Reports.file(Tokens.staff1());
        ReviewFixtures.recurrencePrevention(em, id, "研修を実施する");
        int version = ReviewFixtures.submit(id);
        String path = "/api/incidents/" + id + "/ciso-reports/" + version + "/decision";
        given().auth()
                .oauth2(Tokens.ciso())
                .contentType(ContentType.JSON)
                .body(Map.of("decision", "MAYBE"))
                .post(path)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("decision"));
        given().auth()
                .oauth2(Tokens.ciso())
                .contentType(ContentType.JSON)
                .body(Map.of())
                .post(path)
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("decision"));
        given().auth()
                .oauth2(Tokens.ciso())
                .contentType(ContentType.JSON)
                .body(Map.of("decision", "RETURN", "instructions", "x".repeat(10_001)))
                .post(path)
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("instructions"));
        given().auth()
                .oauth2(Tokens.ciso())
                .contentType(ContentType.JSON)
                .body(Map.of("decision", "ACCEPT", "approvedBy", "someone"))
                .post(path)
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("approvedBy"));
        given().auth()
                .oauth2(Tokens.csirt1())
                .contentType(ContentType.JSON)
                .body(Map.of("summary", "x".repeat(10_001)))
                .post("/api/incidents/" + id + "/ciso-reports")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("summary"));
        given().auth()
                .oauth2(Tokens.csirt1())
                .get("/api/incidents/" + id + "/ciso-reports")
                .then()
                .body("", hasSize(1))
                .body("[0].decision", nullValue());
    }

    private static org.hamcrest.Matcher<String> startsWithSha256() {
        return org.hamcrest.Matchers.startsWith("sha-256=:");
    }
}
